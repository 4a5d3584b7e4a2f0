"""What the customer reads: the survey mails, answer pages and portal panel, in en, de, hu and lv.

These are survey content rather than interface chrome: a survey must reach the customer in their
own language from the first install, so the four languages ship here as one table per language
(and are checked for equal keys and placeholders by the tests). A language without a table falls
back to English. Values are filled with str.format; callers escape on output (templates do).
"""

from __future__ import annotations

from typing import Any

from supportdesk.surveys.choices import CsatScale, SurveyKind

FALLBACK = "en"

EN: dict[str, str] = {
    "subject_ticket": "How did we do with your request {number}?",
    "subject_nps": "Would you recommend us?",
    "greeting": "Hello {name},",
    "greeting_plain": "Hello,",
    "intro_ticket": "Your request {number} “{subject}” has been solved. Please tell us how we did – one click is enough.",
    "intro_nps": "We would like to know what you think of our support.",
    "csat_question": "How satisfied are you with the support you received?",
    "csat_1": "Very dissatisfied",
    "csat_2": "Dissatisfied",
    "csat_3": "Neutral",
    "csat_4": "Satisfied",
    "csat_5": "Very satisfied",
    "good": "Good, I am satisfied",
    "bad": "Bad, I am not satisfied",
    "ces_statement": "The company made it easy for me to handle my issue.",
    "ces_prompt": "How much do you agree?",
    "ces_1": "Strongly disagree",
    "ces_2": "Disagree",
    "ces_3": "Somewhat disagree",
    "ces_4": "Neither agree nor disagree",
    "ces_5": "Somewhat agree",
    "ces_6": "Agree",
    "ces_7": "Strongly agree",
    "nps_question": "How likely are you to recommend us to a friend or colleague?",
    "nps_low": "Not at all likely",
    "nps_high": "Extremely likely",
    "mail_comment_hint": "After your click you can add a comment.",
    "mail_footer": "These links are personal and valid until {date}. This is an automatic message.",
    "page_title": "Your feedback",
    "ticket_line": "Request {number}: {subject}",
    "comment_label": "Anything you would like to add? (optional)",
    "submit": "Send",
    "submit_comment": "Send comment",
    "thanks_title": "Thank you for your feedback!",
    "your_answer": "Your answer: {answer}",
    "change_hint": "You can change your answer until {date}.",
    "changed_note": "Your answer was updated.",
    "change_to": "You answered “{previous}” before. Send the form to change your answer.",
    "already_title": "You have already answered",
    "already_text": "Thank you, we have your answer. It can no longer be changed.",
    "more_question": "One more question",
    "invalid_title": "This link is not valid",
    "invalid_text": "Please use the link exactly as it appears in the e-mail.",
    "not_found_title": "This survey was not found",
    "not_found_text": "It may have been removed. There is nothing more to do here.",
    "expired_title": "This link has expired",
    "expired_text": "Thank you for your interest – this survey is closed.",
    "cancelled_title": "This survey is no longer open",
    "cancelled_text": "Your request was reopened. There is nothing more to do here.",
    "invalid_score": "Please choose one of the answers.",
    "comment_too_long": "The comment is too long (at most {max} characters).",
    "rate_limited": "Too many attempts. Please try again in a few minutes.",
    "portal_title": "How did we do?",
}

