"""Latvian support conversations."""

from supportdesk.demo.content import Language, Topic

LANGUAGE = Language(
    code="lv",
    agent_greeting="Labdien!",
    agent_signoff="Ar cieņu\n{agent}\n{company} klientu atbalsts",
    customer_signoff="Paldies,\n{customer}",
    thanks=(
        "Viss strādā, paldies par ātro palīdzību!",
        "Lieliski, tagad viss kārtībā. Liels paldies!",
        "Paldies, tas atbild uz manu jautājumu. Pieteikumu var slēgt.",
    ),
    notes=(
        "Klients zvanīja un jautāja par statusu. Apsolīju atzvanīt rīt līdz plkst. 10.",
        "Pārbaudīju līgumu: spēkā līdz gada beigām, neapmaksātu rēķinu nav.",
        "Tā pati problēma kā pagājušajā nedēļā. Ja atkārtosies, jāiesaista Technical grupa.",
    ),
)

TOPICS = (
    Topic(
        key="invoice",
        group="Billing",
        tags=("billing", "invoice"),
        subjects=("Kļūdaina summa rēķinā {invoice}", "Jautājums par rēķinu {invoice}", "Divreiz noņemta maksa no kartes"),
        openings=(
            "Labdien!\n\nRēķinā {invoice} ({date}) norādīti {amount} EUR, bet saskaņā ar līgumu mēs maksājam "
            "tikai par {users} lietotājiem. "
            "Lūdzu, pārbaudiet un atsūtiet labotu rēķinu.",
            "Labdien!\n\nŠomēnes maksa par {product} ({amount} EUR) no mūsu kartes tika noņemta divas reizes. "
            "Lūdzu, atmaksājiet otro maksājumu. Atsauce: {invoice}.",
        ),
        replies=(
            "paldies, ka informējāt. Pārbaudīju rēķinu {invoice}: {date} tika pievienoti papildu lietotāji, un par tiem aprēķināta "
            "proporcionāla maksa. Ja tie pievienoti kļūdas pēc, varu tos noņemt un izrakstīt kredītrēķinu. Vai to izdarīt?",
            "jums taisnība, maksājums tika veikts divreiz. Esmu uzsācis {amount} EUR atmaksu, "
            "parasti tā tiek ieskaitīta 3 līdz 5 darba dienu laikā.",
        ),
        followups=(
            "Jā, lūdzu, noņemiet lietotājus un nosūtiet kredītrēķinu mūsu grāmatvedībai.",
            "Paldies. Vai varat atsūtīt laboto rēķinu arī PDF formātā?",
        ),
        closings=(
            "izdarīts: kredītrēķins pievienots jūsu kontam, un labotais rēķins tiks nosūtīts e-pastā.",
            "atmaksa ir apstrādāta, un labotais rēķins tagad pieejams klientu portālā.",
        ),
    ),
    Topic(
        key="login",
        group="First Level",
        tags=("login", "account"),
        subjects=("Nevaru pieslēgties portālam", "Nepienāk paroles atjaunošanas saite", "Konts bloķēts pēc atjauninājuma"),
        openings=(
            "Labdien!\n\nKopš šī rīta nevaru pieslēgties {product} panelim. Sistēma saka, ka parole ir "
            "nepareiza, lai gan to neesmu mainījis. "
            "Vai varat palīdzēt?",
            "Sveiki!\n\nTrīs reizes pieprasīju jaunu paroli, bet e-pasts nepienāk, arī mēstuļu mapē nav. Kolēģi "
            "var pieslēgties bez problēmām.",
        ),
        replies=(
            "atvainojamies par neērtībām. Jūsu konts tika bloķēts pēc piecu neveiksmīgu mēģinājumu. Esmu to atbloķējis; "
            'lūdzu, mēģiniet vēlreiz un vajadzības gadījumā izmantojiet saiti "Aizmirsu paroli".',
            "redzu, ka jūsu pasta serveris noraidīja mūsu vēstules. Vai varat palūgt IT nodaļai atļaut mūsu domēnu? "
            "Pa to laiku nosūtīju jums vienreizēju pieslēgšanās saiti.",
        ),
        followups=(
            "Diemžēl joprojām tā pati kļūda. Izmantoju Firefox uz Windows, ja tas palīdz.",
            "Mūsu IT nodaļa tagad ir atļāvusi jūsu domēnu. Vai varat nosūtīt saiti vēlreiz?",
        ),
        closings=(
            "atiestatīju arī sesiju mūsu pusē. Tagad vajadzētu izdoties pieslēgties; ja nē, droši rakstiet.",
            "pirms minūtes nosūtīju jaunu saiti, tā ir derīga 30 minūtes.",
        ),
    ),
    Topic(
        key="shipping",
        group="First Level",
        tags=("shipping", "order"),
        subjects=("Kur ir mans pasūtījums {order}?", "Pasūtījuma {order} piegāde kavējas", "Skeneris piegādāts bojāts"),
        openings=(
            "Labdien!\n\n{date} pasūtījām trīs {product} ierīces (pasūtījums {order}), bet sūtījuma izsekošana nedēļu nav mainījusies. "
            "Tās vajadzīgas veikala atvēršanai. Vai varat noskaidrot, kas noticis?",
            "Labdien!\n\nŠodien saņemtajai {product} ierīcei ir saplaisājis ekrāns, kaste acīmredzot bija nomesta. Pasūtījums {order}. "
            "Kā varam saņemt nomaiņu?",
        ),
        replies=(
            "sazinājos ar kurjeru: sūtījums aizturēts muitā, jo trūka rēķina. Dokumenti ir nosūtīti, rīt to vajadzētu izlaist.",
            "man ļoti žēl. Rezerves ierīce šodien tiek izsūtīta no mūsu noliktavas, un kurjers piegādes brīdī paņems bojāto ierīci.",
        ),
        followups=(
            "Paldies. Vai būs jauns izsekošanas numurs, vai paliek tas pats?",
            "Lieliski. Vai kurjeram no mums kaut kas vajadzīgs, piemēram, oriģinālais iepakojums?",
        ),
        closings=(
            "izsekošanas numurs paliek tas pats; kurjers piegādi plāno rīt līdz pusdienlaikam.",
            "iepakojums nav vajadzīgs, kurjers atvedīs kasti. Piegāde plānota ceturtdien.",
        ),
    ),
    Topic(
        key="outage",
        group="Technical",
        tags=("outage", "urgent-fix"),
        subjects=("Karšu maksājumi nedarbojas nevienā kasē", "Panelis neielādējas", "Sinhronizācijas kļūdas kopš nakts"),
        openings=(
            "Labdien!\n\nKopš plkst. 9 neviena no mūsu {users} kasēm nepieņem karšu maksājumus. Termināļi rāda "
            '"serveris nav sasniedzams". '
            "Zaudējam ieņēmumus, lūdzu, steidzami atzvaniet.",
            "Labrīt!\n\n{product} panelis kopš vakardienas vakara neielādējas, un nakts sinhronizācija ziņo par kļūdām. Vai ir traucējumi?",
        ),
        replies=(
            "mums ir zināms par problēmu ar vienu no maksājumu vārtejām, un inženieri pie tās strādā. "
            "Pagaidām termināļus var pārslēgt uz rezerves vārteju sadaļā Iestatījumi > Maksājumi.",
            "paldies par ziņojumu. Jūsu kontam bija iestrēdzis sinhronizācijas uzdevums, mēs to restartējām. "
            "Panelim dažu minūšu laikā vajadzētu ielādēties kā parasti.",
        ),
        followups=(
            "Rezerves vārteja strādā, paldies. Lūdzu, paziņojiet, kad galvenā atkal darbojas.",
            "Tagad ielādējas, bet trūkst vakardienas pārdošanas datu.",
        ),
        closings=(
            "galvenā vārteja kopš 11:40 darbojas stabili, varat pārslēgties atpakaļ jebkurā laikā. Publicēsim īsu incidenta pārskatu.",
            "trūkstošie dati ir ielādēti no jauna; vakardienas kopsummām tagad jāsakrīt ar jūsu kases atskaitēm.",
        ),
    ),
    Topic(
        key="feature",
        group="First Level",
        tags=("feature-request",),
        subjects=("Ierosinājums: eksports CSV formātā", "Vai būs tumšais režīms?", "Ideja mobilajai lietotnei"),
        openings=(
            "Labdien!\n\nMums ļoti palīdzētu, ja mēneša pārdošanas atskaiti varētu eksportēt arī CSV formātā, ne tikai PDF. "
            "Grāmatvedis pašlaik visu pārraksta ar roku.",
            "Labdien!\n\nMūsu darbinieki lieto {product} vakaros, un gaišais ekrāns nogurdina acis. Vai plānojat tumšo režīmu?",
        ),
        replies=(
            "paldies par ierosinājumu! Nodevu to produkta komandai kopā ar aprakstu, kā jūs to izmantotu. "
            "Termiņu nevaru apsolīt, bet šādus pieprasījumus izskata katru mēnesi.",
            "labas ziņas: tas jau ir mūsu plānos. Pievienoju jūsu balsi un paziņošu, tiklīdz tas būs pieejams.",
        ),
        followups=(
            "Paldies. Vai pa to laiku ir kāds apvedceļš?",
            "Prieks dzirdēt. Vai varat mūs pierakstīt beta testēšanai?",
        ),
        closings=(
            "pagaidām varat izmantot eksportu caur API, tas atgriež CSV. Īsu pamācību pievienoju jūsu kontam.",
            "jūs esat beta sarakstā; sazināsimies, tiklīdz tā sāksies.",
        ),
    ),
    Topic(
        key="contract",
        group="Billing",
        tags=("contract", "account"),
        subjects=("Norēķinu adreses maiņa", "Paplašināšana līdz {users} lietotājiem", "Līguma izbeigšana termiņa beigās"),
        openings=(
            "Labdien!\n\nMēs esam pārcēlušies. No {date} lūdzu sūtīt visus rēķinus uz mūsu jauno adresi un atjaunināt arī PVN numuru. "
            "Līguma numurs ir norādīts pēdējā rēķinā ({invoice}).",
            "Labdien!\n\nAtveram divus jaunus veikalus, tāpēc mums vajag {users} lietotāju licences pašreizējo vietā. "
            "Cik tas izmaksātu mēnesī?",
        ),
        replies=(
            "paldies, atjaunināju norēķinu adresi un PVN numuru. Nākamajā rēķinā jau būs jaunie dati.",
            "{users} lietotājiem cena būtu {amount} EUR mēnesī, sākot ar nākamo norēķinu periodu. Vai veikt izmaiņas?",
        ),
        followups=(
            "Jā, lūdzu, no nākamā mēneša pirmā datuma.",
            "Vai varat izmaiņas apstiprināt rakstiski?",
        ),
        closings=(
            "izmaiņas ir reģistrētas, rakstisku apstiprinājumu šodien saņemsiet e-pastā.",
            "viss izdarīts. Apstiprinājums pieejams klientu portālā jūsu kontā.",
        ),
    ),
)
