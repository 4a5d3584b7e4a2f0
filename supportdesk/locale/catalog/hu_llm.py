"""Hungarian translations of the optional LLM drafting and summaries; merged into hu.TRANSLATIONS.

Terms as in hu_ai: nyelvi modell (LLM), végpont (endpoint), API-kulcs, piszkozat (draft), összefoglaló (summary)."""

LLM: dict[str, str | list[str]] = {
    # --- Client errors (ai/llm/client.py) --------------------------------------------------------------
    "The language model's answer is too large.": "A nyelvi modell válasza túl nagy.",
    "The language model endpoint is not allowed: %(reason)s": "A nyelvi modell végpontja nem engedélyezett: %(reason)s",
    "The language model did not answer within %(seconds)s seconds.": "A nyelvi modell nem válaszolt %(seconds)s másodpercen belül.",
    "The language model server cannot be reached.": "A nyelvi modell szervere nem érhető el.",
    "The language model endpoint answered with a redirect, which is not followed.": (
        "A nyelvi modell végpontja átirányítással válaszolt; az átirányításokat nem követjük."
    ),
    "The language model server is busy. Try again in %(seconds)s seconds.": (
        "A nyelvi modell szervere foglalt. Próbálja újra %(seconds)s másodperc múlva."
    ),
    "The language model server is busy. Try again in a moment.": "A nyelvi modell szervere foglalt. Próbálja újra egy kis idő múlva.",
    "The language model server refused the API key.": "A nyelvi modell szervere elutasította az API-kulcsot.",
    "The language model server does not know this endpoint or model; check the URL (usually ending in /v1) and the model name.": (
        "A nyelvi modell szervere nem ismeri ezt a végpontot vagy modellt; ellenőrizze az URL-t (általában /v1-re "
        "végződik) és a modell nevét."
    ),
    "The language model server rejected the request (HTTP %(status)s).": (
        "A nyelvi modell szervere elutasította a kérést (HTTP %(status)s)."
    ),
    "The language model server had an error (HTTP %(status)s).": "Hiba történt a nyelvi modell szerverén (HTTP %(status)s).",
    "The language model server gave an answer that is not a chat completion.": (
        "A nyelvi modell szervere nem érvényes csevegési választ adott."
    ),
    "The language model gave an empty answer.": "A nyelvi modell üres választ adott.",
    # --- Configuration and actions (ai/llm/config.py, ai/llm/actions.py, ai/llm/history.py) -------------
    "LLM drafting is switched off. An admin can switch it on in the AI settings.": (
        "A nyelvi modellel készülő piszkozatok ki vannak kapcsolva. Egy adminisztrátor bekapcsolhatja őket az MI-beállításokban."
    ),
    "No language model endpoint is configured. An admin can set one in the AI settings.": (
        "Nincs beállítva végpont a nyelvi modellhez. Egy adminisztrátor megadhatja az MI-beállításokban."
    ),
    "The stored API key of the language model cannot be read. An admin must enter it again in the AI settings.": (
        "A nyelvi modell tárolt API-kulcsa nem olvasható. Egy adminisztrátornak újra meg kell adnia az MI-beállításokban."
    ),
    "You asked the language model %(count)s times in %(minutes)s minutes. Please wait a few minutes.": (
        "Ön %(minutes)s perc alatt %(count)s alkalommal kérdezte a nyelvi modellt. Kérjük, várjon néhány percet."
    ),
    "The language model answered in %(ms)s ms (model: %(model)s).": "A nyelvi modell %(ms)s ms alatt válaszolt (modell: %(model)s).",
    "%(actor)s asked the language model (%(model)s) for a summary": "%(actor)s összefoglalót kért a nyelvi modelltől (%(model)s)",
    "%(actor)s asked the language model (%(model)s) for a reply draft": ("%(actor)s válaszpiszkozatot kért a nyelvi modelltől (%(model)s)"),
    # --- Ticket sidebar panel and settings page (templates/ai/_llm_panel.html, templates/ai/llm/*) -----
    "Language model": "Nyelvi modell",
    "Written by the configured language model from this ticket and the knowledge base. Check every word before you use it.": (
        "A beállított nyelvi modell írta ebből a jegyből és a tudásbázisból. Használat előtt ellenőrizzen minden szót."
    ),
    "Draft a reply": "Válasz piszkozata",
    "Summarise": "Összefoglalás",
    "Asking the language model…": "A nyelvi modell válaszára várunk…",
    "Draft reply": "Válaszpiszkozat",
    "The draft was cut off at the length limit.": "A piszkozat a hosszkorlátnál megszakadt.",
    "Insert into reply": "Beillesztés a válaszba",
    "Sources": "Források",
    "internal": "belső",
    "No knowledge base article matched; the draft rests on the conversation only.": (
        "Egyetlen tudásbázis-cikk sem illeszkedett; a piszkozat csak a beszélgetésen alapul."
    ),
    "Summary": "Összefoglaló",
    "The summary was cut off at the length limit.": "Az összefoglaló a hosszkorlátnál megszakadt.",
    "The server said:": "A szerver válasza:",
    "Sends a tiny prompt without any ticket data to the saved endpoint, also while the switch is off.": (
        "Rövid, jegyadatokat nem tartalmazó kérést küld a mentett végpontra, akkor is, ha a kapcsoló ki van kapcsolva."
    ),
}