DE: dict[str, str] = {
    "subject_ticket": "Wie zufrieden waren Sie mit der Bearbeitung Ihrer Anfrage {number}?",
    "subject_nps": "Würden Sie uns weiterempfehlen?",
    "greeting": "Hallo {name},",
    "greeting_plain": "Guten Tag,",
    "intro_ticket": "Ihre Anfrage {number} „{subject}“ wurde gelöst. Bitte sagen Sie uns, wie wir waren – ein Klick genügt.",
    "intro_nps": "Wir möchten gerne wissen, was Sie von unserem Support halten.",
    "csat_question": "Wie zufrieden sind Sie mit der Unterstützung, die Sie erhalten haben?",
    "csat_1": "Sehr unzufrieden",
    "csat_2": "Unzufrieden",
    "csat_3": "Neutral",
    "csat_4": "Zufrieden",
    "csat_5": "Sehr zufrieden",
    "good": "Gut, ich bin zufrieden",
    "bad": "Schlecht, ich bin nicht zufrieden",
    "ces_statement": "Das Unternehmen hat es mir leicht gemacht, mein Anliegen zu erledigen.",
    "ces_prompt": "Wie sehr stimmen Sie zu?",
    "ces_1": "Stimme überhaupt nicht zu",
    "ces_2": "Stimme nicht zu",
    "ces_3": "Stimme eher nicht zu",
    "ces_4": "Weder noch",
    "ces_5": "Stimme eher zu",
    "ces_6": "Stimme zu",
    "ces_7": "Stimme voll und ganz zu",
    "nps_question": "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?",
    "nps_low": "Sehr unwahrscheinlich",
    "nps_high": "Sehr wahrscheinlich",
    "mail_comment_hint": "Nach Ihrem Klick können Sie noch einen Kommentar hinzufügen.",
    "mail_footer": "Diese Links sind persönlich und bis {date} gültig. Dies ist eine automatische Nachricht.",
    "page_title": "Ihre Rückmeldung",
    "ticket_line": "Anfrage {number}: {subject}",
    "comment_label": "Möchten Sie noch etwas hinzufügen? (optional)",
    "submit": "Senden",
    "submit_comment": "Kommentar senden",
    "thanks_title": "Vielen Dank für Ihre Rückmeldung!",
    "your_answer": "Ihre Antwort: {answer}",
    "change_hint": "Sie können Ihre Antwort bis {date} ändern.",
    "changed_note": "Ihre Antwort wurde aktualisiert.",
    "change_to": "Sie hatten zuvor „{previous}“ geantwortet. Senden Sie das Formular, um Ihre Antwort zu ändern.",
    "already_title": "Sie haben bereits geantwortet",
    "already_text": "Vielen Dank, Ihre Antwort liegt uns vor. Sie kann nicht mehr geändert werden.",
    "more_question": "Noch eine Frage",
    "invalid_title": "Dieser Link ist ungültig",
    "invalid_text": "Bitte verwenden Sie den Link genau so, wie er in der E-Mail steht.",
    "not_found_title": "Diese Umfrage wurde nicht gefunden",
    "not_found_text": "Vielleicht wurde sie entfernt. Hier gibt es nichts weiter zu tun.",
    "expired_title": "Dieser Link ist abgelaufen",
    "expired_text": "Vielen Dank für Ihr Interesse – diese Umfrage ist geschlossen.",
    "cancelled_title": "Diese Umfrage ist nicht mehr offen",
    "cancelled_text": "Ihre Anfrage wurde wieder geöffnet. Hier gibt es nichts weiter zu tun.",
    "invalid_score": "Bitte wählen Sie eine der Antworten.",
    "comment_too_long": "Der Kommentar ist zu lang (höchstens {max} Zeichen).",
    "rate_limited": "Zu viele Versuche. Bitte versuchen Sie es in einigen Minuten erneut.",
    "portal_title": "Wie waren wir?",
}

