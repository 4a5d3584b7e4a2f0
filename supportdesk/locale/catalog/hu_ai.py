"""Hungarian translations of the local AI: triage of new tickets (language, group, priority, type, tags, sentiment,
urgency), the AI panel on the ticket page, keyword rules, models and the AI settings with the optional language
model; merged into hu.TRANSLATIONS and split out only to keep each table file short.

Terms: MI (AI), előszűrés (triage), előrejelzés (prediction), javaslat (suggestion), kulcsszószabály (keyword rule),
megbízhatóság (confidence), küszöbérték (threshold), hangulat (sentiment), sürgősség (urgency), tanítás (training),
modell, nyelvi modell (LLM), végpont (endpoint), API-kulcs."""

AI: dict[str, str | list[str]] = {
    # --- Applying a prediction (ai/apply.py, ai/views.py) --------------------------------------------
    "Unknown prediction.": "Ismeretlen előrejelzés.",
    "Use group, priority, tags or language.": "Használja a csoportot, a prioritást, a címkéket vagy a nyelvet.",
    "This ticket has no AI insight yet.": "Ehhez a jegyhez még nincs MI-elemzés.",
    "There is no group suggestion.": "Nincs csoportjavaslat.",
    "No suggestion.": "Nincs javaslat.",
    "There is no priority suggestion.": "Nincs prioritásjavaslat.",
    "The language is not known.": "A nyelv nem ismert.",
    "There are no tag suggestions.": "Nincsenek címkejavaslatok.",
    "Suggestion applied.": "Javaslat alkalmazva.",
    # --- Choices (ai/choices.py) ---------------------------------------------------------------------
    "Type": "Típus",
    "Training": "Tanítás",
    "Ready": "Kész",
    "Retired": "Kivezetve",
    # --- Keyword rules (ai/keyword_rules.py, ai/rules_views.py, ai/rules/*.html) ---------------------
    "Only admins may change keyword rules.": "Kulcsszószabályt csak adminisztrátor módosíthat.",
    "Give a list of words or phrases.": "Adja meg szavak vagy kifejezések listáját.",
    "A keyword may have at most %(count)d characters.": "Egy kulcsszó legfeljebb %(count)d karakter hosszú lehet.",
    "Give at least one word or phrase.": "Adjon meg legalább egy szót vagy kifejezést.",
    "At most %(count)d keywords.": "Legfeljebb %(count)d kulcsszó.",
    "Give the id of an active group.": "Adja meg egy aktív csoport azonosítóját.",
    "Give one of: %(values)s.": "Adja meg az alábbiak egyikét: %(values)s.",
    "Give a tag.": "Adjon meg egy címkét.",
    "Give a language code such as en or de, or leave it empty for every language.": (
        "Adjon meg egy nyelvkódot (például en vagy de), vagy hagyja üresen, ha minden nyelvre vonatkozik."
    ),
    "Give a confidence between 0 and 1.": "Adjon meg 0 és 1 közötti megbízhatóságot.",
    "Give a whole number from 0 to %(max)d.": "Adjon meg egy egész számot 0 és %(max)d között.",
    "Check the highlighted fields.": "Ellenőrizze a kiemelt mezőket.",
    "The group id, priority (low, normal, high, urgent), type or tag to predict.": (
        "Az előre jelzendő csoportazonosító, prioritás (low, normal, high, urgent), típus vagy címke."
    ),
    "Keywords": "Kulcsszavak",
    "One word or phrase per line; any one matches. Upper or lower case and punctuation do not matter.": (
        "Soronként egy szó vagy kifejezés; bármelyik egyezése elegendő. A kis- és nagybetűk, valamint az írásjelek nem számítanak."
    ),
    "A language code such as en or de; empty: every language.": "Nyelvkód, például en vagy de; üres: minden nyelv.",
    "Confidence": "Megbízhatóság",
    "Keyword rule created.": "Kulcsszószabály létrehozva.",
    "Keyword rule saved.": "Kulcsszószabály mentve.",
    "Keyword rule deleted.": "Kulcsszószabály törölve.",
    "Keyword rule": "Kulcsszószabály",
    "New keyword rule": "Új kulcsszószabály",
    "All keyword rules": "Összes kulcsszószabály",
    "Group ids": "Csoportazonosítók",
    "Delete keyword rule": "Kulcsszószabály törlése",
    "Until enough solved tickets have trained a model, and wherever the model is less sure than a rule, these rules "
    "predict a ticket's group, priority, type or tags from words in its subject and first message.": (
        "Amíg elegendő megoldott jegy nem tanított be egy modellt, és mindenhol, ahol a modell kevésbé biztos, mint "
        "egy szabály, ezek a szabályok a tárgy és az első üzenet szavai alapján jelzik előre a jegy csoportját, "
        "prioritását, típusát vagy címkéit."
    ),
    "No keyword rules yet.": "Még nincsenek kulcsszószabályok.",
    # --- Model fields (ai/models.py) -----------------------------------------------------------------
    "detected language": "felismert nyelv",
    "predicted group": "előre jelzett csoport",
    "predicted priority": "előre jelzett prioritás",
    "predicted type": "előre jelzett típus",
    "predicted tags": "előre jelzett címkék",
    "sentiment": "hangulat",
    "urgency": "sürgősség",
    "field": "mező",
    "Group id, priority, type or tag to predict.": "Az előre jelzendő csoportazonosító, prioritás, típus vagy címke.",
    "keywords": "kulcsszavak",
    "Words or phrases; any one matches.": "Szavak vagy kifejezések; bármelyik egyezése elegendő.",
    "Empty: every language.": "Üres: minden nyelv.",
    "confidence": "megbízhatóság",
    "triage new tickets": "új jegyek előszűrése",
    "apply predictions at or above this confidence": "előrejelzések alkalmazása ettől a megbízhatóságtól",
    "suggest predictions at or above this confidence": "előrejelzések javaslása ettől a megbízhatóságtól",
    "apply the predicted group": "az előre jelzett csoport alkalmazása",
    "apply the predicted priority": "az előre jelzett prioritás alkalmazása",
    "apply predicted tags": "előre jelzett címkék alkalmazása",
    "set the ticket language": "a jegy nyelvének beállítása",
    "retrain every N days (0: only on demand)": "újratanítás N naponta (0: csak kérésre)",
    "minimum solved tickets to train": "a tanításhoz szükséges megoldott jegyek minimális száma",
    "LLM drafting and summaries": "Piszkozatok és összefoglalók nyelvi modellel",
    "OpenAI-compatible endpoint": "OpenAI-kompatibilis végpont",
    "model name": "modellnév",
    # --- AI settings (ai/settings_access.py, ai/views.py, ai/settings.html, settings_hub) -----------
    "Only admins may change the AI settings.": "Az MI-beállításokat csak adminisztrátor módosíthatja.",
    "A number from %(low)s to %(high)s.": "Egy szám %(low)s és %(high)s között.",
    "Text of up to %(n)s characters on one line.": "Legfeljebb %(n)s karakteres szöveg egy sorban.",
    "The suggest threshold cannot be above the apply threshold.": (
        "A javaslati küszöbérték nem lehet magasabb az alkalmazási küszöbértéknél."
    ),
    "An endpoint is required to switch the LLM on.": "A nyelvi modell bekapcsolásához végpont szükséges.",
    "Please correct the AI settings.": "Kérjük, javítsa az MI-beállításokat.",
    "Triage new tickets": "Új jegyek előszűrése",
    "Apply predictions at or above this confidence": "Előrejelzések alkalmazása ettől a megbízhatóságtól",
    "Suggest predictions at or above this confidence": "Előrejelzések javaslása ettől a megbízhatóságtól",
    "Set the ticket language": "A jegy nyelvének beállítása",
    "Apply the predicted group": "Az előre jelzett csoport alkalmazása",
    "Apply the predicted priority": "Az előre jelzett prioritás alkalmazása",
    "Apply predicted tags": "Előre jelzett címkék alkalmazása",
    "Retrain every N days (0: only on demand)": "Újratanítás N naponta (0: csak kérésre)",
    "Minimum solved tickets to train": "A tanításhoz szükséges megoldott jegyek minimális száma",
    "Model name": "Modellnév",
    "API key": "API-kulcs",
    "Stored encrypted. Leave empty to keep the current key.": (
        "Titkosítva tároljuk. Hagyja üresen, ha a jelenlegi kulcsot meg szeretné tartani."
    ),
    "Remove the stored API key": "A tárolt API-kulcs eltávolítása",
    "AI settings saved.": "MI-beállítások mentve.",
    "AI": "MI",
    "AI settings": "MI-beállítások",
    "Triage: thresholds, what is applied, retraining, LLM.": (
        "Előszűrés: küszöbértékek, mi kerüljön alkalmazásra, újratanítás, nyelvi modell."
    ),
    "AI keyword rules": "MI-kulcsszószabályok",
    "Cold-start rules that predict a field from words.": "Kezdeti szabályok, amelyek szavak alapján jeleznek előre egy mezőt.",
    "Triage runs in the background for every new ticket: language, group, priority, type and tags with a confidence, "
    "and sentiment and urgency. Predictions at or above the apply threshold are applied when their switch is on; "
    "those at or above the suggest threshold are offered to agents.": (
        "Az előszűrés minden új jegynél a háttérben fut: nyelv, csoport, prioritás, típus és címkék megbízhatósággal, "
        "valamint hangulat és sürgősség. Az alkalmazási küszöbértéket elérő előrejelzéseket a rendszer alkalmazza, ha "
        "a kapcsolójuk be van kapcsolva; a javaslati küszöbértéket elérőket felajánlja az ügyintézőknek."
    ),
    "Thresholds": "Küszöbértékek",
    "Apply automatically": "Automatikus alkalmazás",
    "Language model (optional)": "Nyelvi modell (nem kötelező)",
    "An API key is stored.": "Van tárolt API-kulcs.",
    # --- AI panel on the ticket page (ai/_ticket_panel.html) -----------------------------------------
    "Not triaged yet.": "Még nincs előszűrve.",
    "Sentiment": "Hangulat",
    "Urgency": "Sürgősség",
    "Cues": "Jelek",
    "applied": "alkalmazva",
    "suggested": "javasolt",
    "matches the ticket": "megegyezik a jeggyel",
    "low confidence": "alacsony megbízhatóság",
    "No predictions yet.": "Még nincsenek előrejelzések.",
    "Models: %(versions)s": "Modellek: %(versions)s",
    # --- KB language check (kb/agent/article.html) ---
    (
        "This text looks like %(detected)s, but this translation is marked "
        "as “%(code)s”. Customers searching in that language will find it."
    ): (
        "Ez a szöveg %(detected)s nyelvűnek tűnik, de ez a fordítás „%(code)s” nyelvűként "
        "van megjelölve. Az ezen a nyelven kereső ügyfelek meg fogják találni."
    ),
    # --- Ticket filters on the insight (tickets/selectors.py, inbox) ---
    "Sentiment (AI)": "Hangulat (MI)",
    "Urgent (AI)": "Sürgős (MI)",
    "Use language codes such as en or de.": "Használjon nyelvkódokat, például en vagy de.",
    "Use negative, neutral or positive.": "Használja a negative, neutral vagy positive értéket.",
    "Use high.": "Használja a high értéket.",
    "Negative": "Negatív",
    "Neutral": "Semleges",
    "Positive": "Pozitív",
}
