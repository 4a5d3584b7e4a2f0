"""German translations of the self-service apps: the customer portal (sign-in links, registration, status
check, ticket list and page, new-ticket form and topics, branding), the help centre and knowledge base (categories,
articles, translations, versions, review, editor, composer panel, feedback) and the CSAT/NPS/CES surveys; merged
into de.TRANSLATIONS and split out only to keep each table file short.

Terms: Kundenportal, Hilfe-Center (help centre), Wissensdatenbank (knowledge base), Artikel, Übersetzung, Kategorie,
Entwurf (draft), Prüfung (review), Prüfer (reviewer), veröffentlichen, archivieren, Thema (topic), Anmeldelink
(sign-in link), Statuscode, Anfrage (a customer's request), Umfrage (survey), Antwortquote (response rate),
Promotoren/Passive/Kritiker (NPS)."""

PORTAL: dict[str, str | list[str]] = {
    # --- Settings page, top bar and demo commands (settings_hub, base.html, demo, load_demo) ----------
    "Self-service": "Self-Service",
    "Customer portal": "Kundenportal",
    "Branding, self-registration, public form, sign-in links.": (
        "Erscheinungsbild, Selbstregistrierung, öffentliches Formular, Anmeldelinks."
    ),
    "Ticket form topics": "Themen im Ticketformular",
    "What customers choose on the new-ticket form.": "Was Kunden im Formular für neue Tickets auswählen.",
    "Surveys": "Umfragen",
    "CSAT, NPS and CES: when they are sent, scales, links.": "CSAT, NPS und CES: wann sie versendet werden, Skalen, Links.",
    "Survey results": "Umfrageergebnisse",
    "CSAT, NPS and CES per agent and group, with comments.": "CSAT, NPS und CES je Agent und Gruppe, mit Kommentaren.",
    "Knowledge base categories": "Kategorien der Wissensdatenbank",
    "The help centre's category tree and FAQs.": "Kategoriebaum und FAQs des Hilfe-Centers.",
    "Knowledge base": "Wissensdatenbank",
    "Customer portal: %(url)s (the customer login above)": "Kundenportal: %(url)s (mit dem Kunden-Zugang oben)",
    "Help centre: %(url)s": "Hilfe-Center: %(url)s",
    "Knowledge base: %(articles)d articles in %(translations)d translations; portal: %(topics)d topics; %(answers)d survey answers.": (
        "Wissensdatenbank: %(articles)d Artikel in %(translations)d Übersetzungen; Portal: %(topics)d Themen; %(answers)d Umfrageantworten."
    ),
    "address verified": "Adresse bestätigt",
    # --- Portal: signing in, registration, sign-in links, account (portal.views_auth, forms_auth, auth_links, api) ---
    "If the address can be used, we have sent it a mail. Please check your inbox.": (
        "Falls die Adresse verwendet werden kann, haben wir eine E-Mail an sie gesendet. Bitte prüfen Sie Ihren Posteingang."
    ),
    "Too many attempts. Please wait a few minutes and try again.": (
        "Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut."
    ),
    "Staff sign in with their password.": "Mitarbeiter melden sich mit ihrem Passwort an.",
    "Your e-mail address is already confirmed.": "Ihre E-Mail-Adresse ist bereits bestätigt.",
    "Too many mails were requested. Please wait a few minutes and try again.": (
        "Es wurden zu viele E-Mails angefordert. Bitte warten Sie einige Minuten und versuchen Sie es erneut."
    ),
    "This link is not valid. It may have been copied incompletely.": (
        "Dieser Link ist ungültig. Möglicherweise wurde er unvollständig kopiert."
    ),
    "This link has expired. Please ask for a new one.": "Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen an.",
    "This link has already been used. Please ask for a new one.": "Dieser Link wurde bereits verwendet. Bitte fordern Sie einen neuen an.",
    "Your e-mail address is confirmed. Please sign in with your password.": (
        "Ihre E-Mail-Adresse ist bestätigt. Bitte melden Sie sich mit Ihrem Passwort an."
    ),
    "Thank you, your e-mail address is confirmed.": "Vielen Dank, Ihre E-Mail-Adresse ist bestätigt.",
    "We have sent the mail again.": "Wir haben die E-Mail erneut gesendet.",
    "Your account has been saved.": "Ihr Konto wurde gespeichert.",
    "Your password has been changed.": "Ihr Passwort wurde geändert.",
    "Your current password is not correct.": "Ihr aktuelles Passwort ist nicht korrekt.",
    "Not correct.": "Nicht korrekt.",
    "Please check your input.": "Bitte prüfen Sie Ihre Eingaben.",
    "Verify address": "Adresse bestätigen",
    "Your name": "Ihr Name",
    "Password (optional)": "Passwort (optional)",
    "Without a password you sign in with a link we e-mail you.": (
        "Ohne Passwort melden Sie sich über einen Link an, den wir Ihnen per E-Mail senden."
    ),
    "Leave this empty": "Dieses Feld leer lassen",
    "Browser language": "Browsersprache",
    "Account": "Konto",
    "Your details": "Ihre Angaben",
    "Change password": "Passwort ändern",
    "Set a password": "Passwort festlegen",
    "You sign in with e-mailed links. A password lets you sign in without one.": (
        "Sie melden sich über Links an, die wir Ihnen per E-Mail senden. Mit einem Passwort können Sie sich auch ohne Link anmelden."
    ),
    "Save password": "Passwort speichern",
    "This link cannot be used": "Dieser Link kann nicht verwendet werden",
    "Ask for a new link": "Neuen Link anfordern",
    "Confirm your e-mail address": "Bestätigen Sie Ihre E-Mail-Adresse",
    "Press the button to confirm your address and sign in.": (
        "Klicken Sie auf die Schaltfläche, um Ihre Adresse zu bestätigen und sich anzumelden."
    ),
    "Press the button to sign in.": "Klicken Sie auf die Schaltfläche, um sich anzumelden.",
    "Confirm and sign in": "Bestätigen und anmelden",
    "Check your mail": "Prüfen Sie Ihre E-Mails",
    "If an account exists for this address, we have sent it a sign-in link. The link works once and only for a short time.": (
        "Falls für diese Adresse ein Konto existiert, haben wir einen Anmeldelink an sie gesendet. Der Link funktioniert nur einmal und "
        "nur für kurze Zeit."
    ),
    "No mail after a few minutes? Look in your spam folder, or ask for a new link.": (
        "Nach einigen Minuten noch keine E-Mail? Sehen Sie in Ihrem Spam-Ordner nach oder fordern Sie einen neuen Link an."
    ),
    "We e-mail you a link that signs you in. No password needed.": (
        "Wir senden Ihnen per E-Mail einen Link, mit dem Sie sich anmelden. Kein Passwort nötig."
    ),
    "E-mail me a sign-in link": "Anmeldelink per E-Mail senden",
    "or with your password": "oder mit Ihrem Passwort",
    "Sign in with password": "Mit Passwort anmelden",
    "New here?": "Neu hier?",
    "Create an account": "Konto erstellen",
    "Check a ticket's status without signing in": "Ticketstatus ohne Anmeldung prüfen",
    "Create account": "Konto erstellen",
    "Already have an account?": "Sie haben bereits ein Konto?",
    "We have sent a mail to the address you entered. Open the link in it to confirm your address; then you can see your tickets.": (
        "Wir haben eine E-Mail an die angegebene Adresse gesendet. Öffnen Sie den darin enthaltenen Link, um Ihre Adresse zu bestätigen; "
        "danach sehen Sie Ihre Tickets."
    ),
    "If you already had an account, the mail contains a sign-in link instead.": (
        "Falls Sie bereits ein Konto hatten, enthält die E-Mail stattdessen einen Anmeldelink."
    ),
    "Before we can show your tickets, please confirm that %(address)s is your address: open the link we e-mailed you.": (
        "Bevor wir Ihnen Ihre Tickets zeigen können, bestätigen Sie bitte, dass %(address)s Ihre Adresse ist: Öffnen Sie den Link, den wir "
        "Ihnen per E-Mail gesendet haben."
    ),
    "Send the mail again": "E-Mail erneut senden",
    # --- Portal: the sign-in link mail (portal/mail/link.*) -------------------------------------------
    "Your sign-in link": "Ihr Anmeldelink",
    "Hello %(name)s,": "Guten Tag %(name)s,",
    "Please confirm your e-mail address by opening this link and pressing the button on the page:": (
        "Bitte bestätigen Sie Ihre E-Mail-Adresse, indem Sie diesen Link öffnen und auf der Seite auf die Schaltfläche klicken:"
    ),
    "Open this link and press the button on the page to sign in:": (
        "Öffnen Sie diesen Link und klicken Sie auf der Seite auf die Schaltfläche, um sich anzumelden:"
    ),
    "Confirm my address": "Meine Adresse bestätigen",
    "The link works once and expires in %(minutes)s minute.": [
        "Der Link funktioniert nur einmal und läuft in %(minutes)s Minute ab.",
        "Der Link funktioniert nur einmal und läuft in %(minutes)s Minuten ab.",
    ],
    "If you did not ask for this, you can ignore this e-mail.": "Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.",
    # --- Portal: status check without signing in (portal.status_check, auth/status.html, acknowledgement mail) ---
    "Ticket number": "Ticketnummer",
    "Status code": "Statuscode",
    "The code from our acknowledgement e-mail.": "Der Code aus unserer Eingangsbestätigung per E-Mail.",
    "No ticket matches this number and code.": "Kein Ticket passt zu dieser Nummer und diesem Code.",
    "Ticket status": "Ticketstatus",
    "Check a ticket's status": "Ticketstatus prüfen",
    "Opened": "Eröffnet",
    "Last update": "Letzte Aktualisierung",
    "First answer": "Erste Antwort",
    "First answer expected by": "Erste Antwort erwartet bis",
    "Next answer expected by": "Nächste Antwort erwartet bis",
    "Solution expected by": "Lösung erwartet bis",
    "Times are shown in %(zone)s.": "Zeiten werden in %(zone)s angezeigt.",
    "Sign in to read and answer the conversation.": "Melden Sie sich an, um den Verlauf zu lesen und zu antworten.",
    "Enter the ticket number and the status code from our acknowledgement e-mail.": (
        "Geben Sie die Ticketnummer und den Statuscode aus unserer Eingangsbestätigung ein."
    ),
    "Show status": "Status anzeigen",
    "Status code for checking this request without signing in: %(status_secret)s": (
        "Statuscode zum Abrufen dieser Anfrage ohne Anmeldung: %(status_secret)s"
    ),
    "Check the status": "Status prüfen",
    # --- Portal: layout, ticket list and ticket page (portal/base.html, tickets/*, portal.selectors) ---
    "Support": "Support",
    "Skip to content": "Zum Inhalt springen",
    "Main": "Hauptnavigation",
    "My tickets": "Meine Tickets",
    "New ticket": "Neues Ticket",
    "Register": "Registrieren",
    "All my tickets": "Alle meine Tickets",
    "Requested by": "Eingereicht von",
    "When we answer": "Wann wir antworten",
    "Progress": "Fortschritt",
    "Conversation": "Verlauf",
    "No messages yet.": "Noch keine Nachrichten.",
    "This request was merged into another one of yours; the conversation continues there.": (
        "Diese Anfrage wurde mit einer anderen Ihrer Anfragen zusammengeführt; der Verlauf wird dort fortgesetzt."
    ),
    "Reply": "Antworten",
    "Writing again reopens this request.": "Wenn Sie erneut schreiben, wird diese Anfrage wieder geöffnet.",
    "This request belongs to a colleague in your organization; you can follow it here, and they can reply.": (
        "Diese Anfrage gehört einem Kollegen aus Ihrer Organisation; Sie können sie hier verfolgen, antworten kann Ihr Kollege."
    ),
    "My problem is solved: close this request": "Mein Problem ist gelöst: Anfrage schließen",
    "Reopen this request": "Anfrage wieder öffnen",
    "Whose tickets": "Wessen Tickets",
    "Mine": "Meine",
    "My organization": "Meine Organisation",
    "a colleague's": "von einem Kollegen",
    "No open tickets.": "Keine offenen Tickets.",
    "No closed tickets.": "Keine geschlossenen Tickets.",
    "Tell us what you need.": "Sagen Sie uns, was Sie brauchen.",
    "In progress": "In Bearbeitung",
    "Waiting for your reply": "Wartet auf Ihre Antwort",
    "You": "Sie",
    "Support team": "Support-Team",
    "Images from other websites are not shown.": "Bilder von anderen Websites werden nicht angezeigt.",
    "We are waiting for your reply. Just answer here when you are ready.": (
        "Wir warten auf Ihre Antwort. Antworten Sie einfach hier, sobald Sie so weit sind."
    ),
    "Your request is on hold; we will get back to you.": "Ihre Anfrage ist zurückgestellt; wir melden uns bei Ihnen.",
    "We aim to answer by %(when)s": "Wir antworten voraussichtlich bis %(when)s",
    "Our answer is taking longer than we planned. We will reply as soon as we can.": (
        "Unsere Antwort dauert länger als geplant. Wir antworten so bald wie möglich."
    ),
    "We aim to resolve your request by %(when)s": "Wir lösen Ihre Anfrage voraussichtlich bis %(when)s",
    "Resolving this is taking longer than we planned. We are still working on it.": (
        "Die Lösung dauert länger als geplant. Wir arbeiten weiter daran."
    ),
    "We first answered on %(when)s": "Unsere erste Antwort erfolgte am %(when)s",
    "These articles may already answer your question:": "Diese Artikel beantworten Ihre Frage vielleicht schon:",
    # --- Portal: new-ticket form, replies and state changes (portal.actions, forms_tickets, views_tickets) ---
    "Too many requests. Please try again later.": "Zu viele Anfragen. Bitte versuchen Sie es später erneut.",
    "You have sent many requests in a short time. Please wait a while and try again.": (
        "Sie haben in kurzer Zeit viele Anfragen gesendet. Bitte warten Sie eine Weile und versuchen Sie es erneut."
    ),
    "You have sent many messages in a short time. Please wait a while and try again.": (
        "Sie haben in kurzer Zeit viele Nachrichten gesendet. Bitte warten Sie eine Weile und versuchen Sie es erneut."
    ),
    "At most %(n)d files at once.": "Höchstens %(n)d Dateien auf einmal.",
    "A file is too large.": "Eine Datei ist zu groß.",
    "%(name)s is larger than %(n)s bytes.": "%(name)s ist größer als %(n)s Bytes.",
    "The files are too large.": "Die Dateien sind zu groß.",
    "At most %(n)d MB in total.": "Insgesamt höchstens %(n)d MB.",
    "Please fill in this field.": "Bitte füllen Sie dieses Feld aus.",
    "Please check the highlighted fields.": "Bitte prüfen Sie die markierten Felder.",
    "Please choose a topic.": "Bitte wählen Sie ein Thema.",
    "Unknown or inactive topic.": "Unbekanntes oder inaktives Thema.",
    "Please describe your request.": "Bitte beschreiben Sie Ihr Anliegen.",
    "Please tell us your name.": "Bitte nennen Sie uns Ihren Namen.",
    "Please give your e-mail address.": "Bitte geben Sie Ihre E-Mail-Adresse an.",
    "Topic": "Thema",
    "Choose a topic": "Thema auswählen",
    "Your e-mail address": "Ihre E-Mail-Adresse",
    "Leave this field empty": "Dieses Feld leer lassen",
    "Your reply": "Ihre Antwort",
    "How can we help?": "Wie können wir helfen?",
    "You are not signed in. We will answer by e-mail; sign in to follow your requests here.": (
        "Sie sind nicht angemeldet. Wir antworten per E-Mail; melden Sie sich an, um Ihre Anfragen hier zu verfolgen."
    ),
    "Send request": "Anfrage senden",
    "Request received": "Anfrage erhalten",
    "Thank you, we received your request": "Vielen Dank, wir haben Ihre Anfrage erhalten",
    "Its number is <strong>%(number)s</strong>.": "Ihre Nummer lautet <strong>%(number)s</strong>.",
    "Please check your mail: our answers come to the e-mail address you gave, and you can simply reply to them.": (
        "Bitte prüfen Sie Ihre E-Mails: Unsere Antworten gehen an die angegebene E-Mail-Adresse, und Sie können einfach darauf antworten."
    ),
    "Nothing in your inbox? Look in your spam folder too.": "Nichts im Posteingang? Sehen Sie auch in Ihrem Spam-Ordner nach.",
    "Send another request": "Weitere Anfrage senden",
    "Your reply was sent.": "Ihre Antwort wurde gesendet.",
    "Your request is closed. Thank you!": "Ihre Anfrage ist geschlossen. Vielen Dank!",
    "Your request is open again.": "Ihre Anfrage ist wieder geöffnet.",
    "Please check your request and send it again.": "Bitte prüfen Sie Ihre Anfrage und senden Sie sie erneut.",
    "Thank you! We received your request %(number)s.": "Vielen Dank! Wir haben Ihre Anfrage %(number)s erhalten.",
    "Use solved or open.": "Verwenden Sie solved oder open.",
    # --- Portal settings: branding and access (portal.branding, settings.html) ------------------------
    "A colour must look like #1f5fbf.": "Eine Farbe muss wie #1f5fbf aussehen.",
    "Use the form #rrggbb.": "Verwenden Sie das Format #rrggbb.",
    "The logo is too large (at most %(n)s KB).": "Das Logo ist zu groß (höchstens %(n)s KB).",
    "The logo must be a PNG, JPEG or WebP image.": "Das Logo muss ein PNG-, JPEG- oder WebP-Bild sein.",
    "Unknown settings: %(names)s.": "Unbekannte Einstellungen: %(names)s.",
    "Between 1 and %(n)s minutes.": "Zwischen 1 und %(n)s Minuten.",
    "Please correct the settings.": "Bitte korrigieren Sie die Einstellungen.",
    "Only admins can change the portal settings.": "Nur Administratoren können die Portaleinstellungen ändern.",
    "The portal settings have been saved.": "Die Portaleinstellungen wurden gespeichert.",
    "Name shown to customers": "Für Kunden angezeigter Name",
    "Primary colour": "Primärfarbe",
    "Accent colour": "Akzentfarbe",
    "Customers may register themselves": "Kunden dürfen sich selbst registrieren",
    "Signed-out visitors may submit tickets": "Nicht angemeldete Besucher dürfen Tickets einreichen",
    "Sign-in link lifetime (minutes)": "Gültigkeitsdauer des Anmeldelinks (Minuten)",
    "Logo": "Logo",
    "Remove the logo": "Logo entfernen",
    "PNG, JPEG or WebP, at most %(kb)s KB. No SVG.": "PNG, JPEG oder WebP, höchstens %(kb)s KB. Kein SVG.",
    "name shown to customers": "für Kunden angezeigter Name",
    "logo": "Logo",
    "primary colour": "Primärfarbe",
    "accent colour": "Akzentfarbe",
    "customers may register themselves": "Kunden dürfen sich selbst registrieren",
    "signed-out visitors may submit tickets": "nicht angemeldete Besucher dürfen Tickets einreichen",
    "sign-in link lifetime (minutes)": "Gültigkeitsdauer des Anmeldelinks (Minuten)",
    "Branding": "Erscheinungsbild",
    "Current logo": "Aktuelles Logo",
    "Access": "Zugang",
    "Customers sign in at": "Kunden melden sich an unter",
    # --- Portal settings: new-ticket topics (portal.topics, views_topics, topics/*) -------------------
    "Only admins may change new-ticket topics.": "Nur Administratoren dürfen Themen für neue Tickets ändern.",
    "Topic not found.": "Thema nicht gefunden.",
    "Give the names as language code -> name.": "Geben Sie die Namen als Sprachcode -> Name an.",
    "Unknown language. Use one of: %(codes)s.": "Unbekannte Sprache. Verwenden Sie einen dieser Codes: %(codes)s.",
    "Give the topic a name in at least one language.": "Geben Sie dem Thema einen Namen in mindestens einer Sprache.",
    "Give a list of custom field keys.": "Geben Sie eine Liste von Schlüsseln benutzerdefinierter Felder an.",
    "At most %(count)d fields.": "Höchstens %(count)d Felder.",
    "Unknown or inactive custom field: %(key)s.": "Unbekanntes oder inaktives benutzerdefiniertes Feld: %(key)s.",
    "A required field must also be one of the topic's fields.": "Ein Pflichtfeld muss auch eines der Felder des Themas sein.",
    "Please correct the topic.": "Bitte korrigieren Sie das Thema.",
    "Topic created.": "Thema angelegt.",
    "Topic saved.": "Thema gespeichert.",
    "Topic deactivated: it is no longer offered on the form.": "Thema deaktiviert: Es wird im Formular nicht mehr angeboten.",
    "Tickets of this topic go to this group.": "Tickets zu diesem Thema gehen an diese Gruppe.",
    "Fields asked": "Abgefragte Felder",
    "Custom fields shown on the form.": "Benutzerdefinierte Felder, die im Formular angezeigt werden.",
    "Required fields": "Pflichtfelder",
    "Must be filled in; only fields asked.": "Müssen ausgefüllt werden; nur abgefragte Felder.",
    "Active (offered on the form)": "Aktiv (im Formular angeboten)",
    "Name (%(language)s)": "Name (%(language)s)",
    "names": "Namen",
    "Language code -> name.": "Sprachcode -> Name.",
    "fields": "Felder",
    "Custom field keys asked on the form, in order.": "Schlüssel der im Formular abgefragten benutzerdefinierten Felder, in Reihenfolge.",
    "required fields": "Pflichtfelder",
    "New topic": "Neues Thema",
    "All topics": "Alle Themen",
    "Topic %(name)s": "Thema %(name)s",
    "Names shown to customers": "Für Kunden angezeigte Namen",
    "No active custom fields.": "Keine aktiven benutzerdefinierten Felder.",
    "Deactivate topic": "Thema deaktivieren",
    "New-ticket topics": "Themen für neue Tickets",
    "Customers choose a topic on the portal's new-ticket form. Each topic sends the ticket to a group and asks its own custom fields.": (
        "Kunden wählen im Portalformular für neue Tickets ein Thema. Jedes Thema leitet das Ticket an eine Gruppe weiter und fragt eigene "
        "benutzerdefinierte Felder ab."
    ),
    "No topics yet: the form then asks no topic and tickets go to the default group.": (
        "Noch keine Themen: Das Formular fragt dann kein Thema ab, und Tickets gehen an die Standardgruppe."
    ),
    # --- Surveys: settings, invitations and answers (surveys.*, api/routers/surveys.py, surveys/*.html) ---
    "Only admins may change survey settings.": "Nur Administratoren dürfen die Umfrageeinstellungen ändern.",
    "Only supervisors and admins may see survey results.": "Nur Teamleiter und Administratoren dürfen Umfrageergebnisse sehen.",
    "Only helpdesk staff may see survey answers.": "Nur Helpdesk-Mitarbeiter dürfen Umfrageantworten sehen.",
    "Give true or false.": "Geben Sie true oder false an.",
    "Unknown scale.": "Unbekannte Skala.",
    "Give a whole number from %(low)d to %(high)d.": "Geben Sie eine ganze Zahl von %(low)d bis %(high)d an.",
    "Please correct the survey settings.": "Bitte korrigieren Sie die Umfrageeinstellungen.",
    "Choose a start before the end, at most two years apart.": "Wählen Sie einen Beginn vor dem Ende, höchstens zwei Jahre auseinander.",
    "Invalid period.": "Ungültiger Zeitraum.",
    "Give a time with a UTC offset.": "Geben Sie eine Zeit mit UTC-Versatz an.",
    "CSAT": "CSAT",
    "NPS": "NPS",
    "CES": "CES",
    "1 to 5": "1 bis 5",
    "Good or bad": "Gut oder schlecht",
    "E-mail and portal": "E-Mail und Portal",
    "Scheduled": "Geplant",
    "Sending": "Wird gesendet",
    "Answered": "Beantwortet",
    "E-mail link": "E-Mail-Link",
    "The customer has no usable e-mail address": "Der Kunde hat keine verwendbare E-Mail-Adresse",
    "The customer is a member of staff": "Der Kunde ist ein Mitarbeiter",
    "The customer is an automatic sender": "Der Kunde ist ein automatischer Absender",
    "The customer is deactivated": "Der Kunde ist deaktiviert",
    "The address bounced": "Die Adresse ist unzustellbar",
    "Too many survey mails to this address": "Zu viele Umfrage-E-Mails an diese Adresse",
    "Ask for satisfaction (CSAT) when a ticket is solved": "Nach der Zufriedenheit (CSAT) fragen, wenn ein Ticket gelöst ist",
    "CSAT scale": "CSAT-Skala",
    "Ask how easy it was (CES, 1 to 7) when a ticket is solved": "Fragen, wie einfach es war (CES, 1 bis 7), wenn ein Ticket gelöst ist",
    "Ask how likely customers are to recommend you (NPS, 0 to 10)": "Fragen, wie wahrscheinlich Kunden Sie weiterempfehlen (NPS, 0 bis 10)",
    "Ask a customer for NPS at most every (days)": "NPS-Abfrage je Kunde höchstens alle (Tage)",
    "Delay after solving (minutes)": "Verzögerung nach dem Lösen (Minuten)",
    "A reopen within the delay cancels the survey of that ticket.": (
        "Wird das Ticket innerhalb dieser Zeit wieder geöffnet, entfällt die Umfrage dazu."
    ),
    "Where to ask": "Wo gefragt wird",
    "NPS is always asked by e-mail: it belongs to no ticket.": "Der NPS wird immer per E-Mail abgefragt: Er gehört zu keinem Ticket.",
    "Customers can change their answer for (hours)": "Kunden können ihre Antwort ändern innerhalb von (Stunden)",
    "Links in survey mails stay valid for (days)": "Links in Umfrage-E-Mails bleiben gültig für (Tage)",
    "All my groups": "Alle meine Gruppen",
    "The end is before the start.": "Das Ende liegt vor dem Beginn.",
    "Choose at most two years.": "Wählen Sie höchstens zwei Jahre.",
    "ask for satisfaction (CSAT) after a ticket is solved": "nach Lösung eines Tickets nach der Zufriedenheit (CSAT) fragen",
    "ask for effort (CES) after a ticket is solved": "nach Lösung eines Tickets nach dem Aufwand (CES) fragen",
    "ask for the likelihood to recommend (NPS) periodically": "regelmäßig nach der Weiterempfehlungsbereitschaft (NPS) fragen",
    "delay after solving (minutes)": "Verzögerung nach dem Lösen (Minuten)",
    "answers can be changed for (hours)": "Antworten änderbar innerhalb von (Stunden)",
    "links stay valid for (days)": "Links gültig für (Tage)",
    "ask a customer for NPS at most every (days)": "NPS-Abfrage je Kunde höchstens alle (Tage)",
    "scale": "Skala",
    "score": "Bewertung",
    "comment": "Kommentar",
    "answered via": "beantwortet über",
    "answered": "beantwortet",
    "changed": "geändert",
    "Survey settings saved.": "Umfrageeinstellungen gespeichert.",
    "Goes out": "Wird versendet",
    "Survey settings": "Umfrageeinstellungen",
    "Show": "Anzeigen",
    "Answers given from %(start)s to %(end)s; response rates of the surveys sent in that time.": (
        "Antworten vom %(start)s bis %(end)s; Antwortquoten der in diesem Zeitraum versendeten Umfragen."
    ),
    "%(satisfied)s of %(answers)s answers satisfied": "%(satisfied)s von %(answers)s Antworten zufrieden",
    "Response rate": "Antwortquote",
    "%(p)s promoters, %(n)s passives, %(d)s detractors": "%(p)s Promotoren, %(n)s Passive, %(d)s Kritiker",
    "average of %(answers)s answers (1 to 7)": "Durchschnitt aus %(answers)s Antworten (1 bis 7)",
    "%(easy)s %% found it easy": "%(easy)s %% fanden es einfach",
    "Per agent": "Je Agent",
    "Answers": "Antworten",
    "No surveys in this period.": "Keine Umfragen in diesem Zeitraum.",
    "Per group": "Je Gruppe",
    "No group": "Keine Gruppe",
    "Recent comments": "Neueste Kommentare",
    "No comments in this period.": "Keine Kommentare in diesem Zeitraum.",
    "CSAT: the share of answers of 4 or 5 (or good). NPS: promoters (9-10) minus detractors (0-6), in percent of the answers. CES: the "
    "average answer from 1 (strongly disagree) to 7 (strongly agree) that solving the issue was easy. Response rate: the answered share of "
    "the surveys sent.": (
        "CSAT: der Anteil der Antworten mit 4 oder 5 (bzw. „gut“). NPS: Promotoren (9–10) minus Kritiker (0–6), in Prozent der Antworten. "
        "CES: die durchschnittliche Zustimmung von 1 (stimme überhaupt nicht zu) bis 7 (stimme voll und ganz zu) zur Aussage, dass die "
        "Lösung des Anliegens einfach war. Antwortquote: der beantwortete Anteil der versendeten Umfragen."
    ),
    "Results": "Ergebnisse",
    "After a ticket is solved, its customer gets a one-click rating by mail and in the portal. A reopen before the survey goes out cancels "
    "it; a ticket is asked once.": (
        "Nachdem ein Ticket gelöst wurde, kann der Kunde es per E-Mail und im Portal mit einem Klick bewerten. Wird das Ticket vor dem "
        "Versand der Umfrage wieder geöffnet, entfällt sie; zu jedem Ticket wird nur einmal gefragt."
    ),
    "Last changed by %(who)s on %(when)s.": "Zuletzt geändert von %(who)s am %(when)s.",
    "Question": "Frage",
    "Answer": "Antwort",
    "start of a period\x04From": "Von",
    "end of a period\x04To": "Bis",
}
