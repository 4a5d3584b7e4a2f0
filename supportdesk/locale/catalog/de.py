"""German translations (formal "Sie"), read by supportdesk/locale/fill_translations.py.

Keys are msgids; a plural entry maps to a list of forms in the order of the catalog's
Plural-Forms header (German: singular, plural).
"""

PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

TRANSLATIONS: dict[str, str | list[str]] = {
    # --- Accounts: domain messages ---------------------------------------------------------------
    "Invalid e-mail address.": "Ungültige E-Mail-Adresse.",
    "Only admins may do this.": "Nur Administratoren dürfen das tun.",
    "Unknown organization.": "Unbekannte Organisation.",
    "Unknown role.": "Unbekannte Rolle.",
    "Unknown time zone.": "Unbekannte Zeitzone.",
    "A user with this e-mail address exists.": "Es gibt bereits einen Benutzer mit dieser E-Mail-Adresse.",
    "Already in use.": "Wird bereits verwendet.",
    "Unknown fields.": "Unbekannte Felder.",
    "Unknown field.": "Unbekanntes Feld.",
    "You cannot deactivate or demote yourself.": "Sie können sich nicht selbst deaktivieren oder herabstufen.",
    "Not for your own account.": "Nicht für Ihr eigenes Konto.",
    "Invalid domain.": "Ungültige Domain.",
    "Invalid domain: %(domain)s": "Ungültige Domain: %(domain)s",
    "A name is required.": "Bitte geben Sie einen Namen an.",
    "An organization with this name exists.": "Es gibt bereits eine Organisation mit diesem Namen.",
    "A domain belongs to another organization.": "Eine Domain gehört bereits zu einer anderen Organisation.",
    "Already used.": "Bereits vergeben.",
    "A group with this name exists.": "Es gibt bereits eine Gruppe mit diesem Namen.",
    "Unknown access level.": "Unbekannte Zugriffsstufe.",
    "Use read, write or full.": "Verwenden Sie read, write oder full.",
    "Only staff can join groups.": "Nur Mitarbeiter können Gruppen beitreten.",
    "Not a staff user.": "Kein Mitarbeiterkonto.",
    # --- Accounts: choices and model fields ------------------------------------------------------
    "Admin": "Administrator",
    "Supervisor": "Teamleiter",
    "Agent": "Agent",
    "Customer": "Kunde",
    "Read": "Lesen",
    "Write": "Schreiben",
    "Full": "Vollzugriff",
    "E-mail address": "E-Mail-Adresse",
    "name": "Name",
    "notes": "Notizen",
    "members see each other's tickets": "Mitglieder sehen die Tickets der anderen",
    "e-mail address": "E-Mail-Adresse",
    "full name": "vollständiger Name",
    "role": "Rolle",
    "language": "Sprache",
    "time zone": "Zeitzone",
    "phone": "Telefon",
    "active": "aktiv",
    "Django admin access": "Zugang zur Django-Administration",
    "languages": "Sprachen",
    "skills": "Fähigkeiten",
    "signature": "Signatur",
    "description": "Beschreibung",
    "reply address": "Antwortadresse",
    "service tier": "Servicestufe",
    "e.g. gold; SLA policies can match it.": "z. B. gold; SLA-Richtlinien können sie als Bedingung verwenden.",
    "manager": "Vorgesetzter",
    # --- REST API ----------------------------------------------------------------------------------
    "Only helpdesk staff may do this.": "Nur Helpdesk-Mitarbeiter dürfen das tun.",
    "Invalid Idempotency-Key.": "Ungültiger Idempotency-Key.",
    "1 to 200 printable characters.": "1 bis 200 druckbare Zeichen.",
    "The request body is too large.": "Der Anfrageinhalt ist zu groß.",
    "A request with this Idempotency-Key is already being processed.": "Eine Anfrage mit diesem Idempotency-Key wird bereits verarbeitet.",
    "This Idempotency-Key was used for a different request.": "Dieser Idempotency-Key wurde für eine andere Anfrage verwendet.",
    "Already used with another body or path.": "Bereits mit einem anderen Inhalt oder Pfad verwendet.",
    "The request is invalid.": "Die Anfrage ist ungültig.",
    "Authentication required.": "Anmeldung erforderlich.",
    "The request body could not be parsed.": "Der Anfrageinhalt konnte nicht gelesen werden.",
    "You are not allowed to do this.": "Dazu sind Sie nicht berechtigt.",
    "Error.": "Fehler.",
    "Not found.": "Nicht gefunden.",
    "The request could not be processed.": "Die Anfrage konnte nicht verarbeitet werden.",
    "An unexpected error occurred.": "Ein unerwarteter Fehler ist aufgetreten.",
    "Article not found.": "Nachricht nicht gefunden.",
    "Only helpdesk staff can read the ticket history.": "Nur Helpdesk-Mitarbeiter können den Ticketverlauf lesen.",
    "Field not found.": "Feld nicht gefunden.",
    "User not found.": "Benutzer nicht gefunden.",
    "Link not found.": "Verknüpfung nicht gefunden.",
    "Organization not found.": "Organisation nicht gefunden.",
    "Group not found.": "Gruppe nicht gefunden.",
    "This method is not allowed here.": "Diese Methode ist hier nicht erlaubt.",
    # --- Processes and demo ------------------------------------------------------------------------
    "Stopping…": "Wird beendet …",
    "The %(name)s process stopped unexpectedly (exit code %(code)s).": (
        "Der Prozess %(name)s wurde unerwartet beendet (Exit-Code %(code)s)."
    ),
    "Stopped.": "Beendet.",
    "The load_demo command is not available; starting with an empty database.": (
        "Der Befehl load_demo ist nicht verfügbar; es wird mit einer leeren Datenbank gestartet."
    ),
    "Supportdesk demo is running at %(url)s": "Die Supportdesk-Demo läuft unter %(url)s",
    "Sign in with:": "Anmelden mit:",
    "Press Ctrl-C to stop.": "Zum Beenden Strg+C drücken.",
    "The %(name)s process did not stop in time; killing it.": "Der Prozess %(name)s wurde nicht rechtzeitig beendet und wird abgebrochen.",
    "Invalid cursor.": "Ungültiger Cursor.",
    "Demo data": "Demodaten",
    "Demo data is already loaded (admin@example.com exists); nothing to do.": (
        "Die Demodaten sind bereits geladen (admin@example.com existiert); nichts zu tun."
    ),
    "Loaded demo data in %(seconds).1f s: %(organizations)d organizations, %(customers)d customers, %(staff)d staff, "
    "%(tickets)d tickets with %(articles)d articles (%(notes)d internal notes), %(merges)d merges, %(links)d links.": (
        "Demodaten in %(seconds).1f s geladen: %(organizations)d Organisationen, %(customers)d Kunden, %(staff)d Mitarbeiter, "
        "%(tickets)d Tickets mit %(articles)d Nachrichten (%(notes)d interne Notizen), %(merges)d Zusammenführungen, "
        "%(links)d Verknüpfungen."
    ),
    "Demo logins (demo only; change or delete them before real use):": (
        "Demo-Zugänge (nur für die Demo; ändern oder löschen Sie sie vor dem echten Einsatz):"
    ),
    'Other demo agents (e.g. greta.vogel@example.com, read-only) use the password "agent".': (
        "Weitere Demo-Agenten (z. B. greta.vogel@example.com, nur Lesezugriff) verwenden das Passwort „agent“."
    ),
    "Invalid message.": "Ungültige Nachricht.",
    "Ticket not found.": "Ticket nicht gefunden.",
    # --- Settings ------------------------------------------------------------------------------------
    "English": "Englisch",
    "German": "Deutsch",
    "Hungarian": "Ungarisch",
    "Latvian": "Lettisch",
    # --- Templates: general and sign-in ------------------------------------------------------------
    "Not allowed": "Nicht erlaubt",
    "You do not have permission to do this.": "Sie haben keine Berechtigung, dies zu tun.",
    "Not found": "Nicht gefunden",
    "This page does not exist, or you cannot see it.": "Diese Seite existiert nicht, oder Sie können sie nicht sehen.",
    "Language": "Sprache",
    "Change": "Ändern",
    "Supportdesk": "Supportdesk",
    "Inbox": "Posteingang",
    "Search tickets, customers, numbers…": "Tickets, Kunden, Nummern suchen …",
    "Search": "Suchen",
    "Notifications": "Benachrichtigungen",
    "Sign out": "Abmelden",
    "Sign in": "Anmelden",
    "Password": "Passwort",
    "Forgot your password?": "Passwort vergessen?",
    "Password changed": "Passwort geändert",
    "Your password has been set. You can sign in now.": "Ihr Passwort wurde festgelegt. Sie können sich jetzt anmelden.",
    "Choose a new password": "Neues Passwort wählen",
    "New password": "Neues Passwort",
    "New password again": "Neues Passwort wiederholen",
    "Set password": "Passwort festlegen",
    "This link is invalid or has already been used. Please request a new one.": (
        "Dieser Link ist ungültig oder wurde bereits verwendet. Bitte fordern Sie einen neuen an."
    ),
    "Reset password": "Passwort zurücksetzen",
    "Check your e-mail": "Prüfen Sie Ihre E-Mails",
    "If an account exists for that address, we have sent a link to choose a new password.": (
        "Falls für diese Adresse ein Konto existiert, haben wir Ihnen einen Link zum Festlegen eines neuen Passworts gesendet."
    ),
    "Back to sign-in": "Zurück zur Anmeldung",
    "Someone asked to reset the password of your Supportdesk account. If it was you, open this link to choose a new password:": (
        "Jemand hat angefordert, das Passwort Ihres Supportdesk-Kontos zurückzusetzen. Wenn Sie das waren, "
        "öffnen Sie diesen Link, um ein neues Passwort festzulegen:"
    ),
    "If you did not ask for this, you can ignore this message; your password stays the same.": (
        "Wenn Sie das nicht angefordert haben, können Sie diese Nachricht ignorieren; Ihr Passwort bleibt unverändert."
    ),
    "Enter your e-mail address and we will send you a link to choose a new password.": (
        "Geben Sie Ihre E-Mail-Adresse ein, und wir senden Ihnen einen Link zum Festlegen eines neuen Passworts."
    ),
    "Send reset link": "Link zum Zurücksetzen senden",
    "Reset your Supportdesk password": "Setzen Sie Ihr Supportdesk-Passwort zurück",
    # --- Templates: ticket page ----------------------------------------------------------------------
    "Ticket": "Ticket",
    "State": "Status",
    "Pending until": "Warten bis",
    "Priority": "Priorität",
    "Group": "Gruppe",
    "Owner": "Bearbeiter",
    "Unassigned": "Nicht zugewiesen",
    "Save changes": "Änderungen speichern",
    "Time spent": "Aufgewendete Zeit",
    "Tags": "Tags",
    "Remove tag %(name)s": "Tag %(name)s entfernen",
    "No tags": "Keine Tags",
    "Add tag": "Tag hinzufügen",
    "Add": "Hinzufügen",
    "Organization": "Organisation",
    "Other tickets": "Weitere Tickets",
    "None": "Keine",
    "Links": "Verknüpfungen",
    "Remove link": "Verknüpfung entfernen",
    "No links": "Keine Verknüpfungen",
    "Ticket #": "Ticket-Nr.",
    "Ticket number to link": "Zu verknüpfende Ticketnummer",
    "Link type": "Art der Verknüpfung",
    "Link": "Verknüpfen",
    "Merge and split": "Zusammenführen und aufteilen",
    "Into ticket #": "In Ticket-Nr.",
    "Merge into ticket number": "In Ticketnummer zusammenführen",
    "Merge": "Zusammenführen",
    "Tick “split” on the messages to move them to a new ticket.": (
        "Markieren Sie „aufteilen“ bei den Nachrichten, die in ein neues Ticket verschoben werden sollen."
    ),
    "Subject of the new ticket": "Betreff des neuen Tickets",
    "Split": "Aufteilen",
    "Internal note": "Interne Notiz",
    "split": "aufteilen",
    "To": "An",
    "Cc": "Cc",
    "Read only": "Nur lesen",
    'This ticket was merged into <a href="%(merged_url)s">another ticket</a>.': (
        'Dieses Ticket wurde mit einem <a href="%(merged_url)s">anderen Ticket</a> zusammengeführt.'
    ),
    "Reply or internal note": "Antwort oder interne Notiz",
    "Write a reply to the customer, or an internal note for your team. Mention a colleague with @email.": (
        "Schreiben Sie eine Antwort an den Kunden oder eine interne Notiz für Ihr Team. Erwähnen Sie Kollegen mit @E-Mail."
    ),
    "Attachments": "Anhänge",
    "Time spent (minutes)": "Aufgewendete Zeit (Minuten)",
    "Add internal note": "Interne Notiz hinzufügen",
    "Send reply": "Antwort senden",
    # --- Templates: inbox, search, notifications -------------------------------------------------
    "Views": "Ansichten",
    "My views": "Meine Ansichten",
    "Delete view": "Ansicht löschen",
    "Delete view %(name)s": "Ansicht %(name)s löschen",
    "Save the current filters as a view.": "Speichern Sie die aktuellen Filter als Ansicht.",
    "Name of this view": "Name dieser Ansicht",
    "Save view": "Ansicht speichern",
    "Filters and sort": "Filter und Sortierung",
    "Any open state": "Alle offenen Status",
    "Anyone": "Alle",
    "Me": "Ich",
    "Nobody": "Niemand",
    "Tag": "Tag",
    "Customer id": "Kunden-ID",
    "Organization id": "Organisations-ID",
    "Created from": "Erstellt ab",
    "Created until": "Erstellt bis",
    "Updated from": "Aktualisiert ab",
    "Updated until": "Aktualisiert bis",
    "Sort by": "Sortieren nach",
    "Apply": "Anwenden",
    "Reset": "Zurücksetzen",
    "Select tickets for bulk actions": "Tickets für Sammelaktionen auswählen",
    "selected": "ausgewählt",
    "Assign to": "Zuweisen an",
    "Assign to…": "Zuweisen an …",
    "Set state": "Status setzen",
    "State…": "Status …",
    "Set priority": "Priorität setzen",
    "Priority…": "Priorität …",
    "Apply to selected": "Auf Auswahl anwenden",
    "Merge into #": "Ziel-Nr.",
    "Merge selected into ticket number": "Auswahl in Ticketnummer zusammenführen",
    "Select all": "Alle auswählen",
    "Number": "Nummer",
    "Subject": "Betreff",
    "Updated": "Aktualisiert",
    "Select %(number)s": "%(number)s auswählen",
    "%(since)s ago": "%(since)s her",
    "No tickets here.": "Hier gibt es keine Tickets.",
    "Next page": "Nächste Seite",
    "No notifications yet.": "Noch keine Benachrichtigungen.",
    "Older": "Ältere",
    "No tickets match “%(q)s”.": "Keine Tickets passen zu „%(q)s“.",
    # --- Ticket domain messages ------------------------------------------------------------------
    "You have read-only access to this ticket.": "Sie haben nur Lesezugriff auf dieses Ticket.",
    "You are not allowed to do this on this ticket.": "Sie dürfen dies bei diesem Ticket nicht tun.",
    "Attachment not found.": "Anhang nicht gefunden.",
    "Line breaks are not allowed here.": "Zeilenumbrüche sind hier nicht erlaubt.",
    "Line breaks are not allowed.": "Zeilenumbrüche sind nicht erlaubt.",
    "Customers cannot write internal notes.": "Kunden können keine internen Notizen schreiben.",
    "This ticket was merged; write to the ticket it was merged into.": (
        "Dieses Ticket wurde zusammengeführt; schreiben Sie bitte in das Ticket, mit dem es zusammengeführt wurde."
    ),
    "A message is required.": "Bitte geben Sie eine Nachricht ein.",
    "The message is too long.": "Die Nachricht ist zu lang.",
    "At most %(n)s characters.": "Höchstens %(n)s Zeichen.",
    "Invalid time spent.": "Ungültige aufgewendete Zeit.",
    "Between 0 and %(n)s.": "Zwischen 0 und %(n)s.",
    "A customer message cannot be internal.": "Eine Kundennachricht kann nicht intern sein.",
    "Unknown attachment.": "Unbekannter Anhang.",
    "Unknown or already used attachment.": "Unbekannter oder bereits verwendeter Anhang.",
    "%(actor)s mentioned you on %(number)s": "%(actor)s hat Sie in %(number)s erwähnt",
    "Select at least one ticket.": "Wählen Sie mindestens ein Ticket aus.",
    "Too many tickets.": "Zu viele Tickets.",
    "At most %(n)s at once.": "Höchstens %(n)s auf einmal.",
    "A subject is required.": "Bitte geben Sie einen Betreff an.",
    "Unknown priority.": "Unbekannte Priorität.",
    "Unknown channel.": "Unbekannter Kanal.",
    "A customer is required.": "Bitte geben Sie einen Kunden an.",
    "A customer e-mail address is required.": "Bitte geben Sie die E-Mail-Adresse des Kunden an.",
    "A label is required.": "Bitte geben Sie eine Bezeichnung an.",
    "Only select fields have options.": "Nur Auswahlfelder haben Optionen.",
    "Only for select fields.": "Nur für Auswahlfelder.",
    "Options are required.": "Bitte geben Sie Optionen an.",
    "1 to %(max)d options.": "1 bis %(max)d Optionen.",
    "Invalid options.": "Ungültige Optionen.",
    "Options must be non-empty and distinct.": "Optionen dürfen nicht leer sein und müssen sich unterscheiden.",
    "Unknown state.": "Unbekannter Status.",
    "Invalid key.": "Ungültiger Schlüssel.",
    "Lower-case letters, digits and _, starting with a letter.": "Kleinbuchstaben, Ziffern und _, beginnend mit einem Buchstaben.",
    "Unknown field type.": "Unbekannter Feldtyp.",
    "A field with this key exists.": "Es gibt bereits ein Feld mit diesem Schlüssel.",
    "Unknown link type.": "Unbekannte Art der Verknüpfung.",
    "A ticket cannot be linked to itself.": "Ein Ticket kann nicht mit sich selbst verknüpft werden.",
    "A ticket cannot be merged into itself.": "Ein Ticket kann nicht mit sich selbst zusammengeführt werden.",
    "A merged ticket cannot be merged again.": "Ein zusammengeführtes Ticket kann nicht erneut zusammengeführt werden.",
    "Select at least one article.": "Wählen Sie mindestens eine Nachricht aus.",
    "Unknown article.": "Unbekannte Nachricht.",
    "Not all articles belong to this ticket.": "Nicht alle Nachrichten gehören zu diesem Ticket.",
    "At least one article must stay.": "Mindestens eine Nachricht muss im Ticket bleiben.",
    "Reminder reached on %(number)s: %(subject)s": "Erinnerung fällig für %(number)s: %(subject)s",
    "Invalid tag.": "Ungültiger Tag.",
    "A tag has 1 to %(n)s printable characters.": "Ein Tag hat 1 bis %(n)s druckbare Zeichen.",
    "Too many tags.": "Zu viele Tags.",
    "Invalid date and time.": "Ungültiges Datum oder ungültige Uhrzeit.",
    "Use ISO 8601, e.g. 2026-12-01T09:00:00Z.": "Verwenden Sie ISO 8601, z. B. 2026-12-01T09:00:00Z.",
    "Unknown agent.": "Unbekannter Agent.",
    "Not an agent of this group.": "Kein Agent dieser Gruppe.",
    "A merged ticket cannot be changed.": "Ein zusammengeführtes Ticket kann nicht geändert werden.",
    "Unknown or not settable state.": "Unbekannter oder nicht setzbarer Status.",
    "A pending state needs a time.": "Ein Wartestatus braucht einen Zeitpunkt.",
    "Required for pending states.": "Für Wartestatus erforderlich.",
    "Custom fields must be an object.": "Benutzerdefinierte Felder müssen ein Objekt sein.",
    "Must be an object.": "Muss ein Objekt sein.",
    "The file is too large.": "Die Datei ist zu groß.",
    "Maximum size is %(n)s bytes.": "Die maximale Größe beträgt %(n)s Bytes.",
    # --- Ticket choices ----------------------------------------------------------------------------
    "New": "Neu",
    "Open": "Offen",
    "Pending reminder": "Warten auf Erinnerung",
    "Pending close": "Warten auf Schließen",
    "On hold": "Zurückgestellt",
    "Solved": "Gelöst",
    "Closed": "Geschlossen",
    "Merged": "Zusammengeführt",
    "Low": "Niedrig",
    "Normal": "Normal",
    "High": "Hoch",
    "Urgent": "Dringend",
    "E-mail": "E-Mail",
    "Web form": "Webformular",
    "Portal": "Portal",
    "Phone": "Telefon",
    "Chat": "Chat",
    "Messenger": "Messenger",
    "API": "API",
    "System": "System",
    "Parent / child": "Über-/Unterticket",
    "Related": "Verwandt",
    "Duplicate": "Duplikat",
    "Text": "Text",
    "Date": "Datum",
    "Select": "Auswahl",
    "Multi-select": "Mehrfachauswahl",
    "Checkbox": "Kontrollkästchen",
    "Created": "Erstellt",
    "Changed": "Geändert",
    "Article added": "Nachricht hinzugefügt",
    "Tag added": "Tag hinzugefügt",
    "Tag removed": "Tag entfernt",
    "Watcher added": "Beobachter hinzugefügt",
    "Watcher removed": "Beobachter entfernt",
    "Mentioned": "Erwähnt",
    "Linked": "Verknüpft",
    "Unlinked": "Verknüpfung entfernt",
    "Merged into": "Zusammengeführt in",
    "Merged from": "Zusammengeführt aus",
    "Split from": "Abgeteilt von",
    "Split to": "Aufgeteilt in",
    # --- Custom fields, forms, filters ----------------------------------------------------------
    "Must be text.": "Muss Text sein.",
    "Must be a number.": "Muss eine Zahl sein.",
    "Must be a date (YYYY-MM-DD).": "Muss ein Datum sein (JJJJ-MM-TT).",
    "Must be true or false.": "Muss wahr oder falsch sein.",
    "Not one of the allowed options.": "Keine der erlaubten Optionen.",
    "Required when the state is %(state)s.": "Erforderlich, wenn der Status %(state)s ist.",
    "Some custom fields are invalid.": "Einige benutzerdefinierte Felder sind ungültig.",
    "Too many selected.": "Zu viele ausgewählt.",
    "Invalid selection.": "Ungültige Auswahl.",
    "Enter a ticket number, e.g. 10042.": "Geben Sie eine Ticketnummer ein, z. B. 10042.",
    "Choose an agent.": "Wählen Sie einen Agenten.",
    "Please check the form.": "Bitte prüfen Sie das Formular.",
    "subject": "Betreff",
    "state": "Status",
    "priority": "Priorität",
    "group": "Gruppe",
    "owner": "Bearbeiter",
    "customer": "Kunde",
    "organization": "Organisation",
    "channel": "Kanal",
    "pending until": "warten bis",
    "internal note": "interne Notiz",
    "Too many values.": "Zu viele Werte.",
    "Unknown state: %(state)s": "Unbekannter Status: %(state)s",
    "Group ids are numbers.": "Gruppen-IDs sind Zahlen.",
    "Use me, none or a user id.": "Verwenden Sie me, none oder eine Benutzer-ID.",
    "Must be an id.": "Muss eine ID sein.",
    "Use a date (YYYY-MM-DD) or ISO 8601 time.": "Verwenden Sie ein Datum (JJJJ-MM-TT) oder eine Zeit nach ISO 8601.",
    "Unknown sort.": "Unbekannte Sortierung.",
    "Unknown filter.": "Unbekannter Filter.",
    "Invalid filters.": "Ungültige Filter.",
    "My open tickets": "Meine offenen Tickets",
    "All open": "Alle offenen",
    "Reminders due": "Fällige Erinnerungen",
    "Recently updated": "Zuletzt aktualisiert",
    "Unknown view.": "Unbekannte Ansicht.",
    "You were mentioned on %(number)s": "Sie wurden in %(number)s erwähnt",
    # --- Timeline sentences ----------------------------------------------------------------------
    "pending time": "Warten bis",
    "custom fields": "benutzerdefinierte Felder",
    "none": "(leer)",
    "%(actor)s changed the custom fields": "%(actor)s hat die benutzerdefinierten Felder geändert",
    "%(actor)s changed %(field)s from %(old)s to %(new)s": "%(actor)s hat „%(field)s“ von %(old)s auf %(new)s geändert",
    "%(actor)s created the ticket": "%(actor)s hat das Ticket erstellt",
    "%(actor)s added the tag %(new)s": "%(actor)s hat den Tag %(new)s hinzugefügt",
    "%(actor)s removed the tag %(old)s": "%(actor)s hat den Tag %(old)s entfernt",
    "%(actor)s added a watcher": "%(actor)s hat einen Beobachter hinzugefügt",
    "%(actor)s removed a watcher": "%(actor)s hat einen Beobachter entfernt",
    "%(actor)s mentioned %(new)s": "%(actor)s hat %(new)s erwähnt",
    "%(actor)s linked this ticket to %(new_number)s (%(kind)s)": "%(actor)s hat dieses Ticket mit %(new_number)s verknüpft (%(kind)s)",
    "%(actor)s removed the link to %(old_number)s": "%(actor)s hat die Verknüpfung mit %(old_number)s entfernt",
    "%(actor)s merged this ticket into %(new_number)s": "%(actor)s hat dieses Ticket mit %(new_number)s zusammengeführt",
    "%(actor)s merged %(new_number)s into this ticket": "%(actor)s hat %(new_number)s mit diesem Ticket zusammengeführt",
    "%(actor)s split this ticket off from %(new_number)s": "%(actor)s hat dieses Ticket von %(new_number)s abgeteilt",
    "%(actor)s split messages off into %(new_number)s": "%(actor)s hat Nachrichten in %(new_number)s abgeteilt",
    "%(h)d h %(m)02d min": "%(h)d Std. %(m)02d Min.",
    "%(m)d min": "%(m)d Min.",
    # --- Views: flash messages -------------------------------------------------------------------
    "Please enter a number.": "Bitte geben Sie eine Zahl ein.",
    "Must be a whole number.": "Muss eine ganze Zahl sein.",
    "Invalid id.": "Ungültige ID.",
    "Least recently updated": "Am längsten nicht aktualisiert",
    "Newest": "Neueste zuerst",
    "Oldest": "Älteste zuerst",
    "Number, descending": "Nummer, absteigend",
    "Number, ascending": "Nummer, aufsteigend",
    "Check the bulk action.": "Bitte prüfen Sie die Sammelaktion.",
    "Choose a change to apply.": "Wählen Sie eine Änderung aus, die angewendet werden soll.",
    "%(count)d ticket updated.": ["%(count)d Ticket aktualisiert.", "%(count)d Tickets aktualisiert."],
    "Ticket %(id)s not updated: %(reason)s": "Ticket %(id)s nicht aktualisiert: %(reason)s",
    "No ticket with that number.": "Es gibt kein Ticket mit dieser Nummer.",
    "Unknown ticket number.": "Unbekannte Ticketnummer.",
    "%(count)d ticket merged into %(target)s.": [
        "%(count)d Ticket mit %(target)s zusammengeführt.",
        "%(count)d Tickets mit %(target)s zusammengeführt.",
    ],
    "Check the view name and filters.": "Bitte prüfen Sie den Namen der Ansicht und die Filter.",
    "View saved.": "Ansicht gespeichert.",
    "View deleted.": "Ansicht gelöscht.",
    "Child": "Unterticket",
    "Parent": "Überticket",
    "Too many files.": "Zu viele Dateien.",
    "At most 20 files at once.": "Höchstens 20 Dateien auf einmal.",
    "Internal note added.": "Interne Notiz hinzugefügt.",
    "Reply sent.": "Antwort gesendet.",
    "Ticket updated.": "Ticket aktualisiert.",
    "Linked to %(number)s.": "Mit %(number)s verknüpft.",
    "Merged into %(number)s.": "Mit %(number)s zusammengeführt.",
    "Split into %(number)s.": "In %(number)s abgeteilt.",
    "Too many sign-in attempts. Please wait a few minutes and try again.": (
        "Zu viele Anmeldeversuche. Bitte warten Sie einige Minuten und versuchen Sie es erneut."
    ),
    "Show %(counter)s earlier entry": ["%(counter)s früheren Eintrag anzeigen", "%(counter)s frühere Einträge anzeigen"],
    "%(count)d+": "%(count)d+",
    "More than %(count)d tickets": "Mehr als %(count)d Tickets",
    # --- E-mail: folded quotes in the timeline (email_gateway.templatetags.mailtext) ---
    "Show quoted text": "Zitierten Text anzeigen",
    # --- E-mail: outbound replies, acknowledgements, delivery state ----------------------------------
    "On %(when)s, %(who)s wrote:": "Am %(when)s schrieb %(who)s:",
    "We received your request: %(subject)s": "Wir haben Ihre Anfrage erhalten: %(subject)s",
    "Hello,": "Guten Tag,",
    "Thank you for your message. We have opened request %(number)s and will answer as soon as we can.": (
        "Vielen Dank für Ihre Nachricht. Wir haben die Anfrage %(number)s eröffnet und antworten so bald wie möglich."
    ),
    "To add information, reply to this e-mail and keep the ticket number in the subject.": (
        "Um etwas zu ergänzen, antworten Sie auf diese E-Mail und lassen Sie die Ticketnummer im Betreff stehen."
    ),
    "You can follow your request here:": "Hier können Sie Ihre Anfrage verfolgen:",
    "This is an automatic message.": "Dies ist eine automatische Nachricht.",
    "The recipient %(address)s is marked undeliverable after a bounce.": (
        "Der Empfänger %(address)s ist nach einer Unzustellbarkeitsmeldung als unzustellbar markiert."
    ),
    "The mail was not sent: an address is invalid.": "Die E-Mail wurde nicht gesendet: Eine Adresse ist ungültig.",
    "The reply could not be delivered after %(n)s attempts: %(error)s": (
        "Die Antwort konnte nach %(n)s Versuchen nicht zugestellt werden: %(error)s"
    ),
    "Mail delivery failed.": "E-Mail-Zustellung fehlgeschlagen.",
    "Mail": "E-Mail",
    "Queued": "In Warteschlange",
    "Sent": "Gesendet",
    "Skipped": "Übersprungen",
    "Failed": "Fehlgeschlagen",
    "Retrying": "Neuer Versuch",
    "Temporarily undeliverable": "Vorübergehend unzustellbar",
    "Unknown language.": "Unbekannte Sprache.",
    "Too many saved views.": "Zu viele gespeicherte Ansichten.",
    "At most %(n)s views.": "Höchstens %(n)s Ansichten.",
    "View not found.": "Ansicht nicht gefunden.",
    # --- Automation: actions (supportdesk.automation.registry) ---------------------------------------
    "Invalid action.": "Ungültige Aktion.",
    'An action is an object with an "action" name.': "Eine Aktion ist ein Objekt mit ihrem Namen im Feld „action“.",
    "Unknown action.": "Unbekannte Aktion.",
    "Unknown action; use one of: %(names)s.": "Unbekannte Aktion; verwenden Sie eine von: %(names)s.",
}

