"""German support conversations."""

from supportdesk.demo.content import Language, Topic

LANGUAGE = Language(
    code="de",
    agent_greeting="Hallo {customer},",
    agent_signoff="Viele Grüße\n{agent}\n{company} Support",
    customer_signoff="Viele Grüße\n{customer}",
    thanks=(
        "Hat funktioniert, vielen Dank für die schnelle Hilfe!",
        "Super, jetzt passt alles. Danke!",
        "Danke, damit ist meine Frage beantwortet. Das Ticket kann geschlossen werden.",
    ),
    notes=(
        "Kunde hat angerufen und nach dem Stand gefragt. Rückruf bis morgen 10 Uhr zugesagt.",
        "Vertrag geprüft: Laufzeit bis Ende des Jahres, keine offenen Posten.",
        "Gleiches Problem wie in der Vorwoche. Bitte Technical mit einbeziehen, falls es wieder auftritt.",
    ),
    lowercase_after_greeting=True,
)

TOPICS = (
    Topic(
        key="invoice",
        group="Billing",
        tags=("billing", "invoice"),
        subjects=("Rechnung {invoice} fehlerhaft", "Frage zur Rechnung {invoice}", "Doppelte Abbuchung diesen Monat"),
        openings=(
            "Guten Tag,\n\nauf der Rechnung {invoice} vom {date} stehen {amount} EUR, laut Vertrag zahlen wir aber nur für {users} Nutzer. "
            "Können Sie das prüfen und uns eine korrigierte Rechnung schicken?",
            "Hallo,\n\ndiesen Monat wurde {product} zweimal von unserem Konto abgebucht, jeweils {amount} EUR. "
            "Bitte erstatten Sie die zweite Zahlung. Referenz: {invoice}.",
        ),
        replies=(
            "danke für den Hinweis. Ich habe die Rechnung {invoice} geprüft: Am {date} wurden zusätzliche Nutzer "
            "angelegt und anteilig berechnet. "
            "Falls das ein Versehen war, entferne ich sie und stelle eine Gutschrift aus. Soll ich das tun?",
            "Sie haben recht, die Zahlung wurde doppelt eingezogen. Die Erstattung über {amount} EUR ist veranlasst "
            "und sollte in 3 bis 5 Werktagen auf Ihrem Konto sein.",
        ),
        followups=(
            "Ja, bitte entfernen Sie die Nutzer und schicken Sie die Gutschrift an unsere Buchhaltung.",
            "Danke. Können Sie mir die korrigierte Rechnung noch als PDF zusenden?",
        ),
        closings=(
            "erledigt: Die Gutschrift ist in Ihrem Kundenkonto hinterlegt, die korrigierte Rechnung kommt per E-Mail.",
            "die Erstattung ist gebucht, und die korrigierte Rechnung finden Sie jetzt im Kundenportal.",
        ),
    ),
    Topic(
        key="login",
        group="First Level",
        tags=("login", "account"),
        subjects=("Anmeldung am Portal nicht möglich", "Passwort-Link kommt nicht an", "Konto nach Update gesperrt"),
        openings=(
            "Hallo,\n\nseit heute früh kann ich mich nicht mehr im {product}-Dashboard anmelden. Angeblich ist mein Passwort falsch, "
            "ich habe es aber nicht geändert. Können Sie helfen?",
            "Guten Tag,\n\nich habe dreimal ein neues Passwort angefordert, aber es kommt keine E-Mail an, auch nicht im Spam-Ordner. "
            "Meine Kollegen können sich normal anmelden.",
        ),
        replies=(
            "entschuldigen Sie die Umstände. Ihr Konto wurde nach fünf Fehlversuchen gesperrt. Ich habe es wieder freigeschaltet; "
            'bitte versuchen Sie es erneut und nutzen Sie notfalls "Passwort vergessen".',
            "ich sehe, dass Ihr Mailserver unsere E-Mails abgelehnt hat. Könnten Sie Ihre IT bitten, unsere Domain freizugeben? "
            "In der Zwischenzeit habe ich Ihnen einen einmaligen Anmeldelink geschickt.",
        ),
        followups=(
            "Leider immer noch dieselbe Fehlermeldung. Ich nutze Firefox unter Windows, falls das hilft.",
            "Unsere IT hat Ihre Domain jetzt freigegeben. Können Sie den Link bitte noch einmal schicken?",
        ),
        closings=(
            "ich habe auch die Sitzung auf unserer Seite zurückgesetzt. Jetzt sollte die Anmeldung klappen, sonst melden Sie sich gern.",
            "ich habe eben einen neuen Link verschickt. Er ist 30 Minuten gültig.",
        ),
    ),
    Topic(
        key="shipping",
        group="DACH",
        tags=("shipping", "order"),
        subjects=("Wo bleibt Bestellung {order}?", "Lieferung {order} verspätet", "Scanner beschädigt angekommen"),
        openings=(
            "Hallo,\n\nwir haben am {date} drei {product} bestellt (Bestellung {order}), die Sendungsverfolgung zeigt seit einer Woche "
            "keinen neuen Status. Wir brauchen die Geräte für eine Filialeröffnung. Was ist da los?",
            "Guten Tag,\n\nder heute gelieferte {product} hat ein gesprungenes Display, der Karton war offensichtlich heruntergefallen. "
            "Bestellung {order}. Wie bekommen wir Ersatz?",
        ),
        replies=(
            "ich habe beim Paketdienst nachgefragt: Die Sendung hängt beim Zoll, weil eine Rechnung fehlte. "
            "Wir haben die Unterlagen nachgereicht, morgen sollte sie freigegeben werden.",
            "das tut mir leid. Ein Ersatzgerät verlässt heute unser Lager, und der Kurier nimmt das beschädigte "
            "Gerät bei der Lieferung mit.",
        ),
        followups=(
            "Danke. Bekommen wir eine neue Sendungsnummer oder bleibt es bei der alten?",
            "Prima. Braucht der Kurier etwas von uns, zum Beispiel die Originalverpackung?",
        ),
        closings=(
            "die Sendungsnummer bleibt gleich; laut Paketdienst wird morgen bis 12 Uhr zugestellt.",
            "eine Verpackung ist nicht nötig, der Kurier bringt einen Karton mit. Die Zustellung ist für Donnerstag geplant.",
        ),
    ),
    Topic(
        key="outage",
        group="Technical",
        tags=("outage", "urgent-fix"),
        subjects=("Kartenzahlung an allen Kassen gestört", "Dashboard lädt nicht", "Synchronisationsfehler seit heute Nacht"),
        openings=(
            "Hallo,\n\nseit etwa 9 Uhr können unsere {users} Kassen keine Kartenzahlungen mehr annehmen. Die Terminals melden "
            '"Host nicht erreichbar". Uns entgehen Umsätze, bitte rufen Sie mich dringend zurück.',
            "Guten Morgen,\n\ndas {product}-Dashboard lädt seit gestern Abend endlos, und der nächtliche Abgleich meldet Fehler. "
            "Gibt es eine Störung?",
        ),
        replies=(
            "wir wissen von einem Problem mit einem unserer Zahlungs-Gateways, unsere Technik arbeitet daran. "
            "Als Umgehung können Sie die Terminals unter Einstellungen > Zahlungen auf das Ersatz-Gateway umstellen.",
            "danke für die Meldung. Für Ihr Konto hing ein Synchronisationsjob, den wir neu gestartet haben. "
            "Das Dashboard sollte in wenigen Minuten wieder normal laden.",
        ),
        followups=(
            "Das Ersatz-Gateway funktioniert, danke. Geben Sie bitte Bescheid, wenn das Hauptsystem wieder läuft.",
            "Jetzt lädt es, aber die Umsätze von gestern fehlen.",
        ),
        closings=(
            "das Haupt-Gateway läuft seit 11:40 Uhr wieder stabil. Sie können jederzeit zurückstellen. Einen "
            "kurzen Störungsbericht veröffentlichen wir.",
            "die fehlenden Zahlen wurden nachgeladen; die Summen von gestern sollten jetzt mit Ihren Kassenberichten übereinstimmen.",
        ),
    ),
    Topic(
        key="feature",
        group="First Level",
        tags=("feature-request",),
        subjects=("Wunsch: CSV-Export", "Gibt es einen Dunkelmodus?", "Vorschlag für die App"),
        openings=(
            "Hallo zusammen,\n\nes würde uns sehr helfen, wenn der monatliche Umsatzbericht auch als CSV exportiert werden könnte, "
            "nicht nur als PDF. Unser Steuerberater tippt im Moment alles ab.",
            "Guten Tag,\n\nunsere Mitarbeiter nutzen den {product} abends und empfinden den hellen Bildschirm als anstrengend. "
            "Ist ein Dunkelmodus geplant?",
        ),
        replies=(
            "danke für den Vorschlag! Ich habe ihn mit einer Beschreibung Ihres Anwendungsfalls an unser Produktteam weitergegeben. "
            "Einen Termin kann ich nicht versprechen, solche Wünsche werden aber monatlich bewertet.",
            "gute Nachricht: Das steht bereits auf unserer Roadmap. Ich habe Ihre Stimme hinzugefügt und melde "
            "mich, sobald es verfügbar ist.",
        ),
        followups=(
            "Danke. Gibt es bis dahin eine Übergangslösung?",
            "Schön zu hören. Können Sie uns für die Beta vormerken?",
        ),
        closings=(
            "bis dahin können Sie den Export über die API nutzen, der liefert CSV. Eine kurze Anleitung liegt in Ihrem Kundenkonto.",
            "Sie stehen jetzt auf der Beta-Liste; wir melden uns, sobald sie startet.",
        ),
    ),
    Topic(
        key="contract",
        group="DACH",
        tags=("contract", "account"),
        subjects=("Änderung der Rechnungsadresse", "Erweiterung auf {users} Nutzer", "Kündigung zum Laufzeitende"),
        openings=(
            "Guten Tag,\n\nwir sind umgezogen. Bitte schicken Sie ab dem {date} alle Rechnungen an unsere neue Adresse und passen Sie "
            "auch die USt-IdNr. an. Die Vertragsnummer steht auf der letzten Rechnung ({invoice}).",
            "Hallo,\n\nwir eröffnen zwei neue Filialen und brauchen {users} Nutzerlizenzen statt der bisherigen. "
            "Was würde das im Monat kosten?",
        ),
        replies=(
            "danke, ich habe Rechnungsadresse und USt-IdNr. aktualisiert. Die nächste Rechnung enthält bereits die neuen Daten.",
            "für {users} Nutzer liegt der Preis bei {amount} EUR im Monat, abgerechnet ab dem nächsten Zyklus. Soll ich das umstellen?",
        ),
        followups=(
            "Ja, bitte ab dem Ersten des kommenden Monats.",
            "Können Sie uns die Änderung bitte schriftlich bestätigen?",
        ),
        closings=(
            "die Änderung ist gebucht, die schriftliche Bestätigung erhalten Sie heute per E-Mail.",
            "alles erledigt. Die Bestätigung liegt im Kundenportal in Ihrem Konto.",
        ),
    ),
)
