"""German translations of suggestions for agents (the ticket page's suggestions panel); merged into
de.TRANSLATIONS. Terms: Vorschlag (suggestion), gelöstes Ticket (solved ticket), Antwortvorlage
(reply template), Artikel (KB article)."""

ASSIST: dict[str, str | list[str]] = {
    # --- The panel placeholder (templates/ai/_suggestions_panel.html) --------------------------------
    "Suggestions": "Vorschläge",
    "Looking for similar tickets and articles…": "Suche nach ähnlichen Tickets und Artikeln…",
    # --- The panel body (templates/ai/suggestions/_panel_body.html) ----------------------------------
    "Suggested reply": "Vorgeschlagene Antwort",
    "From the article “%(title)s”.": "Aus dem Artikel „%(title)s“.",
    "From the reply that solved “%(subject)s”.": "Aus der Antwort, die „%(subject)s“ gelöst hat.",
    "A suggestion only: check and edit it before you send it.": "Nur ein Vorschlag: Prüfen und bearbeiten Sie ihn, bevor Sie ihn senden.",
    "Show the text": "Text anzeigen",
    "Insert": "Einfügen",
    "Similar solved tickets": "Ähnliche gelöste Tickets",
    "Text similarity": "Textähnlichkeit",
    "Insert reply": "Antwort einfügen",
    "No similar solved tickets.": "Keine ähnlichen gelösten Tickets.",
    "Internal article": "Interner Artikel",
    "No matching articles.": "Keine passenden Artikel.",
    "No reply template fits.": "Keine Antwortvorlage passt.",
}
