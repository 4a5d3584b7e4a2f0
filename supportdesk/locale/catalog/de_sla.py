"""German translations of the SLA: calendars (working hours, closed and extra days, public holidays,
business-time errors), policies and their admin pages, clocks and timeline sentences, warnings,
escalations, notifications and webhooks, the inbox column and the ticket panel; merged into
de.TRANSLATIONS and split out only to keep each table file short."""

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
    "SLA policies use this calendar; give them another calendar first.": (
        "SLA-Richtlinien verwenden diesen Kalender; weisen Sie ihnen zuerst einen anderen Kalender zu."
    ),
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
    # --- Targets, clocks, audiences, escalation actions (sla.choices) ---------------------------------
    "First response": "Erste Antwort",
    "Next response": "Nächste Antwort",
    "Resolution": "Lösung",
    "Running": "Läuft",
    "Met": "Eingehalten",
    "Breached": "Verletzt",
    "Cancelled": "Abgebrochen",
    "Ticket owner": "Bearbeiter des Tickets",
    "Group supervisors": "Teamleiter der Gruppe",
    "Named manager": "Benannter Vorgesetzter",
    "Owner's manager": "Vorgesetzter des Bearbeiters",
    "In-app notification": "Benachrichtigung in der App",
    "Webhook": "Webhook",
    "Notify": "Benachrichtigen",
    "Raise priority": "Priorität erhöhen",
    "Reassign to group": "Neu zuweisen an Gruppe",
    # --- Times as agents see them: inbox column, ticket panel, risk (sla.display) ----------------------
    "< 1 min": "< 1 Min.",
    "%(minutes)d min": "%(minutes)d Min.",
    "%(hours)d h": "%(hours)d Std.",
    "%(hours)d h %(minutes)d min": "%(hours)d Std. %(minutes)d Min.",
    "overdue": "überfällig",
    "overdue %(duration)s": "%(duration)s überfällig",
    "paused": "pausiert",
    "SLA": "SLA",
    "%(metric)s due %(due)s": "%(metric)s fällig am %(due)s",
    "target %(target)s": "Ziel %(target)s",
    "Position %(position)d of %(backlog)d in the group's queue": "Position %(position)d von %(backlog)d in der Warteschlange der Gruppe",
    "no agent of the group can answer": "kein Agent der Gruppe kann antworten",
    "about %(rate)s replies per business hour with %(agents)d agent on shift": [
        "etwa %(rate)s Antworten pro Arbeitsstunde bei %(agents)d Agenten im Dienst",
        "etwa %(rate)s Antworten pro Arbeitsstunde bei %(agents)d Agenten im Dienst",
    ],
    "nobody on shift now; about %(rate)s replies per business hour once the team is in": (
        "derzeit niemand im Dienst; etwa %(rate)s Antworten pro Arbeitsstunde, sobald das Team da ist"
    ),
    "expected wait %(wait)s (answer around %(expected)s)": "voraussichtliche Wartezeit %(wait)s (Antwort gegen %(expected)s)",
    "expected wait %(wait)s": "voraussichtliche Wartezeit %(wait)s",
    "due %(due)s": "fällig am %(due)s",
    "< 0.1": "< 0,1",
    "%(metric)s (#%(cycle)d)": "%(metric)s (Nr. %(cycle)d)",
    "met in %(duration)s": "eingehalten nach %(duration)s",
    "breached by %(duration)s": "um %(duration)s überschritten",
    "stopped %(when)s": "beendet am %(when)s",
    "paused, %(left)s left": "pausiert, noch %(left)s",
    "paused, overdue": "pausiert, überfällig",
    "paused for %(duration)s": "%(duration)s pausiert",
    "running": "läuft",
    "%(left)s left": "noch %(left)s",
    "paused for %(duration)s so far": "bisher %(duration)s pausiert",
    "at risk": "gefährdet",
    "At risk": "Gefährdet",
    "Policy": "Richtlinie",
    "Target": "Ziel",
    "due": "fällig",
    "No targets apply.": "Es gelten keine Ziele.",
    # --- Timeline sentences (sla.display.event_sentence) ----------------------------------------------
    "SLA policy %(policy)s applied": "SLA-Richtlinie %(policy)s angewendet",
    "%(metric)s met (at the target)": "%(metric)s eingehalten (genau zum Fälligkeitszeitpunkt)",
    "%(metric)s met (%(duration)s before the target)": "%(metric)s eingehalten (%(duration)s vor dem Fälligkeitszeitpunkt)",
    "%(metric)s breached by %(duration)s": "%(metric)s um %(duration)s überschritten",
    "%(metric)s clock cancelled (no SLA target applies)": "Zeitmessung für %(metric)s abgebrochen (kein SLA-Ziel anwendbar)",
    "%(metric)s clock resumed": "Zeitmessung für %(metric)s fortgesetzt",
    "%(metric)s target breached (due time passed)": "Ziel für %(metric)s verletzt (Fälligkeitszeitpunkt überschritten)",
    "SLA warning: %(metric)s, %(step)s": "SLA-Warnung: %(metric)s, %(step)s",
    "SLA warning: %(metric)s": "SLA-Warnung: %(metric)s",
    "SLA escalation level %(level)d: %(metric)s": "SLA-Eskalationsstufe %(level)d: %(metric)s",
    "SLA escalation: %(metric)s": "SLA-Eskalation: %(metric)s",
    "%(metric)s predicted to be missed": "%(metric)s wird voraussichtlich verfehlt",
    "SLA: %(what)s (%(metric)s)": "SLA: %(what)s (%(metric)s)",
    "%(percent)s%% of the target used": "%(percent)s %% der Zielzeit verbraucht",
    "%(duration)s before the due time": "%(duration)s vor dem Fälligkeitszeitpunkt",
    # --- Notifications and mail (sla.notify, sla.webhook, templates/sla/mail) -------------------------
    "SLA warning: %(metric)s due %(due)s on %(number)s %(subject)s": "SLA-Warnung: %(metric)s fällig am %(due)s für %(number)s %(subject)s",
    "SLA breached: %(metric)s was due %(due)s on %(number)s %(subject)s": (
        "SLA verletzt: %(metric)s war fällig am %(due)s für %(number)s %(subject)s"
    ),
    "SLA escalation level %(level)s: %(metric)s was due %(due)s on %(number)s %(subject)s": (
        "SLA-Eskalationsstufe %(level)s: %(metric)s war fällig am %(due)s für %(number)s %(subject)s"
    ),
    "SLA at risk: %(metric)s due %(due)s is unlikely to be met on %(number)s %(subject)s": (
        "SLA gefährdet: %(metric)s, fällig am %(due)s, wird voraussichtlich verfehlt für %(number)s %(subject)s"
    ),
    "SLA notice: %(metric)s due %(due)s on %(number)s %(subject)s": "SLA-Hinweis: %(metric)s fällig am %(due)s für %(number)s %(subject)s",
    "target": "Ziel",
    "This message was sent automatically by Supportdesk.": "Diese Nachricht wurde automatisch von Supportdesk gesendet.",
    "SLA webhook of policy %(policy)s to %(host)s was refused: the address is not allowed.": (
        "Der SLA-Webhook der Richtlinie %(policy)s an %(host)s wurde abgewiesen: Die Adresse ist nicht erlaubt."
    ),
    "SLA webhook of policy %(policy)s to %(host)s failed %(count)s times and was given up.": (
        "Der SLA-Webhook der Richtlinie %(policy)s an %(host)s ist %(count)s-mal fehlgeschlagen und wurde aufgegeben."
    ),
    # --- Calendar admin pages (sla.forms, templates/sla) ----------------------------------------------
    "Write hours as 08:00-12:00, 13:00-17:00.": "Geben Sie Zeiten als 08:00-12:00, 13:00-17:00 an.",
    "Give minutes (90) or hours and minutes (1:30).": "Geben Sie Minuten (90) oder Stunden und Minuten (1:30) an.",
    "At most %(max)d minutes.": "Höchstens %(max)d Minuten.",
    "Time zone": "Zeitzone",
    "Public holidays of": "Feiertage des Landes",
    "Region": "Region",
    "A region code of the country, e.g. BY for Bavaria; empty for national holidays.": (
        "Regionscode des Landes, z. B. BY für Bayern; leer für landesweite Feiertage."
    ),
    "Work on weekend days the country declares working days": "An Wochenendtagen arbeiten, die das Land zu Arbeitstagen erklärt",
    "Default calendar (for policies without one)": "Standardkalender (für Richtlinien ohne eigenen Kalender)",
    "Closed days": "Arbeitsfreie Tage",
    "One per line: a date (YYYY-MM-DD) and an optional name.": "Einer pro Zeile: ein Datum (JJJJ-MM-TT) und optional ein Name.",
    "Extra working days": "Zusätzliche Arbeitstage",
    "One per line: a date, its hours and an optional name.": "Einer pro Zeile: ein Datum, seine Arbeitszeiten und optional ein Name.",
    "Line %(n)d: start with a date, e.g. 2026-12-24.": "Zeile %(n)d: Beginnen Sie mit einem Datum, z. B. 2026-12-24.",
    "Line %(n)d: %(error)s": "Zeile %(n)d: %(error)s",
    "Entry %(n)d: %(error)s": "Eintrag %(n)d: %(error)s",
    "Start (local time of the calendar)": "Beginn (Ortszeit des Kalenders)",
    "Business time": "Dauer in Arbeitszeit",
    "Minutes (240) or hours and minutes (4:00).": "Minuten (240) oder Stunden und Minuten (4:00).",
    "Give a duration.": "Geben Sie eine Dauer an.",
    "Calendar created.": "Kalender angelegt.",
    "Calendar saved.": "Kalender gespeichert.",
    "Calendar deleted.": "Kalender gelöscht.",
    "Calendars": "Kalender",
    "SLA settings": "SLA-Einstellungen",
    "New calendar": "Neuer Kalender",
    "Calendar %(name)s": "Kalender %(name)s",
    "Working hours": "Arbeitszeiten",
    "Several intervals a day are separated by commas, e.g. 08:00-12:00, 13:00-17:00. "
    "Leave a day empty when closed; 24:00 ends a whole day.": (
        "Mehrere Zeiträume pro Tag trennen Sie durch Kommas, z. B. 08:00-12:00, 13:00-17:00. "
        "Lassen Sie arbeitsfreie Tage leer; 24:00 steht für das Ende des Tages."
    ),
    "Check a due time": "Fälligkeitszeitpunkt prüfen",
    "Compute": "Berechnen",
    "%(minutes)s of business time after %(start)s is due at %(time)s (%(zone)s).": (
        "Bei %(minutes)s Arbeitszeit ab %(start)s ist der Fälligkeitszeitpunkt %(time)s (%(zone)s)."
    ),
    "Delete calendar": "Kalender löschen",
    "SLA due times count only the working hours of a policy's calendar, without public holidays and closed days.": (
        "SLA-Fälligkeitszeitpunkte zählen nur die Arbeitszeiten im Kalender einer Richtlinie, ohne Feiertage und arbeitsfreie Tage."
    ),
    "Public holidays": "Feiertage",
    "Used by policies": "Von Richtlinien verwendet",
    "default": "Standard",
    "yes": "ja",
    "no": "nein",
    "No calendars yet: due times count round the clock.": "Noch keine Kalender: Fälligkeitszeitpunkte zählen rund um die Uhr.",
    # --- Policy admin pages and API (sla.forms, sla.policies, sla.policy_rules, templates/sla) ----------
    "Active": "Aktiv",
    "Calendar": "Kalender",
    "Manager": "Vorgesetzter",
    'Notified when the audience "Named manager" is chosen.': (
        "Wird benachrichtigt, wenn als Empfänger „Benannter Vorgesetzter“ gewählt ist."
    ),
    "Webhook URL": "Webhook-URL",
    "Receives signed JSON for warnings and steps sent by webhook.": (
        "Empfängt signiertes JSON für Warnungen und Stufen, die per Webhook gesendet werden."
    ),
    "States that pause the clocks": "Status, die die Zeitmessung pausieren",
    "Default calendar": "Standardkalender",
    "Field": "Feld",
    "Operator": "Operator",
    "Value": "Wert",
    "When": "Wann",
    "% of the target used": "Prozent der Zielzeit verbraucht",
    "before the due time (h:mm)": "vor dem Fälligkeitszeitpunkt (h:mm)",
    "Amount": "Schwelle",
    "By": "Per",
    "by": "per",
    "After the breach (h:mm)": "Nach der Verletzung (h:mm)",
    "Raise priority to": "Priorität erhöhen auf",
    "Customer tier": "Servicestufe des Kunden",
    "Channel": "Kanal",
    "Custom field %(key)s": "Benutzerdefiniertes Feld %(key)s",
    "Any priority": "Jede Priorität",
    "any priority": "jede Priorität",
    "A whole percentage from 1 to 99.": "Ein ganzzahliger Prozentwert von 1 bis 99.",
    "Unknown name: %(name)s.": "Unbekannter Name: %(name)s.",
    "%(count)s open tickets recomputed.": "%(count)s offene Tickets neu berechnet.",
    "%(done)s tickets recomputed (%(rate).0f/s)": "%(done)s Tickets neu berechnet (%(rate).0f/s)",
    "order": "Reihenfolge",
    "calendar": "Kalender",
    "conditions": "Bedingungen",
    "targets": "Ziele",
    "states that pause the clock": "Status, die die Zeitmessung pausieren",
    "warnings": "Warnungen",
    "escalations": "Eskalationen",
    "webhook URL": "Webhook-URL",
    "SLA policy": "SLA-Richtlinie",
    "SLA policies": "SLA-Richtlinien",
    "Only admins may change SLA policies.": "Nur Administratoren dürfen SLA-Richtlinien ändern.",
    "SLA policy not found.": "SLA-Richtlinie nicht gefunden.",
    "At most %(count)d SLA policies.": "Höchstens %(count)d SLA-Richtlinien.",
    "Give the policy ids in order.": "Geben Sie die Richtlinien-IDs in der gewünschten Reihenfolge an.",
    "A list of ids.": "Eine Liste von IDs.",
    "The list must name every SLA policy exactly once.": "Die Liste muss jede SLA-Richtlinie genau einmal enthalten.",
    "List every policy exactly once.": "Führen Sie jede Richtlinie genau einmal auf.",
    "An SLA policy with this name exists already.": "Es gibt bereits eine SLA-Richtlinie mit diesem Namen.",
    "No such calendar.": "Diesen Kalender gibt es nicht.",
    "Choose an active helpdesk agent.": "Wählen Sie einen aktiven Helpdesk-Agenten.",
    "The SLA policy is not valid.": "Die SLA-Richtlinie ist ungültig.",
    "Use an id.": "Verwenden Sie eine ID.",
    "Give a URL.": "Geben Sie eine URL an.",
    "The host resolves to an invalid address.": "Der Host wird zu einer ungültigen Adresse aufgelöst.",
    "Webhooks cannot go to loopback, private, link-local or reserved addresses (%(address)s).": (
        "Webhooks dürfen nicht an Loopback-, private, Link-Local- oder reservierte Adressen gehen (%(address)s)."
    ),
    "A URL cannot contain spaces or control characters.": "Eine URL darf keine Leer- oder Steuerzeichen enthalten.",
    "Use an http:// or https:// URL.": "Verwenden Sie eine URL mit http:// oder https://.",
    "Do not put credentials in the URL; deliveries are signed instead.": (
        "Geben Sie keine Zugangsdaten in der URL an; Zustellungen werden stattdessen signiert."
    ),
    "The host name does not resolve.": "Der Hostname lässt sich nicht auflösen.",
    "No such group: %(ids)s.": "Unbekannte Gruppe: %(ids)s.",
    "No such organization: %(ids)s.": "Unbekannte Organisation: %(ids)s.",
    "Choose the policy's manager to notify a named manager.": (
        "Wählen Sie den Vorgesetzten der Richtlinie, um einen benannten Vorgesetzten zu benachrichtigen."
    ),
    "Give the policy a webhook URL to notify by webhook.": (
        "Hinterlegen Sie für die Richtlinie eine Webhook-URL, um per Webhook zu benachrichtigen."
    ),
    "Must be a list.": "Muss eine Liste sein.",
    "At most %(n)s entries.": "Höchstens %(n)s Einträge.",
    "A condition has exactly: field, op, value.": "Eine Bedingung hat genau: field, op, value.",
    "Tags support: %(ops)s.": "Tags unterstützen: %(ops)s.",
    "A tag name is required.": "Bitte geben Sie einen Tag-Namen an.",
    "Name the custom field, e.g. custom_field.product.": "Geben Sie das benutzerdefinierte Feld an, z. B. custom_field.product.",
    "Custom fields support: %(ops)s.": "Benutzerdefinierte Felder unterstützen: %(ops)s.",
    "Unknown field %(field)s.": "Unbekanntes Feld %(field)s.",
    "Unknown operator %(op)s.": "Unbekannter Operator %(op)s.",
    "Use ids.": "Verwenden Sie IDs.",
    "Invalid value.": "Ungültiger Wert.",
    "Give a non-empty list of values.": "Geben Sie eine nicht leere Liste von Werten an.",
    "Whole minutes from %(low)s to %(high)s.": "Ganze Minuten von %(low)s bis %(high)s.",
    "Give at least one target.": "Geben Sie mindestens ein Ziel an.",
    'Give minutes per target, e.g. {"first_response": 240}.': 'Geben Sie Minuten je Ziel an, z. B. {"first_response": 240}.',
    "Unknown target; use %(names)s.": "Unbekanntes Ziel; verwenden Sie %(names)s.",
    "These states cannot pause a clock: %(states)s.": "Diese Status können die Zeitmessung nicht pausieren: %(states)s.",
    "Choose at least one.": "Wählen Sie mindestens einen Eintrag.",
    "Choose from: %(values)s.": "Wählen Sie aus: %(values)s.",
    "Unknown keys: %(keys)s.": "Unbekannte Schlüssel: %(keys)s.",
    "Give either percent or minutes_before.": "Geben Sie entweder percent oder minutes_before an.",
    "The same warning is given twice.": "Dieselbe Warnung ist doppelt angegeben.",
    "A level has: after_minutes, actions.": "Eine Stufe hat: after_minutes, actions.",
    "Each level must come later than the one before.": "Jede Stufe muss später kommen als die vorherige.",
    "Give at least one action.": "Geben Sie mindestens eine Aktion an.",
    "Unknown action; use %(names)s.": "Unbekannte Aktion; verwenden Sie %(names)s.",
    "notify takes: audience, channels.": "notify erwartet: audience, channels.",
    "%(action)s takes: value.": "%(action)s erwartet: value.",
    "A group id.": "Eine Gruppen-ID.",
    "A tag of 1 to 64 characters.": "Ein Tag mit 1 bis 64 Zeichen.",
    "SLA policy created.": "SLA-Richtlinie angelegt.",
    "SLA policy saved.": "SLA-Richtlinie gespeichert.",
    "Choose up or down.": "Wählen Sie nach oben oder nach unten.",
    "SLA policy deleted.": "SLA-Richtlinie gelöscht.",
    "New policy": "Neue Richtlinie",
    "A ticket gets the first active policy, from the top, whose conditions all hold.": (
        "Ein Ticket erhält von oben gezählt die erste aktive Richtlinie, deren Bedingungen alle erfüllt sind."
    ),
    "Order": "Reihenfolge",
    "Targets": "Ziele",
    "Conditions": "Bedingungen",
    "%(counter)s condition": ["%(counter)s Bedingung", "%(counter)s Bedingungen"],
    "Move %(name)s up": "%(name)s nach oben verschieben",
    "Move %(name)s down": "%(name)s nach unten verschieben",
    "No SLA policies yet.": "Noch keine SLA-Richtlinien.",
    "New SLA policy": "Neue SLA-Richtlinie",
    "SLA policy %(name)s": "SLA-Richtlinie %(name)s",
    "All filled rows must hold; no rows means every ticket. "
    "For “in” and “not in”, separate values with commas; groups and organizations by name.": (
        "Alle ausgefüllten Zeilen müssen zutreffen; ohne Zeilen gilt die Richtlinie für jedes Ticket. "
        "Trennen Sie bei „in“ und „not in“ die Werte durch Kommas; Gruppen und Organisationen geben Sie mit Namen an."
    ),
    "Targets in business time (h:mm or minutes)": "Ziele in Arbeitszeit (h:mm oder Minuten)",
    "A priority's own target wins over “Any priority”. Leave empty for no target.": (
        "Das eigene Ziel einer Priorität hat Vorrang vor „Jede Priorität“. Lassen Sie das Feld leer, wenn kein Ziel gelten soll."
    ),
    "Warnings before a breach": "Warnungen vor einer Verletzung",
    "Escalation after a breach": "Eskalation nach einer Verletzung",
    "Each level is taken once, the given business time after the breach; later levels must come later.": (
        "Jede Stufe wird einmal ausgelöst, nach der angegebenen Arbeitszeit ab der Verletzung; spätere Stufen müssen später kommen."
    ),
    "Level %(n)s": "Stufe %(n)s",
    "Save to get more empty rows.": "Speichern Sie, um weitere leere Zeilen zu erhalten.",
    "Delete policy": "Richtlinie löschen",
    # --- Inbox: SLA column, filter and sort; ticket fields (tickets) ----------------------------------
    "Any": "Alle",
    "first response due": "erste Antwort fällig",
    "next response due": "nächste Antwort fällig",
    "resolution due": "Lösung fällig",
    "SLA due": "SLA fällig",
    "Use breached, at_risk or due_soon.": "Verwenden Sie breached, at_risk oder due_soon.",
    "SLA due, soonest first": "SLA-Fälligkeit, früheste zuerst",
    "Breached (overdue)": "Verletzt (überfällig)",
    "Due within 1 h": "In 1 Std. fällig",
}
