"""Latvian translations of the local AI: triage of new tickets (language, group, priority, type, tags, sentiment,
urgency), the AI panel on the ticket page, keyword rules, models and the AI settings with the optional language
model; merged into lv.TRANSLATIONS and split out only to keep each table file short.

Terms: MI (AI), šķirošana (triage), prognoze (prediction), ieteikums (suggestion), atslēgvārdu noteikums (keyword
rule), ticamība (confidence), slieksnis (threshold), noskaņojums (sentiment), steidzamība (urgency), apmācība
(training), modelis, valodas modelis (LLM), galapunkts (endpoint), API atslēga."""

AI: dict[str, str | list[str]] = {
    # --- Applying a prediction (ai/apply.py, ai/views.py) --------------------------------------------
    "Unknown prediction.": "Nezināma prognoze.",
    "Use group, priority, tags or language.": "Izmantojiet grupu, prioritāti, birkas vai valodu.",
    "This ticket has no AI insight yet.": "Šim pieteikumam vēl nav MI analīzes.",
    "There is no group suggestion.": "Nav grupas ieteikuma.",
    "No suggestion.": "Nav ieteikuma.",
    "There is no priority suggestion.": "Nav prioritātes ieteikuma.",
    "The language is not known.": "Valoda nav zināma.",
    "There are no tag suggestions.": "Nav birku ieteikumu.",
    "Suggestion applied.": "Ieteikums piemērots.",
    # --- Choices (ai/choices.py) ---------------------------------------------------------------------
    "Type": "Tips",
    "Training": "Apmācība",
    "Ready": "Gatavs",
    "Retired": "Izņemts no lietošanas",
    # --- Keyword rules (ai/keyword_rules.py, ai/rules_views.py, ai/rules/*.html) ---------------------
    "Only admins may change keyword rules.": "Atslēgvārdu noteikumus drīkst mainīt tikai administratori.",
    "Give a list of words or phrases.": "Norādiet vārdu vai frāžu sarakstu.",
    "A keyword may have at most %(count)d characters.": "Atslēgvārdā drīkst būt ne vairāk kā %(count)d rakstzīmes.",
    "Give at least one word or phrase.": "Norādiet vismaz vienu vārdu vai frāzi.",
    "At most %(count)d keywords.": "Ne vairāk kā %(count)d atslēgvārdi.",
    "Give the id of an active group.": "Norādiet aktīvas grupas ID.",
    "Give one of: %(values)s.": "Norādiet vienu no: %(values)s.",
    "Give a tag.": "Norādiet birku.",
    "Give a language code such as en or de, or leave it empty for every language.": (
        "Norādiet valodas kodu, piemēram, en vai de, vai atstājiet tukšu, lai attiektos uz visām valodām."
    ),
    "Give a confidence between 0 and 1.": "Norādiet ticamību no 0 līdz 1.",
    "Give a whole number from 0 to %(max)d.": "Norādiet veselu skaitli no 0 līdz %(max)d.",
    "Check the highlighted fields.": "Pārbaudiet iezīmētos laukus.",
    "The group id, priority (low, normal, high, urgent), type or tag to predict.": (
        "Prognozējamās grupas ID, prioritāte (low, normal, high, urgent), tips vai birka."
    ),
    "Keywords": "Atslēgvārdi",
    "One word or phrase per line; any one matches. Upper or lower case and punctuation do not matter.": (
        "Viens vārds vai frāze katrā rindā; pietiek ar jebkuru no tiem. Lielie un mazie burti un pieturzīmes nav svarīgi."
    ),
    "A language code such as en or de; empty: every language.": "Valodas kods, piemēram, en vai de; tukšs: visas valodas.",
    "Confidence": "Ticamība",
    "Keyword rule created.": "Atslēgvārdu noteikums izveidots.",
    "Keyword rule saved.": "Atslēgvārdu noteikums saglabāts.",
    "Keyword rule deleted.": "Atslēgvārdu noteikums dzēsts.",
    "Keyword rule": "Atslēgvārdu noteikums",
    "New keyword rule": "Jauns atslēgvārdu noteikums",
    "All keyword rules": "Visi atslēgvārdu noteikumi",
    "Group ids": "Grupu ID",
    "Delete keyword rule": "Dzēst atslēgvārdu noteikumu",
    "Until enough solved tickets have trained a model, and wherever the model is less sure than a rule, these rules "
    "predict a ticket's group, priority, type or tags from words in its subject and first message.": (
        "Kamēr modelis nav apmācīts ar pietiekami daudz atrisinātiem pieteikumiem, un visur, kur modelis ir mazāk "
        "pārliecināts nekā noteikums, šie noteikumi prognozē pieteikuma grupu, prioritāti, tipu vai birkas pēc vārdiem "
        "tā tematā un pirmajā ziņojumā."
    ),
    "No keyword rules yet.": "Atslēgvārdu noteikumu vēl nav.",
    # --- Model fields (ai/models.py) -----------------------------------------------------------------
    "detected language": "noteiktā valoda",
    "predicted group": "prognozētā grupa",
    "predicted priority": "prognozētā prioritāte",
    "predicted type": "prognozētais tips",
    "predicted tags": "prognozētās birkas",
    "sentiment": "noskaņojums",
    "urgency": "steidzamība",
    "field": "lauks",
    "Group id, priority, type or tag to predict.": "Prognozējamās grupas ID, prioritāte, tips vai birka.",
    "keywords": "atslēgvārdi",
    "Words or phrases; any one matches.": "Vārdi vai frāzes; pietiek ar jebkuru no tiem.",
    "Empty: every language.": "Tukšs: visas valodas.",
    "confidence": "ticamība",
    "triage new tickets": "šķirot jaunus pieteikumus",
    "apply predictions at or above this confidence": "piemērot prognozes ar šādu vai lielāku ticamību",
    "suggest predictions at or above this confidence": "ieteikt prognozes ar šādu vai lielāku ticamību",
    "apply the predicted group": "piemērot prognozēto grupu",
    "apply the predicted priority": "piemērot prognozēto prioritāti",
    "apply predicted tags": "piemērot prognozētās birkas",
    "set the ticket language": "iestatīt pieteikuma valodu",
    "retrain every N days (0: only on demand)": "atkārtoti apmācīt ik pēc N dienām (0: tikai pēc pieprasījuma)",
    "minimum solved tickets to train": "minimālais atrisināto pieteikumu skaits apmācībai",
    "LLM drafting and summaries": "Melnraksti un kopsavilkumi ar valodas modeli",
    "OpenAI-compatible endpoint": "Ar OpenAI saderīgs galapunkts",
    "model name": "modeļa nosaukums",
    # --- AI settings (ai/settings_access.py, ai/views.py, ai/settings.html, settings_hub) -----------
    "Only admins may change the AI settings.": "MI iestatījumus drīkst mainīt tikai administratori.",
    "A number from %(low)s to %(high)s.": "Skaitlis no %(low)s līdz %(high)s.",
    "Text of up to %(n)s characters on one line.": "Teksts vienā rindā, ne vairāk kā %(n)s rakstzīmes.",
    "The suggest threshold cannot be above the apply threshold.": (
        "Ieteikšanas slieksnis nedrīkst būt augstāks par piemērošanas slieksni."
    ),
    "An endpoint is required to switch the LLM on.": "Lai ieslēgtu valodas modeli, nepieciešams galapunkts.",
    "Please correct the AI settings.": "Lūdzu, izlabojiet MI iestatījumus.",
    "Triage new tickets": "Šķirot jaunus pieteikumus",
    "Apply predictions at or above this confidence": "Piemērot prognozes ar šādu vai lielāku ticamību",
    "Suggest predictions at or above this confidence": "Ieteikt prognozes ar šādu vai lielāku ticamību",
    "Set the ticket language": "Iestatīt pieteikuma valodu",
    "Apply the predicted group": "Piemērot prognozēto grupu",
    "Apply the predicted priority": "Piemērot prognozēto prioritāti",
    "Apply predicted tags": "Piemērot prognozētās birkas",
    "Retrain every N days (0: only on demand)": "Atkārtoti apmācīt ik pēc N dienām (0: tikai pēc pieprasījuma)",
    "Minimum solved tickets to train": "Minimālais atrisināto pieteikumu skaits apmācībai",
    "Model name": "Modeļa nosaukums",
    "API key": "API atslēga",
    "Stored encrypted. Leave empty to keep the current key.": ("Tiek glabāta šifrēta. Atstājiet tukšu, lai paturētu pašreizējo atslēgu."),
    "Remove the stored API key": "Noņemt saglabāto API atslēgu",
    "AI settings saved.": "MI iestatījumi saglabāti.",
    "AI": "MI",
    "AI settings": "MI iestatījumi",
    "Triage: thresholds, what is applied, retraining, LLM.": (
        "Šķirošana: sliekšņi, kas tiek piemērots, atkārtota apmācība, valodas modelis."
    ),
    "AI keyword rules": "MI atslēgvārdu noteikumi",
    "Cold-start rules that predict a field from words.": "Sākuma noteikumi, kas prognozē lauku pēc vārdiem.",
    "Triage runs in the background for every new ticket: language, group, priority, type and tags with a confidence, "
    "and sentiment and urgency. Predictions at or above the apply threshold are applied when their switch is on; "
    "those at or above the suggest threshold are offered to agents.": (
        "Šķirošana fonā notiek katram jaunam pieteikumam: valoda, grupa, prioritāte, tips un birkas ar ticamību, kā "
        "arī noskaņojums un steidzamība. Prognozes, kas sasniedz piemērošanas slieksni, tiek piemērotas, ja to slēdzis "
        "ir ieslēgts; tās, kas sasniedz ieteikšanas slieksni, tiek piedāvātas aģentiem."
    ),
    "Thresholds": "Sliekšņi",
    "Apply automatically": "Piemērot automātiski",
    "Language model (optional)": "Valodas modelis (neobligāts)",
    "An API key is stored.": "API atslēga ir saglabāta.",
    # --- AI panel on the ticket page (ai/_ticket_panel.html) -----------------------------------------
    "Not triaged yet.": "Vēl nav sašķirots.",
    "Sentiment": "Noskaņojums",
    "Urgency": "Steidzamība",
    "Cues": "Pazīmes",
    "applied": "piemērots",
    "suggested": "ieteikts",
    "matches the ticket": "atbilst pieteikumam",
    "low confidence": "zema ticamība",
    "No predictions yet.": "Prognožu vēl nav.",
    "Models: %(versions)s": "Modeļi: %(versions)s",
    # --- KB language check (kb/agent/article.html) ---
    (
        "This text looks like %(detected)s, but this translation is marked "
        "as “%(code)s”. Customers searching in that language will find it."
    ): (
        "Šis teksts izskatās pēc valodas: %(detected)s, bet šis tulkojums ir "
        "atzīmēts kā “%(code)s”. Klienti, kas meklē šajā valodā, to atradīs."
    ),
    # --- Ticket filters on the insight (tickets/selectors.py, inbox) ---
    "Sentiment (AI)": "Noskaņojums (MI)",
    "Urgent (AI)": "Steidzams (MI)",
    "Use language codes such as en or de.": "Izmantojiet valodu kodus, piemēram, en vai de.",
    "Use negative, neutral or positive.": "Izmantojiet negative, neutral vai positive.",
    "Use high.": "Izmantojiet high.",
    "Negative": "Negatīvs",
    "Neutral": "Neitrāls",
    "Positive": "Pozitīvs",
}
