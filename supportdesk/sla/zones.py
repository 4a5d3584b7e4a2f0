"""Time zone names a calendar may use: IANA names that zoneinfo can load on this system."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from django.utils.translation import gettext as _

# Present on some systems, but they name the server's own zone or a placeholder, not a place.
_NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_PLACES


def time_zone_error(name: object) -> str | None:
    """Why `name` is not a usable IANA time zone (e.g. 'Europe/Budapest'), or None.

    Checked against the list of names rather than by loading the name, so a value such as
    '../../etc/passwd' is never used as a path.
    """
    if not isinstance(name, str) or name not in _known():
        shown = str(name)[:64]
        return _("“%(name)s” is not a known time zone; use an IANA name such as Europe/Budapest.") % {"name": shown}
    return None
