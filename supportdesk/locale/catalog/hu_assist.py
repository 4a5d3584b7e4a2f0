"""Hungarian translations of suggestions for agents (the ticket page's suggestions panel); merged
into hu.TRANSLATIONS. Terms: javaslat (suggestion), megoldott jegy (solved ticket), válaszsablon
(reply template), cikk (KB article)."""

ASSIST: dict[str, str | list[str]] = {
    # --- The panel placeholder (templates/ai/_suggestions_panel.html) --------------------------------
    "Suggestions": "Javaslatok",
    "Looking for similar tickets and articles…": "Hasonló jegyek és cikkek keresése…",
    # --- The panel body (templates/ai/suggestions/_panel_body.html) ----------------------------------
    "Suggested reply": "Javasolt válasz",
    "From the article “%(title)s”.": "A(z) „%(title)s” cikkből.",
    "From the reply that solved “%(subject)s”.": "A(z) „%(subject)s” jegyet megoldó válaszból.",
    "A suggestion only: check and edit it before you send it.": "Csak javaslat: küldés előtt ellenőrizze és szerkessze.",
    "Show the text": "Szöveg megjelenítése",
    "Insert": "Beszúrás",
    "Similar solved tickets": "Hasonló megoldott jegyek",
    "Text similarity": "Szöveges hasonlóság",
    "Insert reply": "Válasz beszúrása",
    "No similar solved tickets.": "Nincs hasonló megoldott jegy.",
    "Internal article": "Belső cikk",
    "No matching articles.": "Nincs egyező cikk.",
    "No reply template fits.": "Egyik válaszsablon sem illik.",
}
