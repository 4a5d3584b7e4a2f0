"""Hungarian translations of the report pages (dashboards, drill-down list, schedules page and the
texts reports.js shows); merged into hu.TRANSLATIONS.

Terms: jelentés (report), mutató (key figure), első válaszidő, megoldási idő, medián, 90. percentilis,
munkaidő (business hours), naptári idő (wall clock), első kapcsolatfelvételkori megoldás (FCR),
átlagos kezelési idő (AHT), kihasználtság (occupancy), lemorzsolódás (churn); jegy (ticket)."""

REPORTS_UI: dict[str, str | list[str]] = {
    # --- Access, labels of figures and measures (reports/views.py, page_labels.py) -----------------
    "Only helpdesk staff may see reports.": "A jelentéseket csak ügyfélszolgálati munkatárs láthatja.",
    "week from %(day)s": "%(day)s kezdetű hét",
    "Backlog": "Hátralék",
    "Reopened": "Újranyitva",
    "Reopen rate": "Újranyitási arány",
    "First contact resolution": "Első kapcsolatfelvételkori megoldás",
    "Average handling time": "Átlagos kezelési idő",
    "Replies": "Válaszok",
    "Tracked time": "Rögzített idő",
    "First response time, median (wall clock)": "Első válaszidő, medián (naptári idő)",
    "First response time, 90th percentile (wall clock)": "Első válaszidő, 90. percentilis (naptári idő)",
    "First response time, median (business hours)": "Első válaszidő, medián (munkaidő)",
    "First response time, 90th percentile (business hours)": "Első válaszidő, 90. percentilis (munkaidő)",
    "Resolution time, median (wall clock)": "Megoldási idő, medián (naptári idő)",
    "Resolution time, 90th percentile (wall clock)": "Megoldási idő, 90. percentilis (naptári idő)",
    "Resolution time, median (business hours)": "Megoldási idő, medián (munkaidő)",
    "Resolution time, 90th percentile (business hours)": "Megoldási idő, 90. percentilis (munkaidő)",
    "SLA met: first response": "SLA teljesítve: első válasz",
    "SLA met: next response": "SLA teljesítve: következő válasz",
    "SLA met: resolution": "SLA teljesítve: megoldás",
    "CSAT response rate": "CSAT válaszadási arány",
    "NPS response rate": "NPS válaszadási arány",
    "CES response rate": "CES válaszadási arány",
    "Solved, then reopened": "Megoldva, majd újranyitva",
    "Done (solved or closed for good)": "Kész (véglegesen megoldva vagy lezárva)",
    "Solved at first contact": "Első kapcsolatfelvételkor megoldva",
    "First responses": "Első válaszok",
    "Handling time": "Kezelési idő",
    "First response SLA met": "Első válasz SLA teljesítve",
    "First response SLA breached": "Első válasz SLA megsértve",
    "Next response SLA met": "Következő válasz SLA teljesítve",
    "Next response SLA breached": "Következő válasz SLA megsértve",
    "Resolution SLA met": "Megoldási SLA teljesítve",
    "Resolution SLA breached": "Megoldási SLA megsértve",
    "CSAT surveys sent": "Elküldött CSAT-felmérések",
    "CSAT surveys answered": "Megválaszolt CSAT-felmérések",
    "CSAT answers": "CSAT-válaszok",
    "Satisfied CSAT answers": "Elégedett CSAT-válaszok",
    "CES surveys sent": "Elküldött CES-felmérések",
    "CES surveys answered": "Megválaszolt CES-felmérések",
    "CES answers": "CES-válaszok",
    "CES answers (sum of scores)": "CES-válaszok (pontszámok összege)",
    "NPS surveys sent": "Elküldött NPS-felmérések",
    "NPS surveys answered": "Megválaszolt NPS-felmérések",
    "NPS answers": "NPS-válaszok",
    "NPS promoters": "NPS-ajánlók",
    "NPS detractors": "NPS-kritikusok",
    "First response time (wall clock)": "Első válaszidő (naptári idő)",
    "First response time (business hours)": "Első válaszidő (munkaidő)",
    "Resolution time (wall clock)": "Megoldási idő (naptári idő)",
    "Resolution time (business hours)": "Megoldási idő (munkaidő)",
    "Count": "Darab",
    "Last 7 days": "Az utolsó 7 nap",
    "Last 30 days": "Az utolsó 30 nap",
    "Last 90 days": "Az utolsó 90 nap",
    "This month": "Ez a hónap",
    "Last 12 months": "Az utolsó 12 hónap",
    "Custom range": "Egyéni időszak",
    "By day": "Naponta",
    "By week": "Hetente",
    "By month": "Havonta",
    "%(s)d s": "%(s)d mp",
    "%(d)d d %(h)d h": "%(d)d nap %(h)d óra",
    # --- Texts of reports.js ------------------------------------------------------------------------
    "Loading…": "Betöltés…",
    "The report could not be loaded.": "A jelentést nem sikerült betölteni.",
    "No data in this range.": "Ebben az időszakban nincs adat.",
    "previous period: %(value)s": "előző időszak: %(value)s",
    "no change": "nincs változás",
    "response rate %(value)s": "válaszadási arány %(value)s",
    "Open now": "Most nyitott",
    "Figures as of %(time)s, updated every minute.": "Adatok %(time)s állapot szerint, percenként frissülnek.",
    "Live, as of %(time)s.": "Élő, %(time)s állapot.",
    "Hours": "Óra",
    "Tickets": "Jegyek",
    "%(name)s (previous period)": "%(name)s (előző időszak)",
    "Show the tickets behind this number": "A szám mögötti jegyek megjelenítése",
    # --- Dashboards (templates/reports) -------------------------------------------------------------
    "Volume over time": "Mennyiség időben",
    "Interval": "Intervallum",
    "Response and resolution times (hours)": "Válasz- és megoldási idők (óra)",
    "Response and resolution times": "Válasz- és megoldási idők",
    "Click a point to see the tickets behind it.": "Kattintson egy pontra a mögötte lévő jegyek megtekintéséhez.",
    "CSV": "CSV",
    "XLSX": "XLSX",
    "Range": "Időszak",
    "Compare to the previous period": "Összevetés az előző időszakkal",
    "Times": "Idők",
    "Wall clock": "Naptári idő",
    "Business hours": "Munkaidő",
    "All": "Mind",
    "Right now": "Éppen most",
    "At risk of breaching the SLA": "SLA-sértés veszélye",
    "SLA breached now": "SLA most megsértve",
    (
        "These four are counted live and change as tickets change; the other figures are updated every minute. "
        "Click one to open those tickets in the inbox."
    ): (
        "Ezt a négyet élőben számoljuk, és a jegyekkel együtt változnak; a többi adat percenként frissül."
        " Kattintson egyre, hogy megnyissa ezeket a jegyeket a beérkezett jegyek között."
    ),
    "My numbers": "Saját számaim",
    "Team reports": "Csapatjelentések",
    "Scheduled reports": "Ütemezett jelentések",
    "The figures are updated every minute.": "Az adatok percenként frissülnek.",
    "My key figures": "Saját mutatóim",
    "Reports": "Jelentések",
    "Key figures": "Fő mutatók",
    (
        "Medians and 90th percentiles are estimated from time buckets, so they are close to the exact values but not equal; "
        "the ticket lists behind them show the exact times."
    ): (
        "A mediánok és a 90. percentilisek időtartam-sávokból becsült értékek, ezért közel vannak a pontos értékekhez, "
        "de nem azonosak velük; a mögöttük lévő jegylisták a pontos időket mutatják."
    ),
    "Breakdown": "Bontás",
    "breakdown by a dimension\x04by": "szerint",
    "First response, median": "Első válasz, medián",
    "Resolution, median": "Megoldás, medián",
    "Occupancy": "Kihasználtság",
    "Occupancy: tracked time divided by the working time of the agent's calendar, minus absences; empty without a calendar.": (
        "Kihasználtság: a rögzített idő osztva az ügyintéző naptára szerinti munkaidővel, a távollétek nélkül; naptár nélkül üres."
    ),
    "Churn": "Lemorzsolódás",
    "Active in the previous period": "Aktív az előző időszakban",
    "No contact in this period": "Nem volt kapcsolat ebben az időszakban",
    "Churn rate": "Lemorzsolódási arány",
    "Customers": "Ügyfelek",
    "Churned: had a ticket in the previous period of the same length and none in this one.": (
        "Lemorzsolódott: az ugyanilyen hosszú előző időszakban volt jegye, ebben nincs."
    ),
    # --- Drill-down list ----------------------------------------------------------------------------
    "Tickets behind a figure": "Egy szám mögötti jegyek",
    "Back to the report": "Vissza a jelentéshez",
    "Period": "Időszak",
    "Tickets listed": "Listázott jegyek",
    "The tickets counted in this figure that you may see, newest first, with their exact values.": (
        "Az ebben a számban szereplő, Ön által látható jegyek, a legújabbal kezdve, pontos értékeikkel."
    ),
    "No tickets you may see are behind this figure.": "E szám mögött nincs Ön által látható jegy.",
    # --- Schedules page -----------------------------------------------------------------------------
    "Channels": "Csatornák",
    "Agents": "Ügyintézők",
    "Organizations": "Szervezetek",
    "Day": "Nap",
    "Hour": "Időpont",
    "Attach CSV": "CSV csatolása",
    "Attach XLSX": "XLSX csatolása",
    "None chosen: all.": "Ha nincs kiválasztva: mind.",
    "The report is scheduled.": "A jelentés ütemezve.",
    "The schedule is deleted.": "Az ütemezés törölve.",
    "The report of %(start)s to %(end)s was sent to %(email)s.": "A(z) %(start)s – %(end)s közötti jelentés elküldve ide: %(email)s.",
    (
        "Each schedule mails you a summary of the last seven days once a week, at the chosen hour of the helpdesk's time zone, "
        "with the figures as files if you like."
    ): (
        "Minden ütemezés hetente egyszer, a választott órában (az ügyfélszolgálat időzónája szerint) elküldi Önnek "
        "az utolsó hét nap összefoglalóját, kérésre az adatokkal fájlként is."
    ),
    "Your schedules": "Ütemezései",
    "Last sent": "Utoljára elküldve",
    "%(day)s at %(hour)s:00": "%(day)s, %(hour)s:00",
    "All figures you may see": "Minden Ön által látható adat",
    "Send now": "Küldés most",
    "No scheduled reports yet.": "Még nincs ütemezett jelentés.",
    "New schedule": "Új ütemezés",
    "Schedule": "Ütemezés",
}
