"""German translations of the optional LLM drafting and summaries; merged into de.TRANSLATIONS.

Terms as in de_ai: Sprachmodell (LLM), Endpunkt, API-Schlüssel, Entwurf (draft), Zusammenfassung (summary)."""

LLM: dict[str, str | list[str]] = {
    # --- Client errors (ai/llm/client.py) --------------------------------------------------------------
    "The language model's answer is too large.": "Die Antwort des Sprachmodells ist zu groß.",
    "The language model endpoint is not allowed: %(reason)s": "Der Endpunkt des Sprachmodells ist nicht zulässig: %(reason)s",
    "The language model did not answer within %(seconds)s seconds.": (
        "Das Sprachmodell hat nicht innerhalb von %(seconds)s Sekunden geantwortet."
    ),
    "The language model server cannot be reached.": "Der Server des Sprachmodells ist nicht erreichbar.",
    "The language model endpoint answered with a redirect, which is not followed.": (
        "Der Endpunkt des Sprachmodells hat mit einer Weiterleitung geantwortet; Weiterleitungen werden nicht verfolgt."
    ),
    "The language model server is busy. Try again in %(seconds)s seconds.": (
        "Der Server des Sprachmodells ist ausgelastet. Versuchen Sie es in %(seconds)s Sekunden erneut."
    ),
    "The language model server is busy. Try again in a moment.": (
        "Der Server des Sprachmodells ist ausgelastet. Versuchen Sie es gleich noch einmal."
    ),
    "The language model server refused the API key.": "Der Server des Sprachmodells hat den API-Schlüssel abgelehnt.",
    "The language model server does not know this endpoint or model; check the URL (usually ending in /v1) and the model name.": (
        "Der Server des Sprachmodells kennt diesen Endpunkt oder dieses Modell nicht; prüfen Sie die URL "
        "(meist endet sie auf /v1) und den Modellnamen."
    ),
    "The language model server rejected the request (HTTP %(status)s).": (
        "Der Server des Sprachmodells hat die Anfrage abgelehnt (HTTP %(status)s)."
    ),
    "The language model server had an error (HTTP %(status)s).": (
        "Beim Server des Sprachmodells ist ein Fehler aufgetreten (HTTP %(status)s)."
    ),
    "The language model server gave an answer that is not a chat completion.": (
        "Der Server des Sprachmodells hat keine gültige Chat-Antwort geliefert."
    ),
    "The language model gave an empty answer.": "Das Sprachmodell hat eine leere Antwort geliefert.",
    # --- Configuration and actions (ai/llm/config.py, ai/llm/actions.py, ai/llm/history.py) -------------
    "LLM drafting is switched off. An admin can switch it on in the AI settings.": (
        "Entwürfe mit dem Sprachmodell sind ausgeschaltet. Ein Administrator kann sie in den KI-Einstellungen einschalten."
    ),
    "No language model endpoint is configured. An admin can set one in the AI settings.": (
        "Es ist kein Endpunkt für das Sprachmodell eingerichtet. Ein Administrator kann ihn in den KI-Einstellungen festlegen."
    ),
    "The stored API key of the language model cannot be read. An admin must enter it again in the AI settings.": (
        "Der gespeicherte API-Schlüssel des Sprachmodells kann nicht gelesen werden. Ein Administrator muss ihn in den "
        "KI-Einstellungen neu eingeben."
    ),
    "You asked the language model %(count)s times in %(minutes)s minutes. Please wait a few minutes.": (
        "Sie haben das Sprachmodell %(count)s-mal in %(minutes)s Minuten angefragt. Bitte warten Sie einige Minuten."
    ),
    "The language model answered in %(ms)s ms (model: %(model)s).": "Das Sprachmodell hat in %(ms)s ms geantwortet (Modell: %(model)s).",
    "%(actor)s asked the language model (%(model)s) for a summary": (
        "%(actor)s hat das Sprachmodell (%(model)s) um eine Zusammenfassung gebeten"
    ),
    "%(actor)s asked the language model (%(model)s) for a reply draft": (
        "%(actor)s hat das Sprachmodell (%(model)s) um einen Antwortentwurf gebeten"
    ),
    # --- Ticket sidebar panel and settings page (templates/ai/_llm_panel.html, templates/ai/llm/*) -----
    "Language model": "Sprachmodell",
    "Written by the configured language model from this ticket and the knowledge base. Check every word before you use it.": (
        "Vom eingerichteten Sprachmodell aus diesem Ticket und der Wissensdatenbank geschrieben. Prüfen Sie jedes Wort, "
        "bevor Sie es verwenden."
    ),
    "Draft a reply": "Antwort entwerfen",
    "Summarise": "Zusammenfassen",
    "Asking the language model…": "Das Sprachmodell wird gefragt …",
    "Draft reply": "Antwortentwurf",
    "The draft was cut off at the length limit.": "Der Entwurf wurde an der Längengrenze abgeschnitten.",
    "Insert into reply": "In die Antwort einfügen",
    "Sources": "Quellen",
    "internal": "intern",
    "No knowledge base article matched; the draft rests on the conversation only.": (
        "Kein Artikel der Wissensdatenbank passte; der Entwurf beruht nur auf der Konversation."
    ),
    "Summary": "Zusammenfassung",
    "The summary was cut off at the length limit.": "Die Zusammenfassung wurde an der Längengrenze abgeschnitten.",
    "The server said:": "Der Server meldete:",
    "Sends a tiny prompt without any ticket data to the saved endpoint, also while the switch is off.": (
        "Sendet eine kurze Anfrage ohne Ticketdaten an den gespeicherten Endpunkt, auch wenn der Schalter aus ist."
    ),
}
