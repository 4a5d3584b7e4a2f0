"""Latvian translations of the report pages (dashboards, drill-down list, schedules page and the texts
reports.js shows); merged into lv.TRANSLATIONS.

Terms: pārskats (report), rādītājs (key figure), pirmās atbildes laiks, atrisināšanas laiks, mediāna,
90. procentile, darba laiks (business hours), kalendārais laiks (wall clock), atrisināšana pirmajā
saskarsmē (FCR), vidējais apstrādes laiks (AHT), noslodze (occupancy), aizplūšana (churn);
pieteikums (ticket), aģents (agent)."""

REPORTS_UI: dict[str, str | list[str]] = {
    # --- Access, labels of figures and measures (reports/views.py, page_labels.py) -----------------
    "Only helpdesk staff may see reports.": "Pārskatus drīkst skatīt tikai atbalsta dienesta darbinieki.",
    "week from %(day)s": "nedēļa no %(day)s",
    "Backlog": "Neizpildītie",
    "Reopened": "Atkārtoti atvērti",
    "Reopen rate": "Atkārtotas atvēršanas īpatsvars",
    "First contact resolution": "Atrisināšana pirmajā saskarsmē",
    "Average handling time": "Vidējais apstrādes laiks",
    "Replies": "Atbildes",
    "Tracked time": "Uzskaitītais laiks",
    "First response time, median (wall clock)": "Pirmās atbildes laiks, mediāna (kalendārais laiks)",
    "First response time, 90th percentile (wall clock)": "Pirmās atbildes laiks, 90. procentile (kalendārais laiks)",
    "First response time, median (business hours)": "Pirmās atbildes laiks, mediāna (darba laiks)",
    "First response time, 90th percentile (business hours)": "Pirmās atbildes laiks, 90. procentile (darba laiks)",
    "Resolution time, median (wall clock)": "Atrisināšanas laiks, mediāna (kalendārais laiks)",
    "Resolution time, 90th percentile (wall clock)": "Atrisināšanas laiks, 90. procentile (kalendārais laiks)",
    "Resolution time, median (business hours)": "Atrisināšanas laiks, mediāna (darba laiks)",
    "Resolution time, 90th percentile (business hours)": "Atrisināšanas laiks, 90. procentile (darba laiks)",
    "SLA met: first response": "SLA izpildīts: pirmā atbilde",
    "SLA met: next response": "SLA izpildīts: nākamā atbilde",
    "SLA met: resolution": "SLA izpildīts: atrisināšana",
    "CSAT response rate": "CSAT atbildētības rādītājs",
    "NPS response rate": "NPS atbildētības rādītājs",
    "CES response rate": "CES atbildētības rādītājs",
    "Solved, then reopened": "Atrisināti, tad atkārtoti atvērti",
    "Done (solved or closed for good)": "Pabeigti (galīgi atrisināti vai slēgti)",
    "Solved at first contact": "Atrisināti pirmajā saskarsmē",
    "First responses": "Pirmās atbildes",
    "Handling time": "Apstrādes laiks",
    "First response SLA met": "Pirmās atbildes SLA izpildīts",
    "First response SLA breached": "Pirmās atbildes SLA pārkāpts",
    "Next response SLA met": "Nākamās atbildes SLA izpildīts",
    "Next response SLA breached": "Nākamās atbildes SLA pārkāpts",
    "Resolution SLA met": "Atrisināšanas SLA izpildīts",
    "Resolution SLA breached": "Atrisināšanas SLA pārkāpts",
    "CSAT surveys sent": "Nosūtītās CSAT aptaujas",
    "CSAT surveys answered": "Atbildētās CSAT aptaujas",
    "CSAT answers": "CSAT atbildes",
    "Satisfied CSAT answers": "Apmierinātas CSAT atbildes",
    "CES surveys sent": "Nosūtītās CES aptaujas",
    "CES surveys answered": "Atbildētās CES aptaujas",
    "CES answers": "CES atbildes",
    "CES answers (sum of scores)": "CES atbildes (vērtējumu summa)",
    "NPS surveys sent": "Nosūtītās NPS aptaujas",
    "NPS surveys answered": "Atbildētās NPS aptaujas",
    "NPS answers": "NPS atbildes",
    "NPS promoters": "NPS atbalstītāji",
    "NPS detractors": "NPS kritiķi",
    "First response time (wall clock)": "Pirmās atbildes laiks (kalendārais laiks)",
    "First response time (business hours)": "Pirmās atbildes laiks (darba laiks)",
    "Resolution time (wall clock)": "Atrisināšanas laiks (kalendārais laiks)",
    "Resolution time (business hours)": "Atrisināšanas laiks (darba laiks)",
    "Count": "Skaits",
    "Last 7 days": "Pēdējās 7 dienas",
    "Last 30 days": "Pēdējās 30 dienas",
    "Last 90 days": "Pēdējās 90 dienas",
    "This month": "Šis mēnesis",
    "Last 12 months": "Pēdējie 12 mēneši",
    "Custom range": "Izvēlēts periods",
    "By day": "Pa dienām",
    "By week": "Pa nedēļām",
    "By month": "Pa mēnešiem",
    "%(s)d s": "%(s)d s",
    "%(d)d d %(h)d h": "%(d)d d. %(h)d st.",
    # --- Texts of reports.js ------------------------------------------------------------------------
    "Loading…": "Ielādē…",
    "The report could not be loaded.": "Pārskatu neizdevās ielādēt.",
    "No data in this range.": "Šajā periodā nav datu.",
    "previous period: %(value)s": "iepriekšējais periods: %(value)s",
    "no change": "bez izmaiņām",
    "response rate %(value)s": "atbildētības rādītājs %(value)s",
    "Open now": "Pašlaik atvērti",
    "Figures as of %(time)s, updated every minute.": "Dati uz %(time)s, tiek atjaunināti katru minūti.",
    "Live, as of %(time)s.": "Tiešraidē, uz %(time)s.",
    "Hours": "Stundas",
    "Tickets": "Pieteikumi",
    "%(name)s (previous period)": "%(name)s (iepriekšējais periods)",
    "Show the tickets behind this number": "Rādīt pieteikumus, kas veido šo skaitli",
    # --- Dashboards (templates/reports) -------------------------------------------------------------
    "Volume over time": "Apjoms laika gaitā",
    "Interval": "Intervāls",
    "Response and resolution times (hours)": "Atbildes un atrisināšanas laiki (stundās)",
    "Response and resolution times": "Atbildes un atrisināšanas laiki",
    "Click a point to see the tickets behind it.": "Noklikšķiniet uz punkta, lai redzētu pieteikumus, kas to veido.",
    "CSV": "CSV",
    "XLSX": "XLSX",
    "Range": "Periods",
    "Compare to the previous period": "Salīdzināt ar iepriekšējo periodu",
    "Times": "Laiki",
    "Wall clock": "Kalendārais laiks",
    "Business hours": "Darba laiks",
    "All": "Visi",
    "Right now": "Pašlaik",
    "At risk of breaching the SLA": "Draud SLA pārkāpums",
    "SLA breached now": "SLA pašlaik pārkāpts",
    (
        "These four are counted live and change as tickets change; the other figures are updated every minute. "
        "Click one to open those tickets in the inbox."
    ): (
        "Šos četrus skaita tiešraidē, un tie mainās līdz ar pieteikumiem; pārējie dati tiek atjaunināti katru minūti."
        " Noklikšķiniet uz kāda, lai atvērtu šos pieteikumus iesūtnē."
    ),
    "My numbers": "Mani rādītāji",
    "Team reports": "Komandas pārskati",
    "Scheduled reports": "Ieplānotie pārskati",
    "The figures are updated every minute.": "Dati tiek atjaunināti katru minūti.",
    "My key figures": "Mani galvenie rādītāji",
    "Reports": "Pārskati",
    "Key figures": "Galvenie rādītāji",
    (
        "Medians and 90th percentiles are estimated from time buckets, so they are close to the exact values but not equal; "
        "the ticket lists behind them show the exact times."
    ): (
        "Mediānas un 90. procentiles tiek aprēķinātas aptuveni pēc laika intervāliem, tāpēc tās ir tuvas precīzajām "
        "vērtībām, bet ne vienādas; pieteikumu saraksti aiz tām rāda precīzos laikus."
    ),
    "Breakdown": "Sadalījums",
    "breakdown by a dimension\x04by": "pēc",
    "First response, median": "Pirmā atbilde, mediāna",
    "Resolution, median": "Atrisināšana, mediāna",
    "Occupancy": "Noslodze",
    "Occupancy: tracked time divided by the working time of the agent's calendar, minus absences; empty without a calendar.": (
        "Noslodze: uzskaitītais laiks, dalīts ar aģenta kalendāra darba laiku bez prombūtnēm; bez kalendāra tukšs."
    ),
    "Churn": "Aizplūšana",
    "Active in the previous period": "Aktīvi iepriekšējā periodā",
    "No contact in this period": "Šajā periodā bez saziņas",
    "Churn rate": "Aizplūšanas īpatsvars",
    "Customers": "Klienti",
    "Churned: had a ticket in the previous period of the same length and none in this one.": (
        "Aizplūduši: iepriekšējā tikpat garā periodā bija pieteikums, šajā nav neviena."
    ),
    # --- Drill-down list ----------------------------------------------------------------------------
    "Tickets behind a figure": "Pieteikumi, kas veido skaitli",
    "Back to the report": "Atpakaļ uz pārskatu",
    "Period": "Periods",
    "Tickets listed": "Uzskaitītie pieteikumi",
    "The tickets counted in this figure that you may see, newest first, with their exact values.": (
        "Šajā skaitlī ieskaitītie pieteikumi, kurus drīkstat redzēt, jaunākie vispirms, ar precīzām vērtībām."
    ),
    "No tickets you may see are behind this figure.": "Šo skaitli neveido neviens pieteikums, ko drīkstat redzēt.",
    # --- Schedules page -----------------------------------------------------------------------------
    "Channels": "Kanāli",
    "Agents": "Aģenti",
    "Organizations": "Organizācijas",
    "Day": "Diena",
    "Hour": "Laiks",
    "Attach CSV": "Pievienot CSV",
    "Attach XLSX": "Pievienot XLSX",
    "None chosen: all.": "Ja nekas nav izvēlēts: visi.",
    "The report is scheduled.": "Pārskats ir ieplānots.",
    "The schedule is deleted.": "Grafiks ir dzēsts.",
    "The report of %(start)s to %(end)s was sent to %(email)s.": "Pārskats par %(start)s–%(end)s nosūtīts uz %(email)s.",
    (
        "Each schedule mails you a summary of the last seven days once a week, at the chosen hour of the helpdesk's time zone, "
        "with the figures as files if you like."
    ): (
        "Katrs grafiks reizi nedēļā izvēlētajā stundā (atbalsta dienesta laika joslā) nosūta jums pēdējo septiņu dienu "
        "kopsavilkumu, pēc vēlēšanās ar datiem kā failiem."
    ),
    "Your schedules": "Jūsu grafiki",
    "Last sent": "Pēdējoreiz nosūtīts",
    "%(day)s at %(hour)s:00": "%(day)s plkst. %(hour)s:00",
    "All figures you may see": "Visi dati, kurus drīkstat redzēt",
    "Send now": "Sūtīt tagad",
    "No scheduled reports yet.": "Vēl nav ieplānotu pārskatu.",
    "New schedule": "Jauns grafiks",
    "Schedule": "Ieplānot",
}
