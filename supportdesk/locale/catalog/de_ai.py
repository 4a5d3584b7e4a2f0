"""German translations of the local AI: triage of new tickets (language, group, priority, type, tags, sentiment,
urgency), the AI panel on the ticket page, keyword rules, models and the AI settings with the optional language
model; merged into de.TRANSLATIONS and split out only to keep each table file short.

Terms: KI, Triage, Vorhersage (prediction), Vorschlag (suggestion), Schlüsselwortregel (keyword rule), Konfidenz
(confidence), Schwellenwert (threshold), Stimmung (sentiment), Dringlichkeit (urgency), Training, Modell,
Sprachmodell (LLM), Endpunkt, API-Schlüssel."""

AI: dict[str, str | list[str]] = {
    # --- Applying a prediction (ai/apply.py, ai/views.py) --------------------------------------------
    "Unknown prediction.": "Unbekannte Vorhersage.",
    "Use group, priority, tags or language.": "Verwenden Sie Gruppe, Priorität, Tags oder Sprache.",
    "This ticket has no AI insight yet.": "Für dieses Ticket liegt noch keine KI-Auswertung vor.",
    "There is no group suggestion.": "Es gibt keinen Gruppenvorschlag.",
    "No suggestion.": "Kein Vorschlag.",
    "There is no priority suggestion.": "Es gibt keinen Prioritätsvorschlag.",
    "The language is not known.": "Die Sprache ist nicht bekannt.",
    "There are no tag suggestions.": "Es gibt keine Tag-Vorschläge.",
    "Suggestion applied.": "Vorschlag übernommen.",
    # --- Choices (ai/choices.py) ---------------------------------------------------------------------
    "Type": "Typ",
    "Training": "Training",
    "Ready": "Bereit",
    "Retired": "Außer Betrieb",
    # --- Keyword rules (ai/keyword_rules.py, ai/rules_views.py, ai/rules/*.html) ---------------------
    "Only admins may change keyword rules.": "Nur Administratoren dürfen Schlüsselwortregeln ändern.",
    "Give a list of words or phrases.": "Geben Sie eine Liste von Wörtern oder Wendungen an.",
    "A keyword may have at most %(count)d characters.": "Ein Schlüsselwort darf höchstens %(count)d Zeichen haben.",
    "Give at least one word or phrase.": "Geben Sie mindestens ein Wort oder eine Wendung an.",
    "At most %(count)d keywords.": "Höchstens %(count)d Schlüsselwörter.",
    "Give the id of an active group.": "Geben Sie die ID einer aktiven Gruppe an.",
    "Give one of: %(values)s.": "Geben Sie einen dieser Werte an: %(values)s.",
    "Give a tag.": "Geben Sie ein Tag an.",
    "Give a language code such as en or de, or leave it empty for every language.": (
        "Geben Sie einen Sprachcode wie en oder de an, oder lassen Sie das Feld für alle Sprachen leer."
    ),
    "Give a confidence between 0 and 1.": "Geben Sie eine Konfidenz zwischen 0 und 1 an.",
    "Give a whole number from 0 to %(max)d.": "Geben Sie eine ganze Zahl von 0 bis %(max)d an.",
    "Check the highlighted fields.": "Prüfen Sie die markierten Felder.",
    "The group id, priority (low, normal, high, urgent), type or tag to predict.": (
        "Die Gruppen-ID, Priorität (low, normal, high, urgent), der Typ oder das Tag, das vorhergesagt werden soll."
    ),
    "Keywords": "Schlüsselwörter",
    "One word or phrase per line; any one matches. Upper or lower case and punctuation do not matter.": (
        "Ein Wort oder eine Wendung pro Zeile; jeder Eintrag genügt für einen Treffer. "
        "Groß- und Kleinschreibung sowie Satzzeichen spielen keine Rolle."
    ),
    "A language code such as en or de; empty: every language.": "Ein Sprachcode wie en oder de; leer: alle Sprachen.",
    "Confidence": "Konfidenz",
    "Keyword rule created.": "Schlüsselwortregel erstellt.",
    "Keyword rule saved.": "Schlüsselwortregel gespeichert.",
    "Keyword rule deleted.": "Schlüsselwortregel gelöscht.",
    "Keyword rule": "Schlüsselwortregel",
    "New keyword rule": "Neue Schlüsselwortregel",
    "All keyword rules": "Alle Schlüsselwortregeln",
    "Group ids": "Gruppen-IDs",
    "Delete keyword rule": "Schlüsselwortregel löschen",
    "Until enough solved tickets have trained a model, and wherever the model is less sure than a rule, these rules "
    "predict a ticket's group, priority, type or tags from words in its subject and first message.": (
        "Bis genügend gelöste Tickets ein Modell trainiert haben, und überall dort, wo das Modell unsicherer ist als "
        "eine Regel, sagen diese Regeln Gruppe, Priorität, Typ oder Tags eines Tickets anhand von Wörtern in seinem "
        "Betreff und seiner ersten Nachricht vorher."
    ),
    "No keyword rules yet.": "Noch keine Schlüsselwortregeln.",
    # --- Model fields (ai/models.py) -----------------------------------------------------------------
    "detected language": "erkannte Sprache",
    "predicted group": "vorhergesagte Gruppe",
    "predicted priority": "vorhergesagte Priorität",
    "predicted type": "vorhergesagter Typ",
    "predicted tags": "vorhergesagte Tags",
    "sentiment": "Stimmung",
    "urgency": "Dringlichkeit",
    "field": "Feld",
    "Group id, priority, type or tag to predict.": "Gruppen-ID, Priorität, Typ oder Tag, das vorhergesagt werden soll.",
    "keywords": "Schlüsselwörter",
    "Words or phrases; any one matches.": "Wörter oder Wendungen; jeder Eintrag genügt für einen Treffer.",
    "Empty: every language.": "Leer: alle Sprachen.",
    "confidence": "Konfidenz",
    "triage new tickets": "neue Tickets vorsortieren",
    "apply predictions at or above this confidence": "Vorhersagen ab dieser Konfidenz übernehmen",
    "suggest predictions at or above this confidence": "Vorhersagen ab dieser Konfidenz vorschlagen",
    "apply the predicted group": "die vorhergesagte Gruppe übernehmen",
    "apply the predicted priority": "die vorhergesagte Priorität übernehmen",
    "apply predicted tags": "vorhergesagte Tags übernehmen",
    "set the ticket language": "die Ticketsprache festlegen",
    "retrain every N days (0: only on demand)": "alle N Tage neu trainieren (0: nur auf Anforderung)",
    "minimum solved tickets to train": "Mindestanzahl gelöster Tickets für das Training",
    "LLM drafting and summaries": "Entwürfe und Zusammenfassungen per Sprachmodell",
    "OpenAI-compatible endpoint": "OpenAI-kompatibler Endpunkt",
    "model name": "Modellname",
    # --- AI settings (ai/settings_access.py, ai/views.py, ai/settings.html, settings_hub) -----------
    "Only admins may change the AI settings.": "Nur Administratoren dürfen die KI-Einstellungen ändern.",
    "A number from %(low)s to %(high)s.": "Eine Zahl von %(low)s bis %(high)s.",
    "Text of up to %(n)s characters on one line.": "Text mit bis zu %(n)s Zeichen in einer Zeile.",
    "The suggest threshold cannot be above the apply threshold.": (
        "Der Schwellenwert für Vorschläge darf nicht über dem Schwellenwert für die Übernahme liegen."
    ),
    "An endpoint is required to switch the LLM on.": "Um das Sprachmodell einzuschalten, ist ein Endpunkt erforderlich.",
    "Please correct the AI settings.": "Bitte korrigieren Sie die KI-Einstellungen.",
    "Triage new tickets": "Neue Tickets vorsortieren",
    "Apply predictions at or above this confidence": "Vorhersagen ab dieser Konfidenz übernehmen",
    "Suggest predictions at or above this confidence": "Vorhersagen ab dieser Konfidenz vorschlagen",
    "Set the ticket language": "Die Ticketsprache festlegen",
    "Apply the predicted group": "Die vorhergesagte Gruppe übernehmen",
    "Apply the predicted priority": "Die vorhergesagte Priorität übernehmen",
    "Apply predicted tags": "Vorhergesagte Tags übernehmen",
    "Retrain every N days (0: only on demand)": "Alle N Tage neu trainieren (0: nur auf Anforderung)",
    "Minimum solved tickets to train": "Mindestanzahl gelöster Tickets für das Training",
    "Model name": "Modellname",
    "API key": "API-Schlüssel",
    "Stored encrypted. Leave empty to keep the current key.": (
        "Wird verschlüsselt gespeichert. Lassen Sie das Feld leer, um den aktuellen Schlüssel zu behalten."
    ),
    "Remove the stored API key": "Den gespeicherten API-Schlüssel entfernen",
    "AI settings saved.": "KI-Einstellungen gespeichert.",
    "AI": "KI",
    "AI settings": "KI-Einstellungen",
    "Triage: thresholds, what is applied, retraining, LLM.": (
        "Vorsortierung: Schwellenwerte, was übernommen wird, erneutes Training, Sprachmodell."
    ),
    "AI keyword rules": "KI-Schlüsselwortregeln",
    "Cold-start rules that predict a field from words.": "Startregeln, die ein Feld anhand von Wörtern vorhersagen.",
    "Triage runs in the background for every new ticket: language, group, priority, type and tags with a confidence, "
    "and sentiment and urgency. Predictions at or above the apply threshold are applied when their switch is on; "
    "those at or above the suggest threshold are offered to agents.": (
        "Die Vorsortierung läuft für jedes neue Ticket im Hintergrund: Sprache, Gruppe, Priorität, Typ und Tags mit "
        "einer Konfidenz sowie Stimmung und Dringlichkeit. Vorhersagen ab dem Übernahme-Schwellenwert werden "
        "übernommen, wenn ihr Schalter eingeschaltet ist; Vorhersagen ab dem Vorschlags-Schwellenwert werden den "
        "Agenten angeboten."
    ),
    "Thresholds": "Schwellenwerte",
    "Apply automatically": "Automatisch übernehmen",
    "Language model (optional)": "Sprachmodell (optional)",
    "An API key is stored.": "Ein API-Schlüssel ist gespeichert.",
    # --- AI panel on the ticket page (ai/_ticket_panel.html) -----------------------------------------
    "Not triaged yet.": "Noch nicht vorsortiert.",
    "Sentiment": "Stimmung",
    "Urgency": "Dringlichkeit",
    "Cues": "Hinweise",
    "applied": "übernommen",
    "suggested": "vorgeschlagen",
    "matches the ticket": "entspricht dem Ticket",
    "low confidence": "geringe Konfidenz",
    "No predictions yet.": "Noch keine Vorhersagen.",
    "Models: %(versions)s": "Modelle: %(versions)s",
    # --- KB language check (kb/agent/article.html) ---
    (
        "This text looks like %(detected)s, but this translation is marked "
        "as “%(code)s”. Customers searching in that language will find it."
    ): (
        "Dieser Text sieht nach %(detected)s aus, aber diese Übersetzung ist als „%(code)s“ "
        "gekennzeichnet. Kunden, die in dieser Sprache suchen, werden ihn finden."
    ),
    # --- Ticket filters on the insight (tickets/selectors.py, inbox) ---
    "Sentiment (AI)": "Stimmung (KI)",
    "Urgent (AI)": "Dringend (KI)",
    "Use language codes such as en or de.": "Verwenden Sie Sprachcodes wie en oder de.",
    "Use negative, neutral or positive.": "Verwenden Sie negative, neutral oder positive.",
    "Use high.": "Verwenden Sie high.",
    "Negative": "Negativ",
    "Neutral": "Neutral",
    "Positive": "Positiv",
}