HU: dict[str, str] = {
    "subject_ticket": "Mennyire volt elégedett a kérése intézésével? ({number})",
    "subject_nps": "Ajánlana minket másoknak?",
    "greeting": "Kedves {name}!",
    "greeting_plain": "Tisztelt Ügyfelünk!",
    "intro_ticket": (
        "A(z) {number} számú, „{subject}” tárgyú kérését megoldottuk. Kérjük, mondja el, hogyan dolgoztunk – egy kattintás is elég."
    ),
    "intro_nps": "Szeretnénk megtudni, mit gondol ügyfélszolgálatunkról.",
    "csat_question": "Mennyire elégedett a kapott segítséggel?",
    "csat_1": "Nagyon elégedetlen",
    "csat_2": "Elégedetlen",
    "csat_3": "Semleges",
    "csat_4": "Elégedett",
    "csat_5": "Nagyon elégedett",
    "good": "Jó, elégedett vagyok",
    "bad": "Rossz, nem vagyok elégedett",
    "ces_statement": "A cég megkönnyítette számomra az ügyem intézését.",
    "ces_prompt": "Mennyire ért egyet?",
    "ces_1": "Egyáltalán nem értek egyet",
    "ces_2": "Nem értek egyet",
    "ces_3": "Inkább nem értek egyet",
    "ces_4": "Egyet is értek, meg nem is",
    "ces_5": "Inkább egyetértek",
    "ces_6": "Egyetértek",
    "ces_7": "Teljes mértékben egyetértek",
    "nps_question": "Mennyire valószínű, hogy ajánlana minket egy barátjának vagy kollégájának?",
    "nps_low": "Egyáltalán nem valószínű",
    "nps_high": "Nagyon valószínű",
    "mail_comment_hint": "A kattintás után megjegyzést is írhat.",
    "mail_footer": "A linkek személyesek, érvényességük vége: {date}. Ez egy automatikus üzenet.",
    "page_title": "Visszajelzés",
    "ticket_line": "Kérés: {number} – {subject}",
    "comment_label": "Szeretne még valamit hozzátenni? (nem kötelező)",
    "submit": "Küldés",
    "submit_comment": "Megjegyzés küldése",
    "thanks_title": "Köszönjük a visszajelzését!",
    "your_answer": "Az Ön válasza: {answer}",
    "change_hint": "Válaszát eddig módosíthatja: {date}.",
    "changed_note": "A válaszát frissítettük.",
    "change_to": "Korábban ezt válaszolta: „{previous}”. A módosításhoz küldje el az űrlapot.",
    "already_title": "Ön már válaszolt",
    "already_text": "Köszönjük, a válaszát megkaptuk. Már nem módosítható.",
    "more_question": "Még egy kérdés",
    "invalid_title": "Ez a link érvénytelen",
    "invalid_text": "Kérjük, pontosan úgy használja a linket, ahogy az e-mailben szerepel.",
    "not_found_title": "Ez a felmérés nem található",
    "not_found_text": "Lehet, hogy törölték. Itt nincs további teendő.",
    "expired_title": "Ez a link lejárt",
    "expired_text": "Köszönjük az érdeklődését – ez a felmérés lezárult.",
    "cancelled_title": "Ez a felmérés már nem aktív",
    "cancelled_text": "A kérését újra megnyitottuk. Itt nincs további teendő.",
    "invalid_score": "Kérjük, válasszon egyet a válaszok közül.",
    "comment_too_long": "A megjegyzés túl hosszú (legfeljebb {max} karakter).",
    "rate_limited": "Túl sok próbálkozás. Kérjük, próbálja újra néhány perc múlva.",
    "portal_title": "Hogyan dolgoztunk?",
}

