"""Latvian translations of the optional LLM drafting and summaries; merged into lv.TRANSLATIONS.

Terms as in lv_ai: valodas modelis (LLM), galapunkts (endpoint), API atslēga, melnraksts (draft), kopsavilkums (summary)."""

LLM: dict[str, str | list[str]] = {
    # --- Client errors (ai/llm/client.py) --------------------------------------------------------------
    "The language model's answer is too large.": "Valodas modeļa atbilde ir pārāk liela.",
    "The language model endpoint is not allowed: %(reason)s": "Valodas modeļa galapunkts nav atļauts: %(reason)s",
    "The language model did not answer within %(seconds)s seconds.": "Valodas modelis neatbildēja %(seconds)s sekunžu laikā.",
    "The language model server cannot be reached.": "Valodas modeļa serveris nav sasniedzams.",
    "The language model endpoint answered with a redirect, which is not followed.": (
        "Valodas modeļa galapunkts atbildēja ar pāradresāciju; pāradresācijām nesekojam."
    ),
    "The language model server is busy. Try again in %(seconds)s seconds.": (
        "Valodas modeļa serveris ir aizņemts. Mēģiniet vēlreiz pēc %(seconds)s sekundēm."
    ),
    "The language model server is busy. Try again in a moment.": "Valodas modeļa serveris ir aizņemts. Mēģiniet vēlreiz pēc brīža.",
    "The language model server refused the API key.": "Valodas modeļa serveris noraidīja API atslēgu.",
    "The language model server does not know this endpoint or model; check the URL (usually ending in /v1) and the model name.": (
        "Valodas modeļa serveris nezina šo galapunktu vai modeli; pārbaudiet URL (parasti beidzas ar /v1) un modeļa nosaukumu."
    ),
    "The language model server rejected the request (HTTP %(status)s).": (
        "Valodas modeļa serveris noraidīja pieprasījumu (HTTP %(status)s)."
    ),
    "The language model server had an error (HTTP %(status)s).": "Valodas modeļa serverī radās kļūda (HTTP %(status)s).",
    "The language model server gave an answer that is not a chat completion.": (
        "Valodas modeļa serveris nesniedza derīgu tērzēšanas atbildi."
    ),
    "The language model gave an empty answer.": "Valodas modelis sniedza tukšu atbildi.",
    # --- Configuration and actions (ai/llm/config.py, ai/llm/actions.py, ai/llm/history.py) -------------
    "LLM drafting is switched off. An admin can switch it on in the AI settings.": (
        "Melnraksti ar valodas modeli ir izslēgti. Administrators tos var ieslēgt MI iestatījumos."
    ),
    "No language model endpoint is configured. An admin can set one in the AI settings.": (
        "Valodas modelim nav iestatīts galapunkts. Administrators to var norādīt MI iestatījumos."
    ),
    "The stored API key of the language model cannot be read. An admin must enter it again in the AI settings.": (
        "Saglabāto valodas modeļa API atslēgu nevar nolasīt. Administratoram tā jāievada vēlreiz MI iestatījumos."
    ),
    "You asked the language model %(count)s times in %(minutes)s minutes. Please wait a few minutes.": (
        "Jūs %(minutes)s minūšu laikā %(count)s reizes vērsāties pie valodas modeļa. Lūdzu, uzgaidiet dažas minūtes."
    ),
    "The language model answered in %(ms)s ms (model: %(model)s).": "Valodas modelis atbildēja %(ms)s ms laikā (modelis: %(model)s).",
    "%(actor)s asked the language model (%(model)s) for a summary": "%(actor)s lūdza valodas modelim (%(model)s) kopsavilkumu",
    "%(actor)s asked the language model (%(model)s) for a reply draft": ("%(actor)s lūdza valodas modelim (%(model)s) atbildes melnrakstu"),
    # --- Ticket sidebar panel and settings page (templates/ai/_llm_panel.html, templates/ai/llm/*) -----
    "Language model": "Valodas modelis",
    "Written by the configured language model from this ticket and the knowledge base. Check every word before you use it.": (
        "To uzrakstīja iestatītais valodas modelis, izmantojot šo pieteikumu un zināšanu bāzi. Pirms izmantošanas pārbaudiet katru vārdu."
    ),
    "Draft a reply": "Sagatavot atbildi",
    "Summarise": "Apkopot",
    "Asking the language model…": "Vaicājam valodas modelim…",
    "Draft reply": "Atbildes melnraksts",
    "The draft was cut off at the length limit.": "Melnraksts tika nogriezts pie garuma ierobežojuma.",
    "Insert into reply": "Ievietot atbildē",
    "Sources": "Avoti",
    "internal": "iekšējs",
    "No knowledge base article matched; the draft rests on the conversation only.": (
        "Neviens zināšanu bāzes raksts neatbilda; melnraksts balstās tikai uz saraksti."
    ),
    "Summary": "Kopsavilkums",
    "The summary was cut off at the length limit.": "Kopsavilkums tika nogriezts pie garuma ierobežojuma.",
    "The server said:": "Serveris atbildēja:",
    "Sends a tiny prompt without any ticket data to the saved endpoint, also while the switch is off.": (
        "Nosūta īsu vaicājumu bez pieteikuma datiem uz saglabāto galapunktu, arī tad, ja slēdzis ir izslēgts."
    ),
}
