"""German translations of SLA calendars (working hours, closed and extra days, public holidays,
business-time errors), merged into de.TRANSLATIONS; split out only to keep each table file short."""

SLA: dict[str, str | list[str]] = {
    # --- Calendar API and validation ---------------------------------------------------------------
    "Times must lie between 00:00 and 24:00.": "Zeiten müssen zwischen 00:00 und 24:00 liegen.",
    "Please correct the calendar.": "Bitte korrigieren Sie den Kalender.",
    "Give the time with its UTC offset.": "Geben Sie die Zeit mit ihrem UTC-Versatz an.",
    "A UTC offset is required.": "Ein UTC-Versatz ist erforderlich.",
    "Please correct the time.": "Bitte korrigieren Sie die Zeit.",
    "Out of range.": "Außerhalb des zulässigen Bereichs.",
    "Only admins may change calendars.": "Nur Administratoren dürfen Kalender ändern.",
    "Required.": "Erforderlich.",
    "A calendar with this name exists already.": "Es gibt bereits einen Kalender mit diesem Namen.",
    "Another calendar was made the default at the same time; try again.": (
        "Gleichzeitig wurde ein anderer Kalender zum Standardkalender gemacht; bitte versuchen Sie es erneut."
    ),
    "An extra working day needs working hours.": "Ein zusätzlicher Arbeitstag braucht Arbeitszeiten.",
    "A date cannot be both a closed day and an extra working day: %(dates)s.": (
        "Ein Datum kann nicht zugleich arbeitsfreier Tag und zusätzlicher Arbeitstag sein: %(dates)s."
    ),
    "At most %(count)d characters.": "Höchstens %(count)d Zeichen.",
    "Give working hours by weekday, Monday to Sunday.": "Geben Sie die Arbeitszeiten je Wochentag an, von Montag bis Sonntag.",
    "Give at least one weekday working hours; without them no due time can ever be reached.": (
        "Geben Sie für mindestens einen Wochentag Arbeitszeiten an; ohne sie kann nie ein Fälligkeitszeitpunkt erreicht werden."
    ),
    "Invalid list of days.": "Ungültige Liste von Tagen.",
    "At most %(count)d days.": "Höchstens %(count)d Tage.",
    "Dates must lie between the years %(first)d and %(last)d.": "Daten müssen zwischen den Jahren %(first)d und %(last)d liegen.",
    "%(date)s is listed twice.": "%(date)s ist doppelt aufgeführt.",
    "Times must be whole minutes.": "Zeiten müssen ganze Minuten sein.",
    "%(interval)s: the start must be before the end.": "%(interval)s: Der Beginn muss vor dem Ende liegen.",
    "At most %(count)d intervals per day.": "Höchstens %(count)d Zeiträume pro Tag.",
    "%(first)s and %(second)s overlap.": "%(first)s und %(second)s überschneiden sich.",
    "Calendar not found.": "Kalender nicht gefunden.",
    # --- Business time, public holidays, time zones --------------------------------------------------
    "A due time more than %(years)d years ahead is not supported.": (
        "Ein Fälligkeitszeitpunkt mehr als %(years)d Jahre in der Zukunft wird nicht unterstützt."
    ),
    "The calendar has no working hours on or after %(day)s.": "Der Kalender hat ab dem %(day)s keine Arbeitszeiten mehr.",
    "Choose a country for this region.": "Wählen Sie ein Land für diese Region.",
    "Public holidays are not available for the country “%(code)s”.": "Für das Land „%(code)s“ sind keine Feiertage verfügbar.",
    "Unknown region “%(code)s” for %(country)s (known: %(known)s).": ("Unbekannte Region „%(code)s“ für %(country)s (bekannt: %(known)s)."),
    "The calendar's public holidays are known from %(first)s to %(last)s; %(day)s is outside.": (
        "Die Feiertage des Kalenders sind vom %(first)s bis zum %(last)s bekannt; %(day)s liegt außerhalb."
    ),
    "“%(name)s” is not a known time zone; use an IANA name such as Europe/Budapest.": (
        "„%(name)s“ ist keine bekannte Zeitzone; verwenden Sie einen IANA-Namen wie Europe/Budapest."
    ),
    # --- Choices and model fields --------------------------------------------------------------------
    "Monday": "Montag",
    "Tuesday": "Dienstag",
    "Wednesday": "Mittwoch",
    "Thursday": "Donnerstag",
    "Friday": "Freitag",
    "Saturday": "Samstag",
    "Sunday": "Sonntag",
    "public holidays of country": "Feiertage des Landes",
    "region": "Region",
    "work on national weekend working days": "an landesweit festgelegten Wochenend-Arbeitstagen arbeiten",
    "default calendar": "Standardkalender",
    "start": "Beginn",
    "end": "Ende",
    "weekday": "Wochentag",
    "date": "Datum",
}
