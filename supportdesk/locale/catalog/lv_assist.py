"""Latvian translations of suggestions for agents (the ticket page's suggestions panel); merged into
lv.TRANSLATIONS. Terms: ieteikums (suggestion), atrisināts pieteikums (solved ticket), atbilžu
veidne (reply template), raksts (KB article)."""

ASSIST: dict[str, str | list[str]] = {
    # --- The panel placeholder (templates/ai/_suggestions_panel.html) --------------------------------
    "Suggestions": "Ieteikumi",
    "Looking for similar tickets and articles…": "Meklē līdzīgus pieteikumus un rakstus…",
    # --- The panel body (templates/ai/suggestions/_panel_body.html) ----------------------------------
    "Suggested reply": "Ieteiktā atbilde",
    "From the article “%(title)s”.": "No raksta „%(title)s”.",
    "From the reply that solved “%(subject)s”.": "No atbildes, kas atrisināja „%(subject)s”.",
    "A suggestion only: check and edit it before you send it.": "Tikai ieteikums: pirms nosūtīšanas pārbaudiet un rediģējiet to.",
    "Show the text": "Rādīt tekstu",
    "Insert": "Ievietot",
    "Similar solved tickets": "Līdzīgi atrisināti pieteikumi",
    "Text similarity": "Teksta līdzība",
    "Insert reply": "Ievietot atbildi",
    "No similar solved tickets.": "Nav līdzīgu atrisinātu pieteikumu.",
    "Internal article": "Iekšējs raksts",
    "No matching articles.": "Nav atbilstošu rakstu.",
    "No reply template fits.": "Neviena atbilžu veidne neder.",
}
