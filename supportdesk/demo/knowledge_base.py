"""The demo's knowledge base: categories (one FAQ, one nested), thirteen articles about the demo's
Aurora products in English, German, Hungarian and Latvian, and one internal article for agents.

Built with the kb actions only, as people would: the demo agents write (in their languages), the
supervisor reviews and approves. Most translations end up published; a few stay in review or as
drafts, one article has an edit after publishing (so its versions show a diff), and the internal
article exists in two languages. Staff missing from the database are replaced by `admin`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.kb import actions
from supportdesk.kb.choices import ArticleState, CategoryKind, Visibility
from supportdesk.kb.models import Article, Category, Translation

# Who writes which language, and who reviews (demo staff e-mails; see demo.people).
AUTHORS = {"en": "agent@example.com", "de": "jonas.weber@example.com", "hu": "eszter.nagy@example.com", "lv": "liga.ozola@example.com"}
REVIEWER = "supervisor@example.com"


@dataclass(frozen=True)
class DemoCategory:
    key: str
    names: dict[str, str]
    kind: str = CategoryKind.ARTICLES
    parent: str | None = None
    descriptions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoArticle:
    key: str
    category: str
    texts: dict[str, tuple[str, str]]  # language -> (title, body HTML)
    tags: tuple[str, ...] = ()
    visibility: str = Visibility.PUBLIC
    states: dict[str, str] = field(default_factory=dict)  # language -> final state (default: published)
    related: tuple[str, ...] = ()


CATEGORIES = (
    DemoCategory(
        "getting-started",
        {"en": "Getting started", "de": "Erste Schritte", "hu": "Első lépések", "lv": "Darba sākšana"},
        descriptions={
            "en": "Set up terminals, staff accounts and the mobile app.",
            "de": "Terminals, Mitarbeiterkonten und die mobile App einrichten.",
            "hu": "Terminálok, munkatársi fiókok és a mobilalkalmazás beállítása.",
            "lv": "Termināļu, darbinieku kontu un mobilās lietotnes iestatīšana.",
        },
    ),
    DemoCategory(
        "billing",
        {"en": "Billing and invoices", "de": "Abrechnung und Rechnungen", "hu": "Számlázás és számlák", "lv": "Rēķini un norēķini"},
    ),
    DemoCategory("troubleshooting", {"en": "Troubleshooting", "de": "Fehlerbehebung", "hu": "Hibaelhárítás", "lv": "Problēmu novēršana"}),
    DemoCategory("scanners", {"en": "Scanners", "de": "Scanner", "hu": "Szkennerek", "lv": "Skeneri"}, parent="troubleshooting"),
    DemoCategory(
        "faq",
        {"en": "Frequently asked questions", "de": "Häufige Fragen", "hu": "Gyakori kérdések", "lv": "Biežāk uzdotie jautājumi"},
        kind=CategoryKind.FAQ,
    ),
)

ARTICLES = (
    DemoArticle(
        "terminal-setup",
        "getting-started",
        {
            "en": (
                "Set up your Aurora POS terminal",
                "<p>Unpack the terminal, connect the power supply and switch it on. The setup assistant starts by "
                "itself.</p><ol><li>Choose your language and time zone.</li><li>Connect to your Wi-Fi or plug in a network "
                "cable.</li><li>Sign in with your Aurora Cloud account.</li><li>Pick your shop and confirm. The terminal downloads your "
                "products and prices.</li></ol>",
            ),
            "de": (
                "Aurora-POS-Terminal einrichten",
                "<p>Packen Sie das Terminal aus, schließen Sie das Netzteil an und schalten Sie es ein. Der Einrichtungsassistent startet "
                "automatisch.</p><ol><li>Wählen Sie Sprache und Zeitzone.</li><li>Verbinden Sie das Terminal mit Ihrem WLAN oder stecken "
                "Sie ein Netzwerkkabel ein.</li><li>Melden Sie sich mit Ihrem Aurora-Cloud-Konto an.</li><li>Wählen Sie Ihre Filiale und "
                "bestätigen Sie. Das Terminal lädt Ihre Artikel und Preise.</li></ol><p>Die erste Synchronisierung kann einige Minuten "
                "dauern. Schalten Sie das Terminal nicht aus, solange der Fortschrittsbalken angezeigt wird.</p>",
            ),
            "hu": (
                "Az Aurora POS terminál beállítása",
                "<p>Csomagolja ki a terminált, csatlakoztassa a tápegységet, és kapcsolja be. A beállítási varázsló automatikusan "
                "elindul.</p><ol><li>Válassza ki a nyelvet és az időzónát.</li><li>Csatlakozzon a Wi-Fi-hálózathoz, vagy dugjon be egy "
                "hálózati kábelt.</li><li>Jelentkezzen be Aurora Cloud-fiókjával.</li><li>Válassza ki az üzletét, és erősítse meg. A "
                "terminál letölti a termékeket és az árakat.</li></ol><p>Az első szinkronizálás néhány percig tarthat. Ne kapcsolja ki a "
                "terminált, amíg a folyamatjelző látható.</p>",
            ),
            "lv": (
                "Aurora POS termināļa iestatīšana",
                "<p>Izsaiņojiet termināli, pievienojiet barošanas bloku un ieslēdziet to. Iestatīšanas vednis sāksies "
                "automātiski.</p><ol><li>Izvēlieties valodu un laika joslu.</li><li>Pievienojieties Wi-Fi tīklam vai iespraudiet tīkla "
                "kabeli.</li><li>Pierakstieties ar savu Aurora Cloud kontu.</li><li>Izvēlieties savu veikalu un apstipriniet. Terminālis "
                "lejupielādēs jūsu preces un cenas.</li></ol><p>Pirmā sinhronizācija var ilgt dažas minūtes. Neizslēdziet termināli, "
                "kamēr redzama progresa josla.</p>",
            ),
        },
        tags=("setup", "terminal"),
        related=("invite-staff", "wifi"),
    ),
    DemoArticle(
        "invite-staff",
        "getting-started",
        {
            "en": (
                "Invite staff to Aurora Cloud",
                "<p>Every cashier signs in with their own account, so sales and refunds are recorded per person.</p><ol><li>In Aurora "
                "Cloud, open <b>Settings → Staff</b>.</li><li>Click <b>Invite</b> and enter the person's e-mail address.</li><li>Choose a "
                "role: Cashier, Shift lead or Manager.</li></ol><p>The invitation link is valid for seven days. You can send it again "
                "from the same page.</p>",
            ),
            "de": (
                "Mitarbeitende zu Aurora Cloud einladen",
                "<p>Jede Kassiererin und jeder Kassierer meldet sich mit einem eigenen Konto an, damit Verkäufe und Erstattungen pro "
                "Person erfasst werden.</p><ol><li>Öffnen Sie in Aurora Cloud <b>Einstellungen → Mitarbeitende</b>.</li><li>Klicken Sie "
                "auf <b>Einladen</b> und geben Sie die E-Mail-Adresse ein.</li><li>Wählen Sie eine Rolle: Kasse, Schichtleitung oder "
                "Management.</li></ol><p>Der Einladungslink ist sieben Tage gültig. Sie können ihn auf derselben Seite erneut senden.</p>",
            ),
            "hu": (
                "Munkatársak meghívása az Aurora Cloudba",
                "<p>Minden pénztáros saját fiókkal jelentkezik be, így az eladások és a visszatérítések személyenként "
                "rögzülnek.</p><ol><li>Az Aurora Cloudban nyissa meg a <b>Beállítások → Munkatársak</b> oldalt.</li><li>Kattintson a "
                "<b>Meghívás</b> gombra, és adja meg az e-mail-címet.</li><li>Válasszon szerepkört: pénztáros, műszakvezető vagy "
                "vezető.</li></ol><p>A meghívó hivatkozás hét napig érvényes. Ugyanezen az oldalon újra elküldheti.</p>",
            ),
            "lv": (
                "Darbinieku uzaicināšana uz Aurora Cloud",
                "<p>Katrs kasieris pierakstās ar savu kontu, tāpēc pārdošana un atmaksas tiek reģistrētas katrai personai "
                "atsevišķi.</p><ol><li>Aurora Cloud atveriet <b>Iestatījumi → Darbinieki</b>.</li><li>Noklikšķiniet uz <b>Uzaicināt</b> "
                "un ievadiet e-pasta adresi.</li><li>Izvēlieties lomu: kasieris, maiņas vadītājs vai vadītājs.</li></ol><p>Uzaicinājuma "
                "saite ir derīga septiņas dienas. To var nosūtīt vēlreiz tajā pašā lapā.</p>",
            ),
        },
        tags=("accounts", "staff"),
        related=("password",),
    ),
    DemoArticle(
        "mobile-app",
        "getting-started",
        {
            "en": (
                "Install the Aurora Mobile App",
                "<p>The Aurora Mobile App shows today's sales and stock on your phone.</p>"
                '<ol><li>Install it from the App Store or Google Play (search for "Aurora Mobile").</li>'
                "<li>Open the app and sign in with your Aurora Cloud account.</li><li>Allow notifications if you want to hear about low "
                "stock.</li></ol><p>The app needs Android 10 or iOS 15 or newer.</p>",
            ),
            "de": (
                "Die Aurora Mobile App installieren",
                "<p>Die Aurora Mobile App zeigt die heutigen Umsätze und den Lagerbestand auf Ihrem Telefon.</p><ol><li>Installieren Sie "
                "sie aus dem App Store oder von Google Play (Suche: „Aurora Mobile“).</li><li>Öffnen Sie die App und melden Sie sich mit "
                "Ihrem Aurora-Cloud-Konto an.</li><li>Erlauben Sie Mitteilungen, wenn Sie bei niedrigem Bestand informiert werden "
                "möchten.</li></ol><p>Die App benötigt Android 10 oder iOS 15 oder neuer.</p>",
            ),
            "hu": (
                "Az Aurora Mobile App telepítése",
                "<p>Az Aurora Mobile App a telefonján mutatja a mai forgalmat és a készletet.</p><ol><li>Telepítse az App Store-ból vagy "
                "a Google Playből (keresse: „Aurora Mobile”).</li><li>Nyissa meg az alkalmazást, és jelentkezzen be Aurora "
                "Cloud-fiókjával.</li><li>Engedélyezze az értesítéseket, ha értesülni szeretne az alacsony készletről.</li></ol><p>Az "
                "alkalmazáshoz Android 10 vagy iOS 15, illetve újabb rendszer szükséges.</p>",
            ),
            "lv": (
                "Aurora Mobile App instalēšana",
                "<p>Aurora Mobile App jūsu tālrunī rāda šodienas pārdošanas apjomu un krājumus.</p><ol><li>Instalējiet to no App Store "
                "vai Google Play (meklējiet “Aurora Mobile”).</li><li>Atveriet lietotni un pierakstieties ar savu Aurora Cloud "
                "kontu.</li><li>Atļaujiet paziņojumus, ja vēlaties uzzināt par zemiem krājumiem.</li></ol><p>Lietotnei nepieciešama "
                "Android 10 vai iOS 15 vai jaunāka versija.</p>",
            ),
        },
        tags=("mobile",),
        states={"hu": ArticleState.IN_REVIEW},
    ),
    DemoArticle(
        "invoices",
        "billing",
        {
            "en": (
                "Download your invoices",
                "<p>Invoices are created on the first day of each month.</p><ol><li>In Aurora Cloud, open <b>Billing → "
                "Invoices</b>.</li><li>Click the PDF icon next to the month you need.</li></ol><p>To send invoices straight to your "
                "accountant, add their address under <b>Billing → Invoice recipients</b>.</p>",
            ),
            "de": (
                "Rechnungen herunterladen",
                "<p>Rechnungen werden am ersten Tag jedes Monats erstellt.</p><ol><li>Öffnen Sie in Aurora Cloud <b>Abrechnung → "
                "Rechnungen</b>.</li><li>Klicken Sie beim gewünschten Monat auf das PDF-Symbol.</li></ol><p>Wenn die Rechnungen direkt an "
                "Ihre Steuerberatung gehen sollen, tragen Sie deren Adresse unter <b>Abrechnung → Rechnungsempfänger</b> ein.</p>",
            ),
            "hu": (
                "Számlák letöltése",
                "<p>A számlák minden hónap első napján készülnek el.</p><ol><li>Az Aurora Cloudban nyissa meg a <b>Számlázás → "
                "Számlák</b> oldalt.</li><li>Kattintson a kívánt hónap melletti PDF ikonra.</li></ol><p>Ha a számlákat közvetlenül a "
                "könyvelőjének szeretné küldeni, adja meg a címét a <b>Számlázás → Számlacímzettek</b> alatt.</p>",
            ),
            "lv": (
                "Rēķinu lejupielāde",
                "<p>Rēķini tiek sagatavoti katra mēneša pirmajā dienā.</p><ol><li>Aurora Cloud atveriet <b>Norēķini → "
                "Rēķini</b>.</li><li>Noklikšķiniet uz PDF ikonas blakus vajadzīgajam mēnesim.</li></ol><p>Lai rēķini nonāktu tieši pie "
                "jūsu grāmatveža, pievienojiet viņa adresi sadaļā <b>Norēķini → Rēķinu saņēmēji</b>.</p>",
            ),
        },
        tags=("billing", "invoice"),
        related=("payment-method",),
    ),
    DemoArticle(
        "payment-method",
        "billing",
        {
            "en": (
                "Change your payment method",
                "<p>You can pay by card or by direct debit.</p><ol><li>Open <b>Billing → Payment method</b>.</li><li>Click <b>Change</b> "
                "and enter the new details.</li><li>Confirm with the code your bank sends you, if it asks for one.</li></ol><p>The new "
                "method is used from the next invoice. Open invoices are not charged again.</p>",
            ),
            "de": (
                "Zahlungsart ändern",
                "<p>Sie können per Karte oder per Lastschrift bezahlen.</p><ol><li>Öffnen Sie <b>Abrechnung → "
                "Zahlungsart</b>.</li><li>Klicken Sie auf <b>Ändern</b> und geben Sie die neuen Daten ein.</li><li>Bestätigen Sie mit dem "
                "Code Ihrer Bank, falls danach gefragt wird.</li></ol><p>Die neue Zahlungsart gilt ab der nächsten Rechnung. Offene "
                "Rechnungen werden nicht erneut belastet.</p>",
            ),
            "hu": (
                "Fizetési mód módosítása",
                "<p>Fizethet bankkártyával vagy csoportos beszedéssel.</p><ol><li>Nyissa meg a <b>Számlázás → Fizetési mód</b> "
                "oldalt.</li><li>Kattintson a <b>Módosítás</b> gombra, és adja meg az új adatokat.</li><li>Ha a bankja kéri, erősítse meg "
                "a kapott kóddal.</li></ol><p>Az új fizetési módot a következő számlától használjuk. A nyitott számlákat nem terheljük "
                "újra.</p>",
            ),
            "lv": (
                "Maksājuma veida maiņa",
                "<p>Varat maksāt ar karti vai ar tiešo debetu.</p><ol><li>Atveriet <b>Norēķini → Maksājuma "
                "veids</b>.</li><li>Noklikšķiniet uz <b>Mainīt</b> un ievadiet jaunos datus.</li><li>Ja banka to prasa, apstipriniet ar "
                "saņemto kodu.</li></ol><p>Jaunais maksājuma veids tiks izmantots no nākamā rēķina. Neapmaksātie rēķini atkārtoti netiek "
                "iekasēti.</p>",
            ),
        },
        tags=("billing", "payment"),
    ),
    DemoArticle(
        "subscription",
        "billing",
        {
            "en": (
                "Pause or cancel your subscription",
                "<p>Seasonal shops can pause their subscription for up to three months a year. While paused, terminals keep working "
                "offline but do not sync.</p><p>To pause or cancel, open <b>Billing → Subscription</b> and choose <b>Pause</b> or "
                "<b>Cancel</b>. A cancellation takes effect at the end of the current month; your data stays available for export for 90 "
                "days.</p>",
            ),
            "de": (
                "Abonnement pausieren oder kündigen",
                "<p>Saisonbetriebe können ihr Abonnement bis zu drei Monate im Jahr pausieren. Während der Pause arbeiten die Terminals "
                "offline weiter, synchronisieren aber nicht.</p><p>Zum Pausieren oder Kündigen öffnen Sie <b>Abrechnung → Abonnement</b> "
                "und wählen <b>Pausieren</b> oder <b>Kündigen</b>. Eine Kündigung wird zum Ende des laufenden Monats wirksam; Ihre Daten "
                "können Sie noch 90 Tage lang exportieren.</p>",
            ),
            "hu": (
                "Előfizetés szüneteltetése vagy lemondása",
                "<p>A szezonálisan nyitva tartó üzletek évente legfeljebb három hónapra szüneteltethetik az előfizetést. A szünet alatt a "
                "terminálok offline tovább működnek, de nem szinkronizálnak.</p><p>A szüneteltetéshez vagy lemondáshoz nyissa meg a "
                "<b>Számlázás → Előfizetés</b> oldalt, és válassza a <b>Szüneteltetés</b> vagy a <b>Lemondás</b> lehetőséget. A lemondás "
                "az aktuális hónap végén lép életbe; adatait még 90 napig exportálhatja.</p>",
            ),
            "lv": (
                "Abonementa apturēšana vai atcelšana",
                "<p>Sezonas veikali var apturēt abonementu līdz trim mēnešiem gadā. Apturēšanas laikā termināļi turpina strādāt "
                "bezsaistē, bet nesinhronizējas.</p><p>Lai apturētu vai atceltu, atveriet <b>Norēķini → Abonements</b> un izvēlieties "
                "<b>Apturēt</b> vai <b>Atcelt</b>. Atcelšana stājas spēkā tekošā mēneša beigās; jūsu datus varēs eksportēt vēl 90 "
                "dienas.</p>",
            ),
        },
        tags=("billing", "subscription"),
        states={"lv": ArticleState.DRAFT},
    ),
    DemoArticle(
        "scanner-barcodes",
        "scanners",
        {
            "en": (
                "Scanner does not read barcodes",
                "<p>If the Aurora Scanner beeps but nothing appears on the terminal, or does not beep at all:</p><ol><li>Check that the "
                "cable is firmly plugged in, or that the Bluetooth light is blue.</li><li>Scan the <b>Factory reset</b> code on the last "
                "page of the quick guide, then the <b>USB keyboard</b> code.</li><li>Clean the scanner window with a dry "
                "cloth.</li></ol><p>Damaged or glossy labels are hard to read: try holding the scanner at a slight angle.</p>",
            ),
            "de": (
                "Scanner liest keine Barcodes",
                "<p>Wenn der Aurora Scanner piept, aber nichts auf dem Terminal erscheint, oder gar nicht piept:</p><ol><li>Prüfen Sie, "
                "ob das Kabel fest steckt oder die Bluetooth-Leuchte blau ist.</li><li>Scannen Sie den Code <b>Werkseinstellungen</b> auf "
                "der letzten Seite der Kurzanleitung und danach den Code <b>USB-Tastatur</b>.</li><li>Reinigen Sie das Scannerfenster mit "
                "einem trockenen Tuch.</li></ol><p>Beschädigte oder glänzende Etiketten sind schwer lesbar: Halten Sie den Scanner leicht "
                "schräg.</p>",
            ),
            "hu": (
                "A szkenner nem olvassa a vonalkódokat",
                "<p>Ha az Aurora Scanner sípol, de semmi sem jelenik meg a terminálon, vagy egyáltalán nem sípol:</p><ol><li>Ellenőrizze, "
                "hogy a kábel jól csatlakozik-e, illetve hogy a Bluetooth-jelzőfény kék-e.</li><li>Olvassa be a rövid útmutató utolsó "
                "oldalán található <b>Gyári visszaállítás</b> kódot, majd az <b>USB-billentyűzet</b> kódot.</li><li>Tisztítsa meg a "
                "szkenner ablakát száraz ruhával.</li></ol><p>A sérült vagy fényes címkék nehezen olvashatók: tartsa a szkennert kissé "
                "ferdén.</p>",
            ),
            "lv": (
                "Skeneris nenolasa svītrkodus",
                "<p>Ja Aurora Scanner pīkst, bet terminālī nekas neparādās, vai nepīkst vispār:</p><ol><li>Pārbaudiet, vai kabelis ir "
                "cieši pievienots vai Bluetooth indikators deg zilā krāsā.</li><li>Noskenējiet kodu <b>Rūpnīcas iestatījumi</b> īsās "
                "pamācības pēdējā lappusē un pēc tam kodu <b>USB tastatūra</b>.</li><li>Notīriet skenera lodziņu ar sausu "
                "drāniņu.</li></ol><p>Bojātas vai spīdīgas etiķetes ir grūti nolasīt: turiet skeneri nedaudz slīpi.</p>",
            ),
        },
        tags=("scanner", "hardware"),
        related=("printer-blank", "repair-partner"),
    ),
    DemoArticle(
        "printer-blank",
        "troubleshooting",
        {
            "en": (
                "Receipt printer prints blank receipts",
                "<p>Blank receipts almost always mean the paper roll is in the wrong way round. Thermal paper prints on one side "
                "only.</p><ol><li>Open the printer cover.</li><li>Insert the roll so that the paper comes off the bottom of the roll "
                "towards you.</li><li>Close the cover and press the feed button once.</li></ol><p>If the receipt is still blank, print a "
                "test page from <b>Settings → Printers</b> on the terminal.</p>",
            ),
            "de": (
                "Bondrucker druckt leere Belege",
                "<p>Leere Belege bedeuten fast immer, dass die Papierrolle falsch herum eingelegt ist. Thermopapier ist nur auf einer "
                "Seite bedruckbar.</p><ol><li>Öffnen Sie die Druckerabdeckung.</li><li>Legen Sie die Rolle so ein, dass das Papier von "
                "unten zu Ihnen hin abrollt.</li><li>Schließen Sie die Abdeckung und drücken Sie einmal die "
                "Vorschubtaste.</li></ol><p>Bleibt der Beleg leer, drucken Sie am Terminal unter <b>Einstellungen → Drucker</b> eine "
                "Testseite.</p>",
            ),
            "hu": (
                "A blokknyomtató üres blokkot nyomtat",
                "<p>Az üres blokk szinte mindig azt jelenti, hogy a papírtekercs fordítva van behelyezve. A hőpapír csak az egyik oldalán "
                "nyomtatható.</p><ol><li>Nyissa fel a nyomtató fedelét.</li><li>Helyezze be a tekercset úgy, hogy a papír alulról, ön "
                "felé tekeredjen le.</li><li>Csukja le a fedelet, és nyomja meg egyszer a papírtovábbító gombot.</li></ol><p>Ha a blokk "
                "továbbra is üres, nyomtasson tesztoldalt a terminálon a <b>Beállítások → Nyomtatók</b> menüben.</p>",
            ),
            "lv": (
                "Čeku printeris drukā tukšus čekus",
                "<p>Tukši čeki gandrīz vienmēr nozīmē, ka papīra rullis ir ielikts otrādi. Termopapīrs ir apdrukājams tikai no vienas "
                "puses.</p><ol><li>Atveriet printera vāku.</li><li>Ievietojiet rulli tā, lai papīrs tinas no ruļļa apakšas jūsu "
                "virzienā.</li><li>Aizveriet vāku un vienreiz nospiediet padeves pogu.</li></ol><p>Ja čeks joprojām ir tukšs, izdrukājiet "
                "testa lapu terminālī sadaļā <b>Iestatījumi → Printeri</b>.</p>",
            ),
        },
        tags=("printer", "hardware"),
        related=("repair-partner",),
    ),
    DemoArticle(
        "wifi",
        "troubleshooting",
        {
            "en": (
                "Terminal cannot connect to Wi-Fi",
                "<p>The terminal works only with 2.4 GHz and 5 GHz networks that use WPA2 or WPA3. Guest networks with a sign-in page do "
                "not work.</p><ol><li>Open <b>Settings → Network</b> and forget the network.</li><li>Restart the router and the "
                "terminal.</li><li>Connect again and type the password carefully; it is case-sensitive.</li></ol><p>Until the connection "
                "is back, the terminal keeps selling offline and syncs later.</p>",
            ),
            "de": (
                "Terminal verbindet sich nicht mit dem WLAN",
                "<p>Das Terminal funktioniert nur mit 2,4-GHz- und 5-GHz-Netzen mit WPA2 oder WPA3. Gastnetze mit Anmeldeseite "
                "funktionieren nicht.</p><ol><li>Öffnen Sie <b>Einstellungen → Netzwerk</b> und entfernen Sie das Netz.</li><li>Starten "
                "Sie Router und Terminal neu.</li><li>Verbinden Sie sich erneut und geben Sie das Passwort sorgfältig ein; Groß- und "
                "Kleinschreibung zählt.</li></ol><p>Bis die Verbindung wieder steht, verkauft das Terminal offline weiter und "
                "synchronisiert später.</p>",
            ),
            "hu": (
                "A terminál nem csatlakozik a Wi-Fi-hez",
                "<p>A terminál csak WPA2 vagy WPA3 titkosítású 2,4 GHz-es és 5 GHz-es hálózatokkal működik. A bejelentkezési oldalt "
                "használó vendéghálózatok nem működnek.</p><ol><li>Nyissa meg a <b>Beállítások → Hálózat</b> menüt, és felejtse el a "
                "hálózatot.</li><li>Indítsa újra a routert és a terminált.</li><li>Csatlakozzon újra, és gondosan írja be a jelszót; a "
                "kis- és nagybetűk számítanak.</li></ol><p>Amíg a kapcsolat helyre nem áll, a terminál offline tovább értékesít, és "
                "később szinkronizál.</p>",
            ),
            "lv": (
                "Terminālis nevar pieslēgties Wi-Fi",
                "<p>Terminālis darbojas tikai ar 2,4 GHz un 5 GHz tīkliem, kas izmanto WPA2 vai WPA3. Viesu tīkli ar pieteikšanās lapu "
                "nedarbojas.</p><ol><li>Atveriet <b>Iestatījumi → Tīkls</b> un aizmirstiet tīklu.</li><li>Restartējiet maršrutētāju un "
                "termināli.</li><li>Pieslēdzieties vēlreiz un uzmanīgi ievadiet paroli; lielie un mazie burti ir "
                "svarīgi.</li></ol><p>Kamēr savienojums nav atjaunots, terminālis turpina pārdot bezsaistē un sinhronizēsies vēlāk.</p>",
            ),
        },
        tags=("network", "wifi"),
        states={"de": ArticleState.IN_REVIEW},
        related=("offline",),
    ),
    DemoArticle(
        "offline",
        "faq",
        {
            "en": (
                "Can I use Aurora POS offline?",
                "<p>Yes. Sales, cash payments and receipts keep working without internet. Card payments need a connection unless your "
                "card reader supports offline mode. Everything syncs automatically when the terminal is back online.</p>",
            ),
            "de": (
                "Kann ich Aurora POS offline nutzen?",
                "<p>Ja. Verkäufe, Barzahlungen und Belege funktionieren auch ohne Internet. Kartenzahlungen brauchen eine Verbindung, "
                "außer Ihr Kartenleser unterstützt den Offline-Modus. Sobald das Terminal wieder online ist, wird alles automatisch "
                "synchronisiert.</p>",
            ),
            "hu": (
                "Használhatom az Aurora POS-t internet nélkül?",
                "<p>Igen. Az eladás, a készpénzes fizetés és a blokknyomtatás internet nélkül is működik. A kártyás fizetéshez kapcsolat "
                "kell, kivéve, ha a kártyaolvasója támogatja az offline módot. Amint a terminál újra online, minden automatikusan "
                "szinkronizálódik.</p>",
            ),
            "lv": (
                "Vai Aurora POS var lietot bezsaistē?",
                "<p>Jā. Pārdošana, skaidras naudas maksājumi un čeki darbojas arī bez interneta. Karšu maksājumiem nepieciešams "
                "savienojums, ja vien jūsu karšu lasītājs neatbalsta bezsaistes režīmu. Tiklīdz terminālis atkal ir tiešsaistē, viss tiek "
                "sinhronizēts automātiski.</p>",
            ),
        },
        tags=("offline",),
    ),
    DemoArticle(
        "card-readers",
        "faq",
        {
            "en": (
                "Which card readers are supported?",
                "<p>Aurora POS works with the Aurora Pay reader and with SumUp Solo and Zettle Reader 2. Readers from your own bank can "
                "be connected if they support the ZVT or OPI protocol; ask us before you buy one.</p>",
            ),
            "de": (
                "Welche Kartenleser werden unterstützt?",
                "<p>Aurora POS funktioniert mit dem Aurora-Pay-Leser sowie mit SumUp Solo und Zettle Reader 2. Kartenleser Ihrer eigenen "
                "Bank lassen sich anbinden, wenn sie das ZVT- oder OPI-Protokoll unterstützen; fragen Sie uns vor dem Kauf.</p>",
            ),
            "hu": (
                "Milyen kártyaolvasók támogatottak?",
                "<p>Az Aurora POS az Aurora Pay olvasóval, valamint a SumUp Solo és a Zettle Reader 2 készülékekkel működik. A saját "
                "bankja olvasója is csatlakoztatható, ha támogatja a ZVT vagy az OPI protokollt; vásárlás előtt kérdezzen meg minket.</p>",
            ),
            "lv": (
                "Kuri karšu lasītāji tiek atbalstīti?",
                "<p>Aurora POS darbojas ar Aurora Pay lasītāju, kā arī ar SumUp Solo un Zettle Reader 2. Jūsu bankas lasītāju var "
                "pievienot, ja tas atbalsta ZVT vai OPI protokolu; pirms iegādes sazinieties ar mums.</p>",
            ),
        },
        tags=("payments", "hardware"),
        states={"lv": ArticleState.DRAFT},
    ),
    DemoArticle(
        "password",
        "faq",
        {
            "en": (
                "How do I reset my password?",
                "<p>On the sign-in page, click <b>Forgot password?</b> and enter your e-mail address. You will receive a link that is "
                "valid for one hour. Managers can also send a reset link to their staff from <b>Settings → Staff</b>.</p>",
            ),
            "de": (
                "Wie setze ich mein Passwort zurück?",
                "<p>Klicken Sie auf der Anmeldeseite auf <b>Passwort vergessen?</b> und geben Sie Ihre E-Mail-Adresse ein. Sie erhalten "
                "einen Link, der eine Stunde gültig ist. Führungskräfte können ihren Mitarbeitenden unter <b>Einstellungen → "
                "Mitarbeitende</b> ebenfalls einen Link senden.</p>",
            ),
            "hu": (
                "Hogyan állíthatom vissza a jelszavamat?",
                "<p>A bejelentkezési oldalon kattintson az <b>Elfelejtette a jelszavát?</b> hivatkozásra, és adja meg az e-mail-címét. "
                "Kap egy hivatkozást, amely egy óráig érvényes. A vezetők a <b>Beállítások → Munkatársak</b> oldalon a munkatársaiknak is "
                "küldhetnek visszaállító hivatkozást.</p>",
            ),
            "lv": (
                "Kā atiestatīt paroli?",
                "<p>Pierakstīšanās lapā noklikšķiniet uz <b>Aizmirsāt paroli?</b> un ievadiet savu e-pasta adresi. Jūs saņemsiet saiti, "
                "kas ir derīga vienu stundu. Vadītāji var nosūtīt atiestatīšanas saiti saviem darbiniekiem arī sadaļā <b>Iestatījumi → "
                "Darbinieki</b>.</p>",
            ),
        },
        tags=("accounts", "password"),
    ),
    DemoArticle(
        "repair-partner",
        "troubleshooting",
        {
            "en": (
                "Escalating hardware faults to the repair partner",
                "<p><b>Agents only.</b> When a terminal, printer or scanner is still faulty after the troubleshooting "
                "steps:</p><ol><li>Ask the customer for the serial number (on the sticker underneath) and a photo of the "
                "fault.</li><li>Check the warranty in the device list of the customer's organisation.</li><li>Under warranty: create a "
                "repair order with our partner TechFix and add the order number to the ticket as an internal note.</li><li>Out of "
                "warranty: send the customer the repair price list from the reply templates before ordering "
                "anything.</li></ol><p>Customers on the Premium plan get a replacement device within two working days.</p>",
            ),
            "de": (
                "Hardwaredefekte an den Reparaturpartner weitergeben",
                "<p><b>Nur für Agenten.</b> Wenn ein Terminal, Drucker oder Scanner nach der Fehlerbehebung immer noch defekt "
                "ist:</p><ol><li>Bitten Sie den Kunden um die Seriennummer (Aufkleber auf der Unterseite) und ein Foto des "
                "Fehlers.</li><li>Prüfen Sie die Garantie in der Geräteliste der Organisation des Kunden.</li><li>Mit Garantie: Legen Sie "
                "bei unserem Partner TechFix einen Reparaturauftrag an und tragen Sie die Auftragsnummer als interne Notiz ins Ticket "
                "ein.</li><li>Ohne Garantie: Senden Sie dem Kunden vor einer Bestellung die Reparaturpreisliste aus den "
                "Antwortvorlagen.</li></ol><p>Kunden mit dem Premium-Tarif erhalten innerhalb von zwei Werktagen ein Ersatzgerät.</p>",
            ),
        },
        tags=("hardware", "escalation"),
        visibility=Visibility.INTERNAL,
        states={"de": ArticleState.DRAFT},
    ),
)

# An edit after publishing, so the demo's history has a diff and a restorable version.
LATE_EDIT = (
    "terminal-setup",
    "en",
    "<p>The first sync can take a few minutes. Do not switch the terminal off while the progress bar is shown.</p>",
    "Mention the first sync",
)


def _staff(email: str, fallback: User) -> User:
    user = User.objects.filter(email=email, is_active=True).first()
    return user if user is not None and user.is_helpdesk_staff else fallback


def load_knowledge_base(admin: User) -> dict[str, int]:
    """Create the demo's knowledge base through kb.actions; return counts for the demo summary.
    Does nothing (all counts 0) when any KB category exists, so loading twice adds no duplicates."""
    counts = {"categories": 0, "articles": 0, "translations": 0, "published": 0}
    if Category.objects.exists():
        return counts
    reviewer = _staff(REVIEWER, admin)
    if reviewer.role not in {Role.ADMIN, Role.SUPERVISOR}:
        reviewer = admin
    authors = {language: _staff(email, admin) for language, email in AUTHORS.items()}
    with transaction.atomic():
        categories: dict[str, Category] = {}
        for position, node in enumerate(CATEGORIES):
            values = {"names": node.names, "descriptions": node.descriptions, "kind": node.kind, "position": position, "slug": node.key}
            if node.parent:
                values["parent_id"] = categories[node.parent].pk
            categories[node.key] = actions.create_category(admin, values)
        articles: dict[str, int] = {}
        for spec in ARTICLES:
            languages = list(spec.texts)
            first, *others = languages
            title, body = spec.texts[first]
            rows: list[Translation] = [
                actions.create_article(
                    authors[first],
                    category_id=categories[spec.category].pk,
                    language=first,
                    title=title,
                    body_html=body,
                    visibility=spec.visibility,
                    tags=spec.tags,
                )
            ]
            for language in others:
                title, body = spec.texts[language]
                rows.append(actions.add_translation(authors[language], rows[0].article, language=language, title=title, body_html=body))
            for row in rows:
                target = spec.states.get(row.language, ArticleState.PUBLISHED)
                if target == ArticleState.DRAFT:
                    continue
                row = actions.change_state(authors[row.language], row, "submit")
                if target == ArticleState.PUBLISHED:
                    actions.change_state(reviewer, row, "approve")
                    counts["published"] += 1
            articles[spec.key] = rows[0].article_id
            counts["translations"] += len(rows)
        for spec in ARTICLES:
            if spec.related:
                article = Article.objects.get(pk=articles[spec.key])
                current = list(article.related.values_list("pk", flat=True))
                actions.update_article(reviewer, article, {"related_ids": sorted({*current, *(articles[key] for key in spec.related)})})
        key, language, addition, note = LATE_EDIT
        row = Translation.objects.get(article_id=articles[key], language=language)
        actions.edit_translation(reviewer, row, title=row.title, body_html=row.body_html + addition, base_version=row.version, note=note)
    counts["categories"] = len(categories)
    counts["articles"] = len(articles)
    return counts
