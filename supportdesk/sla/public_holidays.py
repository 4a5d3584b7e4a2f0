"""Public holidays and national weekend working days from the `holidays` package, by country and region.

Countries are ISO 3166-1 alpha-2 codes and regions the package's subdivision codes (DE "BY",
GB "SCT", AT "9"...). Some countries move a day off next to a holiday and make a Saturday a working
day in exchange (Hungary 2025: Friday 2 May off, Saturday 17 May worked); the package knows both
halves, and a calendar takes both, so the swap does not only ever lose working time.

Results are memoised per (country, region, year): they depend only on the installed package
version, are immutable, and building a year can take milliseconds.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
from django.utils.translation import gettext as _

MIN_YEAR = 1900
MAX_YEAR = 2200


@lru_cache(maxsize=1)
def supported_regions() -> dict[str, tuple[str, ...]]:
    """Country code -> its subdivision codes, as the installed `holidays` package supports them."""
    return {country: tuple(subdivisions) for country, subdivisions in holidays.list_supported_countries().items()}


def canonical_region(country: str, subdivision: str) -> tuple[str, str]:
    """Normalise case ('hu' -> 'HU', 'eng' -> 'ENG'); raises ValueError with a field name and a reason.

    An empty country means "no public holidays"; a subdivision needs a country.
    """
    country = (country or "").strip().upper()
    subdivision = (subdivision or "").strip()
    if not country:
        if subdivision:
            raise RegionError("holiday_subdivision", _("Choose a country for this region."))
        return "", ""
    regions = supported_regions()
    if len(country) != 2 or country not in regions:
        raise RegionError("holiday_country", _("Public holidays are not available for the country “%(code)s”.") % {"code": country[:8]})
    if not subdivision:
        return country, ""
    by_folded = {code.casefold(): code for code in regions[country]}
    code = by_folded.get(subdivision.casefold())
    if code is None:
        known = ", ".join(regions[country]) or _("none")
        raise RegionError(
            "holiday_subdivision",
            _("Unknown region “%(code)s” for %(country)s (known: %(known)s).")
            % {"code": subdivision[:16], "country": country, "known": known},
        )
    return country, code


class RegionError(ValueError):
    """A country or region the `holidays` package does not know; `field` names the offending input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@lru_cache(maxsize=1024)
def _year(country: str, subdivision: str, year: int) -> tuple[tuple[tuple[date, str], ...], frozenset[date]]:
    table = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    days = tuple(sorted((day, str(name)) for day, name in table.items() if day.year == year))
    workdays = frozenset(day for day in getattr(table, "weekend_workdays", ()) if day.year == year)
    return days, workdays


def public_holidays(country: str, subdivision: str, first_year: int, last_year: int) -> dict[date, str]:
    """Date -> holiday name for the years first_year..last_year (inclusive); empty without a country."""
    if not country:
        return {}
    _check_years(first_year, last_year)
    result: dict[date, str] = {}
    for year in range(first_year, last_year + 1):
        result.update(_year(country, subdivision, year)[0])
    return result


def weekend_workdays(country: str, subdivision: str, first_year: int, last_year: int) -> frozenset[date]:
    """Weekend dates the country declared working days (in exchange for a day off), in those years."""
    if not country:
        return frozenset()
    _check_years(first_year, last_year)
    days: set[date] = set()
    for year in range(first_year, last_year + 1):
        days |= _year(country, subdivision, year)[1]
    return frozenset(days)


def _check_years(first_year: int, last_year: int) -> None:
    if not MIN_YEAR <= first_year <= last_year <= MAX_YEAR:
        raise ValueError(f"years must satisfy {MIN_YEAR} <= first <= last <= {MAX_YEAR}, got {first_year}..{last_year}")
