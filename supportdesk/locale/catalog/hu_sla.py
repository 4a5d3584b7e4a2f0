"""Hungarian translations of SLA calendars (working hours, closed and extra days, public holidays,
business-time errors), merged into hu.TRANSLATIONS; split out only to keep each table file short."""

SLA: dict[str, str | list[str]] = {
    # --- Calendar API and validation ---------------------------------------------------------------
    "Times must lie between 00:00 and 24:00.": "Az időpontoknak 00:00 és 24:00 között kell lenniük.",
    "Please correct the calendar.": "Kérjük, javítsa a naptárat.",
    "Give the time with its UTC offset.": "Adja meg az időpontot az UTC-eltéréssel együtt.",
    "A UTC offset is required.": "Az UTC-eltérés megadása kötelező.",
    "Please correct the time.": "Kérjük, javítsa az időpontot.",
    "Out of range.": "Az érvényes tartományon kívül esik.",
    "Only admins may change calendars.": "Naptárat csak adminisztrátor módosíthat.",
    "Required.": "Kötelező.",
    "A calendar with this name exists already.": "Már létezik ilyen nevű naptár.",
    "Another calendar was made the default at the same time; try again.": (
        "Ezzel egy időben egy másik naptárat tettek alapértelmezetté; próbálja újra."
    ),
    "An extra working day needs working hours.": "A külön munkanaphoz munkaidőt kell megadni.",
    "A date cannot be both a closed day and an extra working day: %(dates)s.": (
        "Egy dátum nem lehet egyszerre szünnap és külön munkanap: %(dates)s."
    ),
    "At most %(count)d characters.": "Legfeljebb %(count)d karakter.",
    "Give working hours by weekday, Monday to Sunday.": "Adja meg a munkaidőt a hét napjai szerint, hétfőtől vasárnapig.",
    "Give at least one weekday working hours; without them no due time can ever be reached.": (
        "Legalább a hét egy napjára adjon meg munkaidőt; enélkül egyetlen határidő sem járhat le soha."
    ),
    "Invalid list of days.": "Érvénytelen naplista.",
    "At most %(count)d days.": "Legfeljebb %(count)d nap.",
    "Dates must lie between the years %(first)d and %(last)d.": "A dátumoknak %(first)d és %(last)d közé kell esniük.",
    "%(date)s is listed twice.": "%(date)s kétszer szerepel.",
    "Times must be whole minutes.": "Az időpontokat egész percre kell megadni.",
    "%(interval)s: the start must be before the end.": "%(interval)s: a kezdésnek a befejezés előtt kell lennie.",
    "At most %(count)d intervals per day.": "Naponta legfeljebb %(count)d időszak.",
    "%(first)s and %(second)s overlap.": "%(first)s és %(second)s átfedik egymást.",
    "Calendar not found.": "A naptár nem található.",
    # --- Business time, public holidays, time zones --------------------------------------------------
    "A due time more than %(years)d years ahead is not supported.": "A %(years)d évnél távolabbi határidő nem támogatott.",
    "The calendar has no working hours on or after %(day)s.": "A naptárban ezen a napon és utána nincs munkaidő: %(day)s.",
    "Choose a country for this region.": "Válasszon országot ehhez a régióhoz.",
    "Public holidays are not available for the country “%(code)s”.": ("A(z) „%(code)s” országhoz nem érhetők el munkaszüneti napok."),
    "Unknown region “%(code)s” for %(country)s (known: %(known)s).": (
        "Ismeretlen régió („%(code)s”) ebben az országban: %(country)s (ismert régiók: %(known)s)."
    ),
    "The calendar's public holidays are known from %(first)s to %(last)s; %(day)s is outside.": (
        "A naptár munkaszüneti napjai %(first)s és %(last)s között ismertek; %(day)s ezen kívül esik."
    ),
    "“%(name)s” is not a known time zone; use an IANA name such as Europe/Budapest.": (
        "A(z) „%(name)s” nem ismert időzóna; IANA-nevet használjon, például Europe/Budapest."
    ),
    # --- Choices and model fields --------------------------------------------------------------------
    "Monday": "Hétfő",
    "Tuesday": "Kedd",
    "Wednesday": "Szerda",
    "Thursday": "Csütörtök",
    "Friday": "Péntek",
    "Saturday": "Szombat",
    "Sunday": "Vasárnap",
    "public holidays of country": "munkaszüneti napok országa",
    "region": "régió",
    "work on national weekend working days": "munkavégzés az áthelyezett hétvégi munkanapokon",
    "default calendar": "alapértelmezett naptár",
    "start": "kezdés",
    "end": "befejezés",
    "weekday": "a hét napja",
    "date": "dátum",
}