from supportdesk.locale.catalog.de_mail import MAIL  # noqa: E402

TRANSLATIONS.update(MAIL)

from supportdesk.locale.catalog.de_sla import SLA  # noqa: E402

TRANSLATIONS.update(SLA)

from supportdesk.locale.catalog.de_automation import AUTOMATION  # noqa: E402

TRANSLATIONS.update(AUTOMATION)

from supportdesk.locale.catalog.de_kb import KB  # noqa: E402
from supportdesk.locale.catalog.de_portal import PORTAL  # noqa: E402

TRANSLATIONS.update(PORTAL)
TRANSLATIONS.update(KB)

from supportdesk.locale.catalog.de_ai import AI  # noqa: E402

TRANSLATIONS.update(AI)

from supportdesk.locale.catalog.de_assist import ASSIST  # noqa: E402
from supportdesk.locale.catalog.de_llm import LLM  # noqa: E402

TRANSLATIONS.update(ASSIST)
TRANSLATIONS.update(LLM)

from supportdesk.locale.catalog.de_reports_ui import REPORTS_UI  # noqa: E402

TRANSLATIONS.update(REPORTS_UI)

from supportdesk.locale.catalog.de_reports_api import REPORTS_API  # noqa: E402

TRANSLATIONS.update(REPORTS_API)
