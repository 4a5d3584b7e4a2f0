"""German translations of the report pages (dashboards, drill-down list, schedules page and the texts
reports.js shows); merged into de.TRANSLATIONS.

Terms: Bericht (report), Kennzahl (key figure), Erstreaktionszeit (first response time), Lösungszeit
(resolution time), Median, 90. Perzentil, Geschäftszeiten (business hours), Erstkontaktlösung (FCR),
durchschnittliche Bearbeitungszeit (AHT), Auslastung (occupancy), Abwanderung (churn)."""

REPORTS_UI: dict[str, str | list[str]] = {
    # --- Access, labels of figures and measures (reports/views.py, page_labels.py) -----------------
    "Only helpdesk staff may see reports.": "Nur Helpdesk-Mitarbeiter dürfen Berichte sehen.",
    "week from %(day)s": "Woche ab %(day)s",
    "Backlog": "Rückstand",
    "Reopened": "Wiedereröffnet",
    "Reopen rate": "Wiedereröffnungsquote",
    "First contact resolution": "Erstkontaktlösung",
    "Average handling time": "Durchschnittliche Bearbeitungszeit",
    "Replies": "Antworten",
    "Tracked time": "Erfasste Zeit",
    "First response time, median (wall clock)": "Erstreaktionszeit, Median (Kalenderzeit)",
    "First response time, 90th percentile (wall clock)": "Erstreaktionszeit, 90. Perzentil (Kalenderzeit)",
    "First response time, median (business hours)": "Erstreaktionszeit, Median (Geschäftszeiten)",
    "First response time, 90th percentile (business hours)": "Erstreaktionszeit, 90. Perzentil (Geschäftszeiten)",
    "Resolution time, median (wall clock)": "Lösungszeit, Median (Kalenderzeit)",
    "Resolution time, 90th percentile (wall clock)": "Lösungszeit, 90. Perzentil (Kalenderzeit)",
    "Resolution time, median (business hours)": "Lösungszeit, Median (Geschäftszeiten)",
    "Resolution time, 90th percentile (business hours)": "Lösungszeit, 90. Perzentil (Geschäftszeiten)",
    "SLA met: first response": "SLA eingehalten: erste Antwort",
    "SLA met: next response": "SLA eingehalten: nächste Antwort",
    "SLA met: resolution": "SLA eingehalten: Lösung",
    "CSAT response rate": "CSAT-Antwortquote",
    "NPS response rate": "NPS-Antwortquote",
    "CES response rate": "CES-Antwortquote",
    "Solved, then reopened": "Gelöst, danach wiedereröffnet",
    "Done (solved or closed for good)": "Erledigt (endgültig gelöst oder geschlossen)",
    "Solved at first contact": "Beim ersten Kontakt gelöst",
    "First responses": "Erste Antworten",
    "Handling time": "Bearbeitungszeit",
    "First response SLA met": "SLA für die erste Antwort eingehalten",
    "First response SLA breached": "SLA für die erste Antwort verletzt",
    "Next response SLA met": "SLA für die nächste Antwort eingehalten",
    "Next response SLA breached": "SLA für die nächste Antwort verletzt",
    "Resolution SLA met": "SLA für die Lösung eingehalten",
    "Resolution SLA breached": "SLA für die Lösung verletzt",
    "CSAT surveys sent": "Versendete CSAT-Umfragen",
    "CSAT surveys answered": "Beantwortete CSAT-Umfragen",
    "CSAT answers": "CSAT-Antworten",
    "Satisfied CSAT answers": "Zufriedene CSAT-Antworten",
    "CES surveys sent": "Versendete CES-Umfragen",
    "CES surveys answered": "Beantwortete CES-Umfragen",
    "CES answers": "CES-Antworten",
    "CES answers (sum of scores)": "CES-Antworten (Summe der Werte)",
    "NPS surveys sent": "Versendete NPS-Umfragen",
    "NPS surveys answered": "Beantwortete NPS-Umfragen",
    "NPS answers": "NPS-Antworten",
    "NPS promoters": "NPS-Promotoren",
    "NPS detractors": "NPS-Kritiker",
    "First response time (wall clock)": "Erstreaktionszeit (Kalenderzeit)",
    "First response time (business hours)": "Erstreaktionszeit (Geschäftszeiten)",
    "Resolution time (wall clock)": "Lösungszeit (Kalenderzeit)",
    "Resolution time (business hours)": "Lösungszeit (Geschäftszeiten)",
    "Count": "Anzahl",
    "Last 7 days": "Letzte 7 Tage",
    "Last 30 days": "Letzte 30 Tage",
    "Last 90 days": "Letzte 90 Tage",
    "This month": "Dieser Monat",
    "Last 12 months": "Letzte 12 Monate",
    "Custom range": "Eigener Zeitraum",
    "By day": "Pro Tag",
    "By week": "Pro Woche",
    "By month": "Pro Monat",
    "%(s)d s": "%(s)d s",
    "%(d)d d %(h)d h": "%(d)d T. %(h)d Std.",
    # --- Texts of reports.js ------------------------------------------------------------------------
    "Loading…": "Wird geladen …",
    "The report could not be loaded.": "Der Bericht konnte nicht geladen werden.",
    "No data in this range.": "Keine Daten in diesem Zeitraum.",
    "previous period: %(value)s": "Vorperiode: %(value)s",
    "no change": "keine Veränderung",
    "response rate %(value)s": "Antwortquote %(value)s",
    "Open now": "Jetzt offen",
    "Figures as of %(time)s, updated every minute.": "Zahlen vom %(time)s, jede Minute aktualisiert.",
    "Live, as of %(time)s.": "Live, Stand %(time)s.",
    "Hours": "Stunden",
    "Tickets": "Tickets",
    "%(name)s (previous period)": "%(name)s (Vorperiode)",
    "Show the tickets behind this number": "Die Tickets hinter dieser Zahl anzeigen",
    # --- Dashboards (templates/reports) -------------------------------------------------------------
    "Volume over time": "Volumen im Zeitverlauf",
    "Interval": "Intervall",
    "Response and resolution times (hours)": "Antwort- und Lösungszeiten (Stunden)",
    "Response and resolution times": "Antwort- und Lösungszeiten",
    "Click a point to see the tickets behind it.": "Klicken Sie auf einen Punkt, um die Tickets dahinter zu sehen.",
    "CSV": "CSV",
    "XLSX": "XLSX",
    "Range": "Zeitraum",
    "Compare to the previous period": "Mit der Vorperiode vergleichen",
    "Times": "Zeiten",
    "Wall clock": "Kalenderzeit",
    "Business hours": "Geschäftszeiten",
    "All": "Alle",
    "Right now": "Gerade jetzt",
    "At risk of breaching the SLA": "SLA-Verletzung droht",
    "SLA breached now": "SLA jetzt verletzt",
    (
        "These four are counted live and change as tickets change; the other figures are updated every minute. "
        "Click one to open those tickets in the inbox."
    ): (
        "Diese vier werden live gezählt und ändern sich mit den Tickets; die übrigen Zahlen werden jede Minute aktualisiert."
        " Klicken Sie auf eine, um diese Tickets im Posteingang zu öffnen."
    ),
    "My numbers": "Meine Zahlen",
    "Team reports": "Teamberichte",
    "Scheduled reports": "Geplante Berichte",
    "The figures are updated every minute.": "Die Zahlen werden jede Minute aktualisiert.",
    "My key figures": "Meine Kennzahlen",
    "Reports": "Berichte",
    "Key figures": "Kennzahlen",
    (
        "Medians and 90th percentiles are estimated from time buckets, so they are close to the exact values but not equal; "
        "the ticket lists behind them show the exact times."
    ): (
        "Mediane und 90. Perzentile werden aus Zeitklassen geschätzt; sie liegen nahe an den genauen Werten, "
        "sind aber nicht gleich. Die Ticketlisten dahinter zeigen die genauen Zeiten."
    ),
    "Breakdown": "Aufschlüsselung",
    "breakdown by a dimension\x04by": "nach",
    "First response, median": "Erste Antwort, Median",
    "Resolution, median": "Lösung, Median",
    "Occupancy": "Auslastung",
    "Occupancy: tracked time divided by the working time of the agent's calendar, minus absences; empty without a calendar.": (
        "Auslastung: erfasste Zeit geteilt durch die Arbeitszeit laut Kalender des Agenten, abzüglich Abwesenheiten; leer ohne Kalender."
    ),
    "Churn": "Abwanderung",
    "Active in the previous period": "Aktiv in der Vorperiode",
    "No contact in this period": "Kein Kontakt in diesem Zeitraum",
    "Churn rate": "Abwanderungsquote",
    "Customers": "Kunden",
    "Churned: had a ticket in the previous period of the same length and none in this one.": (
        "Abgewandert: hatte in der gleich langen Vorperiode ein Ticket und in diesem Zeitraum keines."
    ),
    # --- Drill-down list ----------------------------------------------------------------------------
    "Tickets behind a figure": "Tickets hinter einer Zahl",
    "Back to the report": "Zurück zum Bericht",
    "Period": "Periode",
    "Tickets listed": "Aufgeführte Tickets",
    "The tickets counted in this figure that you may see, newest first, with their exact values.": (
        "Die in dieser Zahl gezählten Tickets, die Sie sehen dürfen, die neuesten zuerst, mit ihren genauen Werten."
    ),
    "No tickets you may see are behind this figure.": "Hinter dieser Zahl stehen keine Tickets, die Sie sehen dürfen.",
    # --- Schedules page -----------------------------------------------------------------------------
    "Channels": "Kanäle",
    "Agents": "Agenten",
    "Organizations": "Organisationen",
    "Day": "Tag",
    "Hour": "Uhrzeit",
    "Attach CSV": "CSV anhängen",
    "Attach XLSX": "XLSX anhängen",
    "None chosen: all.": "Keine Auswahl: alle.",
    "The report is scheduled.": "Der Bericht ist geplant.",
    "The schedule is deleted.": "Der Zeitplan ist gelöscht.",
    "The report of %(start)s to %(end)s was sent to %(email)s.": "Der Bericht vom %(start)s bis %(end)s wurde an %(email)s gesendet.",
    (
        "Each schedule mails you a summary of the last seven days once a week, at the chosen hour of the helpdesk's time zone, "
        "with the figures as files if you like."
    ): (
        "Jeder Zeitplan sendet Ihnen einmal pro Woche zur gewählten Stunde (Zeitzone des Helpdesks) eine Zusammenfassung "
        "der letzten sieben Tage, auf Wunsch mit den Zahlen als Dateien."
    ),
    "Your schedules": "Ihre Zeitpläne",
    "Last sent": "Zuletzt gesendet",
    "%(day)s at %(hour)s:00": "%(day)s um %(hour)s:00",
    "All figures you may see": "Alle Zahlen, die Sie sehen dürfen",
    "Send now": "Jetzt senden",
    "No scheduled reports yet.": "Noch keine geplanten Berichte.",
    "New schedule": "Neuer Zeitplan",
    "Schedule": "Planen",
}