LV: dict[str, str] = {
    "subject_ticket": "Cik apmierināts esat ar jūsu pieprasījuma {number} apstrādi?",
    "subject_nps": "Vai jūs mūs ieteiktu citiem?",
    "greeting": "Labdien, {name}!",
    "greeting_plain": "Labdien!",
    "intro_ticket": "Jūsu pieprasījums {number} “{subject}” ir atrisināts. Lūdzu, pastāstiet, kā mums veicās – pietiek ar vienu klikšķi.",
    "intro_nps": "Mēs vēlamies uzzināt, ko jūs domājat par mūsu atbalstu.",
    "csat_question": "Cik apmierināts esat ar saņemto atbalstu?",
    "csat_1": "Ļoti neapmierināts",
    "csat_2": "Neapmierināts",
    "csat_3": "Neitrāli",
    "csat_4": "Apmierināts",
    "csat_5": "Ļoti apmierināts",
    "good": "Labi, esmu apmierināts",
    "bad": "Slikti, neesmu apmierināts",
    "ces_statement": "Uzņēmums man atviegloja mana jautājuma nokārtošanu.",
    "ces_prompt": "Cik lielā mērā jūs piekrītat?",
    "ces_1": "Pilnīgi nepiekrītu",
    "ces_2": "Nepiekrītu",
    "ces_3": "Drīzāk nepiekrītu",
    "ces_4": "Ne piekrītu, ne nepiekrītu",
    "ces_5": "Drīzāk piekrītu",
    "ces_6": "Piekrītu",
    "ces_7": "Pilnīgi piekrītu",
    "nps_question": "Cik liela ir iespēja, ka jūs ieteiktu mūs draugam vai kolēģim?",
    "nps_low": "Pilnīgi neticami",
    "nps_high": "Ļoti ticami",
    "mail_comment_hint": "Pēc klikšķa varat pievienot komentāru.",
    "mail_footer": "Šīs saites ir personiskas un derīgas līdz {date}. Šī ir automātiska ziņa.",
    "page_title": "Jūsu atsauksme",
    "ticket_line": "Pieprasījums {number}: {subject}",
    "comment_label": "Vai vēlaties vēl ko piebilst? (nav obligāti)",
    "submit": "Nosūtīt",
    "submit_comment": "Nosūtīt komentāru",
    "thanks_title": "Paldies par jūsu atsauksmi!",
    "your_answer": "Jūsu atbilde: {answer}",
    "change_hint": "Savu atbildi varat mainīt līdz {date}.",
    "changed_note": "Jūsu atbilde ir atjaunināta.",
    "change_to": "Iepriekš jūs atbildējāt “{previous}”. Nosūtiet veidlapu, lai mainītu atbildi.",
    "already_title": "Jūs jau esat atbildējis",
    "already_text": "Paldies, jūsu atbilde ir saņemta. To vairs nevar mainīt.",
    "more_question": "Vēl viens jautājums",
    "invalid_title": "Šī saite nav derīga",
    "invalid_text": "Lūdzu, izmantojiet saiti tieši tādu, kāda tā ir e-pastā.",
    "not_found_title": "Šī aptauja netika atrasta",
    "not_found_text": "Iespējams, tā ir noņemta. Šeit nekas vairs nav jādara.",
    "expired_title": "Šīs saites derīgums ir beidzies",
    "expired_text": "Paldies par interesi – šī aptauja ir slēgta.",
    "cancelled_title": "Šī aptauja vairs nav atvērta",
    "cancelled_text": "Jūsu pieprasījums tika atkārtoti atvērts. Šeit nekas vairs nav jādara.",
    "invalid_score": "Lūdzu, izvēlieties vienu no atbildēm.",
    "comment_too_long": "Komentārs ir pārāk garš (ne vairāk kā {max} rakstzīmes).",
    "rate_limited": "Pārāk daudz mēģinājumu. Lūdzu, mēģiniet vēlreiz pēc dažām minūtēm.",
    "portal_title": "Kā mums veicās?",
}

TABLES: dict[str, dict[str, str]] = {"en": EN, "de": DE, "hu": HU, "lv": LV}


def survey_language(code: str | None) -> str:
    """The table to use for a language code ("de-AT" reads "de"); English when there is none."""
    base = (code or "").lower().split("-")[0]
    return base if base in TABLES else FALLBACK


def text(language: str, key: str, **values: Any) -> str:
    """One text in the language (English when the language or the key is missing), filled in."""
    table = TABLES.get(survey_language(language), EN)
    template = table.get(key) or EN[key]
    return template.format(**values) if values else template


def score_label(language: str, kind: str, scale: str, score: int) -> str:
    """The words for one score: "Very satisfied", "Good, I am satisfied", "Agree", "9"."""
    if kind == SurveyKind.NPS:
        return str(score)
    if kind == SurveyKind.CES:
        return text(language, f"ces_{score}")
    if scale == CsatScale.GOOD_BAD:
        return text(language, "good" if score == 1 else "bad")
    return text(language, f"csat_{score}")


def question(language: str, kind: str) -> str:
    if kind == SurveyKind.NPS:
        return text(language, "nps_question")
    if kind == SurveyKind.CES:
        return text(language, "ces_statement")
    return text(language, "csat_question")
