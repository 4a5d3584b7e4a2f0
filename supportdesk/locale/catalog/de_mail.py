"""German translations of the e-mail channel (mailboxes, held mail, IMAP errors, import), merged into
de.TRANSLATIONS; split out only to keep each table file short."""

MAIL: dict[str, str | list[str]] = {
    "Please correct the mailbox settings.": "Bitte korrigieren Sie die Postfach-Einstellungen.",
    "Choose an existing group.": "Wählen Sie eine vorhandene Gruppe.",
    "Pending": "Ausstehend",
    "Processed": "Verarbeitet",
    "Ignored": "Ignoriert",
    "Bounce": "Unzustellbarkeitsmeldung",
    "Needs review": "Zu prüfen",
    "Quarantined": "In Quarantäne",
    "Rejected": "Abgelehnt",
    "IMAP": "IMAP",
    "SMTP/LMTP": "SMTP/LMTP",
    "Import": "Import",
    "OAuth 2.0 (XOAUTH2)": "OAuth 2.0 (XOAUTH2)",
    "Authentication": "Authentifizierung",
    "Password or OAuth access token": "Passwort oder OAuth-Zugriffstoken",
    "Stored encrypted and never shown again. Leave blank to keep the stored one.": (
        "Wird verschlüsselt gespeichert und nie wieder angezeigt. Lassen Sie das Feld leer, um den gespeicherten Wert zu behalten."
    ),
    "Login to %(server)s failed: check the user name and password or token.": (
        "Anmeldung bei %(server)s fehlgeschlagen: Prüfen Sie Benutzername und Passwort bzw. Token."
    ),
    "Connection to %(server)s was refused.": "Die Verbindung zu %(server)s wurde abgelehnt.",
    "Connection to %(server)s timed out.": "Zeitüberschreitung bei der Verbindung zu %(server)s.",
    "The host name %(host)s could not be resolved.": "Der Hostname %(host)s konnte nicht aufgelöst werden.",
    "The TLS handshake with %(server)s failed.": "Der TLS-Handshake mit %(server)s ist fehlgeschlagen.",
    "The stored password cannot be decrypted; enter it again.": (
        "Das gespeicherte Passwort kann nicht entschlüsselt werden; bitte geben Sie es erneut ein."
    ),
    "The IMAP server %(server)s answered with an error.": "Der IMAP-Server %(server)s hat mit einem Fehler geantwortet.",
    "Network error talking to %(server)s.": "Netzwerkfehler bei der Kommunikation mit %(server)s.",
    "Unexpected error while polling %(server)s.": "Unerwarteter Fehler beim Abrufen von %(server)s.",
    "No IMAP host is configured.": "Es ist kein IMAP-Host konfiguriert.",
    "The folder %(folder)s cannot be opened.": "Der Ordner %(folder)s kann nicht geöffnet werden.",
    "The mail has no valid sender address.": "Die E-Mail hat keine gültige Absenderadresse.",
    "(This mail has no text.)": "(Diese E-Mail enthält keinen Text.)",
    "(no subject)": "(kein Betreff)",
    "Mailbox not found.": "Postfach nicht gefunden.",
    "Line breaks and NUL characters are not allowed.": "Zeilenumbrüche und NUL-Zeichen sind nicht erlaubt.",
    "Between %(min)s and %(max)s seconds.": "Zwischen %(min)s und %(max)s Sekunden.",
    "Between 1 and 65535.": "Zwischen 1 und 65535.",
    "Too long.": "Zu lang.",
    "A mailbox with this name exists already.": "Es gibt bereits ein Postfach mit diesem Namen.",
    "Message not found.": "Nachricht nicht gefunden.",
    "This message was already imported; it cannot be processed again.": (
        "Diese Nachricht wurde bereits importiert; sie kann nicht erneut verarbeitet werden."
    ),
    "Reprocessing failed (%(error)s).": "Erneute Verarbeitung fehlgeschlagen (%(error)s).",
    "No such file or directory: %(path)s": "Datei oder Verzeichnis nicht gefunden: %(path)s",
    "Unknown mailbox: %(name)s": "Unbekanntes Postfach: %(name)s",
    "%(read)s messages read, %(tickets)s tickets created (%(rate).0f/s)": (
        "%(read)s Nachrichten gelesen, %(tickets)s Tickets erstellt (%(rate).0f/s)"
    ),
    "address": "Adresse",
    "From and reply address of outgoing mail.": "Absender- und Antwortadresse ausgehender E-Mails.",
    "acknowledge new tickets": "Eingang neuer Tickets bestätigen",
    "IMAP host": "IMAP-Host",
    "IMAP port": "IMAP-Port",
    "TLS": "TLS",
    "IMAP user": "IMAP-Benutzer",
    "folder": "Ordner",
    "poll interval (s)": "Abrufintervall (s)",
    "use IMAP IDLE": "IMAP IDLE verwenden",
    "Cc recipient": "Cc-Empfänger",
    "Forwarded by": "Weitergeleitet von",
    "Mailbox created.": "Postfach angelegt.",
    "Mailbox saved.": "Postfach gespeichert.",
    "Nothing changed.": "Nichts geändert.",
    "Connection test failed: %(error)s": "Verbindungstest fehlgeschlagen: %(error)s",
    "Connection test succeeded: signed in and opened %(folder)s.": ("Verbindungstest erfolgreich: angemeldet und %(folder)s geöffnet."),
    "Mailbox deleted.": "Postfach gelöscht.",
    "Unknown status.": "Unbekannter Status.",
    "Message %(id)s reprocessed: %(status)s.": "Nachricht %(id)s erneut verarbeitet: %(status)s.",
    "The raw message is missing from storage.": "Die Rohnachricht fehlt im Speicher.",
    "Mailboxes": "Postfächer",
    "Held mail": "Zurückgehaltene E-Mails",
    "E-mail settings": "E-Mail-Einstellungen",
    "Quarantine": "Quarantäne",
    "New mailbox": "Neues Postfach",
    "Mailbox %(name)s": "Postfach %(name)s",
    "Last poll failed:": "Letzter Abruf fehlgeschlagen:",
    "A password or token is stored.": "Ein Passwort oder Token ist gespeichert.",
    "No password or token is stored.": "Es ist kein Passwort oder Token gespeichert.",
    "Save": "Speichern",
    "Test connection": "Verbindung testen",
    "Delete mailbox": "Postfach löschen",
    "Name": "Name",
    "Address": "Adresse",
    "Last poll": "Letzter Abruf",
    "Status": "Status",
    "none (SMTP delivery only)": "keiner (nur SMTP-Zustellung)",
    "never": "nie",
    "inactive": "inaktiv",
    "OK": "OK",
    "No mailboxes yet.": "Noch keine Postfächer.",
    "Mail quarantine": "E-Mail-Quarantäne",
    "All held mail": "Alle zurückgehaltenen E-Mails",
    "Filter": "Filtern",
    "Received": "Empfangen",
    "Mailbox": "Postfach",
    "Reason": "Grund",
    "Attempts": "Versuche",
    "Size": "Größe",
    "Raw": "Rohdaten",
    "Reprocess": "Erneut verarbeiten",
    "No held mail.": "Keine zurückgehaltenen E-Mails.",
    # --- IMAP after import, OAuth 2.0 refresh, poll health, remote images ---------------------------
    "Mark as read": "Als gelesen markieren",
    "Move to a folder": "In einen Ordner verschieben",
    "after import": "nach dem Import",
    "move to folder": "in Ordner verschieben",
    "Imported messages are moved here; created when missing.": (
        "Importierte Nachrichten werden hierher verschoben; der Ordner wird angelegt, falls er fehlt."
    ),
    "Enter the folder imported mail is moved to.": "Geben Sie den Ordner an, in den importierte E-Mails verschoben werden.",
    "Choose a folder other than the one mail is fetched from.": (
        "Wählen Sie einen anderen Ordner als den, aus dem E-Mails abgerufen werden."
    ),
    "The folder %(folder)s cannot be created.": "Der Ordner %(folder)s kann nicht angelegt werden.",
    "The server %(server)s does not support IDLE.": "Der Server %(server)s unterstützt IDLE nicht.",
    "The server %(server)s closed the connection.": "Der Server %(server)s hat die Verbindung geschlossen.",
    "Acknowledgements use it when neither the customer's settings nor their mail name a language.": (
        "Eingangsbestätigungen verwenden diese Sprache, wenn weder die Einstellungen des Kunden noch seine E-Mail eine Sprache angeben."
    ),
    "For example https://login.microsoftonline.com/TENANT/oauth2/v2.0/token or https://oauth2.googleapis.com/token.": (
        "Zum Beispiel https://login.microsoftonline.com/TENANT/oauth2/v2.0/token oder https://oauth2.googleapis.com/token."
    ),
    "OAuth refresh token": "OAuth-Aktualisierungstoken",
    "OAuth client secret": "OAuth-Clientgeheimnis",
    "OAuth client ID": "OAuth-Client-ID",
    "OAuth token endpoint": "OAuth-Token-Endpunkt",
    "OAuth scope": "OAuth-Bereich",
    "Required to refresh the access token.": "Erforderlich, um das Zugriffstoken zu aktualisieren.",
    "Enter a valid URL.": "Geben Sie eine gültige URL ein.",
    "The URL must not contain a user name or password.": "Die URL darf weder Benutzernamen noch Passwort enthalten.",
    "The token endpoint must use https.": "Der Token-Endpunkt muss https verwenden.",
    "The token endpoint %(host)s refused the refresh token (HTTP 400%(code)s): sign in again and store a new one.": (
        "Der Token-Endpunkt %(host)s hat das Aktualisierungstoken abgelehnt (HTTP 400%(code)s): "
        "Melden Sie sich erneut an und speichern Sie ein neues."
    ),
    "The token endpoint %(host)s refused the client (HTTP 401%(code)s): check the client ID and secret.": (
        "Der Token-Endpunkt %(host)s hat den Client abgelehnt (HTTP 401%(code)s): Prüfen Sie Client-ID und Clientgeheimnis."
    ),
    "The token endpoint %(host)s answered HTTP %(status)s%(code)s.": (
        "Der Token-Endpunkt %(host)s hat mit HTTP %(status)s%(code)s geantwortet."
    ),
    "The token endpoint %(host)s did not answer in time.": "Der Token-Endpunkt %(host)s hat nicht rechtzeitig geantwortet.",
    "The token endpoint %(host)s could not be reached.": "Der Token-Endpunkt %(host)s war nicht erreichbar.",
    "The token endpoint %(host)s did not answer with valid JSON.": "Der Token-Endpunkt %(host)s hat kein gültiges JSON geliefert.",
    "The token endpoint %(host)s answered without an access token.": "Der Token-Endpunkt %(host)s hat ohne Zugriffstoken geantwortet.",
    "No OAuth refresh token is stored.": "Es ist kein OAuth-Aktualisierungstoken gespeichert.",
    "The OAuth client ID and token endpoint are required to refresh the token.": (
        "Zum Aktualisieren des Tokens sind die OAuth-Client-ID und der Token-Endpunkt erforderlich."
    ),
    "An OAuth refresh token is stored.": "Ein OAuth-Aktualisierungstoken ist gespeichert.",
    "An OAuth client secret is stored.": "Ein OAuth-Clientgeheimnis ist gespeichert.",
    "The access token is valid until": "Das Zugriffstoken ist gültig bis",
    "Mailbox %(name)s failed %(count)s times in a row: %(error)s": (
        "Der Abruf des Postfachs %(name)s ist %(count)s-mal in Folge fehlgeschlagen: %(error)s"
    ),
    "%(failures)s failed poll in a row.": [
        "%(failures)s fehlgeschlagener Abruf in Folge.",
        "%(failures)s fehlgeschlagene Abrufe in Folge.",
    ],
    "(%(failures)s in a row)": ["(%(failures)s-mal in Folge)", "(%(failures)s-mal in Folge)"],
    "The admins were alerted.": "Die Administratoren wurden benachrichtigt.",
    "Admins are alerted after %(n)s.": "Die Administratoren werden nach dem %(n)s. Fehlschlag benachrichtigt.",
    "Remote images are blocked to protect your privacy.": "Externe Bilder werden zum Schutz Ihrer Privatsphäre blockiert.",
    "Show images": "Bilder anzeigen",
    "The batch size must be at least 1.": "Die Stapelgröße muss mindestens 1 sein.",
}
