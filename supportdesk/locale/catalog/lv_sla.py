"""Latvian translations of SLA calendars (working hours, closed and extra days, public holidays,
business-time errors), merged into lv.TRANSLATIONS; split out only to keep each table file short."""

SLA: dict[str, str | list[str]] = {
    # --- Calendar API and validation ---------------------------------------------------------------
    "Times must lie between 00:00 and 24:00.": "Laikiem jābūt no 00:00 līdz 24:00.",
    "Please correct the calendar.": "Lūdzu, izlabojiet kalendāru.",
    "Give the time with its UTC offset.": "Norādiet laiku kopā ar tā UTC nobīdi.",
    "A UTC offset is required.": "Jānorāda UTC nobīde.",
    "Please correct the time.": "Lūdzu, izlabojiet laiku.",
    "Out of range.": "Ārpus pieļaujamā diapazona.",
    "Only admins may change calendars.": "Kalendārus drīkst mainīt tikai administratori.",
    "Required.": "Obligāts.",
    "A calendar with this name exists already.": "Kalendārs ar šo nosaukumu jau pastāv.",
    "Another calendar was made the default at the same time; try again.": (
        "Vienlaikus par noklusējuma kalendāru tika iestatīts cits kalendārs; mēģiniet vēlreiz."
    ),
    "An extra working day needs working hours.": "Papildu darba dienai jānorāda darba laiks.",
    "A date cannot be both a closed day and an extra working day: %(dates)s.": (
        "Datums nevar vienlaikus būt gan brīvdiena, gan papildu darba diena: %(dates)s."
    ),
    "At most %(count)d characters.": "Ne vairāk kā %(count)d rakstzīmes.",
    "Give working hours by weekday, Monday to Sunday.": "Norādiet darba laiku katrai nedēļas dienai no pirmdienas līdz svētdienai.",
    "Give at least one weekday working hours; without them no due time can ever be reached.": (
        "Norādiet darba laiku vismaz vienai nedēļas dienai; bez tā neviens termiņš nekad netiks sasniegts."
    ),
    "Invalid list of days.": "Nederīgs dienu saraksts.",
    "At most %(count)d days.": "Ne vairāk kā %(count)d dienas.",
    "Dates must lie between the years %(first)d and %(last)d.": "Datumiem jābūt no %(first)d. līdz %(last)d. gadam.",
    "%(date)s is listed twice.": "%(date)s ir norādīts divreiz.",
    "Times must be whole minutes.": "Laikiem jābūt norādītiem veselās minūtēs.",
    "%(interval)s: the start must be before the end.": "%(interval)s: sākumam jābūt pirms beigām.",
    "At most %(count)d intervals per day.": "Ne vairāk kā %(count)d intervāli dienā.",
    "%(first)s and %(second)s overlap.": "%(first)s un %(second)s pārklājas.",
    "Calendar not found.": "Kalendārs nav atrasts.",
    # --- Business time, public holidays, time zones --------------------------------------------------
    "A due time more than %(years)d years ahead is not supported.": (
        "Termiņš, kas ir vairāk nekā %(years)d gadus nākotnē, netiek atbalstīts."
    ),
    "The calendar has no working hours on or after %(day)s.": "Kalendārā nav darba laika %(day)s un vēlāk.",
    "Choose a country for this region.": "Izvēlieties valsti šim reģionam.",
    "Public holidays are not available for the country “%(code)s”.": "Valstij “%(code)s” svētku dienas nav pieejamas.",
    "Unknown region “%(code)s” for %(country)s (known: %(known)s).": (
        "Nezināms reģions “%(code)s” valstij %(country)s (zināmie: %(known)s)."
    ),
    "The calendar's public holidays are known from %(first)s to %(last)s; %(day)s is outside.": (
        "Kalendāra svētku dienas ir zināmas no %(first)s līdz %(last)s; %(day)s ir ārpus šī perioda."
    ),
    "“%(name)s” is not a known time zone; use an IANA name such as Europe/Budapest.": (
        "“%(name)s” nav zināma laika josla; izmantojiet IANA nosaukumu, piemēram, Europe/Budapest."
    ),
    # --- Choices and model fields --------------------------------------------------------------------
    "Monday": "Pirmdiena",
    "Tuesday": "Otrdiena",
    "Wednesday": "Trešdiena",
    "Thursday": "Ceturtdiena",
    "Friday": "Piektdiena",
    "Saturday": "Sestdiena",
    "Sunday": "Svētdiena",
    "public holidays of country": "svētku dienu valsts",
    "region": "reģions",
    "work on national weekend working days": "strādāt valstī noteiktajās nedēļas nogales darba dienās",
    "default calendar": "noklusējuma kalendārs",
    "start": "sākums",
    "end": "beigas",
    "weekday": "nedēļas diena",
    "date": "datums",
}
