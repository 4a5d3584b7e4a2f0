"""Hungarian support conversations."""

from supportdesk.demo.content import Language, Topic

LANGUAGE = Language(
    code="hu",
    agent_greeting="Kedves {customer}!",
    agent_signoff="Üdvözlettel:\n{agent}\n{company} ügyfélszolgálat",
    customer_signoff="Köszönettel:\n{customer}",
    thanks=(
        "Működik, köszönöm a gyors segítséget!",
        "Szuper, most már minden rendben van. Köszönjük!",
        "Köszönöm, ezzel megválaszolta a kérdésemet. Az ügy lezárható.",
    ),
    notes=(
        "Az ügyfél telefonon érdeklődött az ügy állásáról. Holnap délelőtt visszahívjuk.",
        "Szerződést ellenőriztem: év végéig érvényes, nincs nyitott tétel.",
        "Ugyanaz a hiba, mint múlt héten. Ha újra előfordul, vonjuk be a Technical csoportot.",
    ),
)

TOPICS = (
    Topic(
        key="invoice",
        group="Billing",
        tags=("billing", "invoice"),
        subjects=("Hibás összeg a {invoice} számlán", "Kérdés a {invoice} számláról", "Kétszeres terhelés a kártyánkon"),
        openings=(
            "Tisztelt Ügyfélszolgálat!\n\nA {date} keltezésű {invoice} számlán {amount} EUR szerepel, de a szerződésünk szerint csak "
            "{users} felhasználó után fizetünk. Kérem, ellenőrizzék, és küldjenek javított számlát.",
            "Jó napot!\n\nEbben a hónapban kétszer vonták le a {product} díját ({amount} EUR) a kártyánkról. "
            "Kérem, utalják vissza a második terhelést. Hivatkozás: {invoice}.",
        ),
        replies=(
            "köszönöm a jelzést. Megnéztem a {invoice} számlát: {date} dátummal új felhasználókat adtak hozzá, "
            "ezeket időarányosan számláztuk. "
            "Ha tévedésből kerültek fel, törlöm őket, és jóváíró számlát állítok ki. Megtegyem?",
            "igaza van, a terhelés kétszer ment át. A {amount} EUR visszautalását elindítottam, általában 3-5 munkanap alatt érkezik meg.",
        ),
        followups=(
            "Igen, kérem, törölje a felhasználókat, és a jóváíró számlát küldje a könyvelésünknek.",
            "Köszönöm. Elküldené a javított számlát PDF-ben is?",
        ),
        closings=(
            "elkészült: a jóváíró számla megtalálható a fiókjában, a javított számlát e-mailben küldjük.",
            "a visszatérítést rögzítettük, a javított számla már elérhető az ügyfélportálon.",
        ),
    ),
    Topic(
        key="login",
        group="First Level",
        tags=("login", "account"),
        subjects=("Nem tudok belépni a portálra", "Nem érkezik meg a jelszó-visszaállító levél", "Zárolták a fiókomat"),
        openings=(
            "Jó napot!\n\nMa reggel óta nem tudok belépni a {product} felületére. Azt írja, hibás a jelszó, pedig nem változtattam meg. "
            "Tudnának segíteni?",
            "Üdvözlöm!\n\nHáromszor kértem új jelszót, de nem érkezik levél, a spam mappában sincs. A kollégáim rendben be tudnak lépni.",
        ),
        replies=(
            "elnézést a kellemetlenségért. A fiókja öt sikertelen próbálkozás után zárolódott, most feloldottam. "
            'Kérem, próbálja újra, és ha nem megy, használja az "Elfelejtett jelszó" linket.',
            "látom, hogy a levelezőszerverük visszautasította a leveleinket. Megkérné az informatikusukat, hogy "
            "engedélyezze a domainünket? "
            "Addig küldtem egy egyszer használatos belépési linket.",
        ),
        followups=(
            "Sajnos még mindig ugyanaz a hibaüzenet jön. Firefoxot használok Windowson, ha ez számít.",
            "Az informatikusunk engedélyezte a domainjüket. Elküldenék újra a linket?",
        ),
        closings=(
            "a munkamenetet is alaphelyzetbe állítottam nálunk. Most már be kell tudnia lépni; ha mégsem, írjon nyugodtan.",
            "egy perce küldtem egy új linket, 30 percig érvényes.",
        ),
    ),
    Topic(
        key="shipping",
        group="First Level",
        tags=("shipping", "order"),
        subjects=("Hol tart a {order} rendelés?", "Késik a {order} szállítása", "Sérülten érkezett a szkenner"),
        openings=(
            "Jó napot!\n\nHárom {product} készüléket rendeltünk ({order}, dátum: {date}), de a csomagkövetés egy hete nem változott. "
            "Egy üzletnyitáshoz kellenének, utánanéznének, mi történt?",
            "Üdvözlöm!\n\nA ma kapott {product} kijelzője megrepedt, a dobozt láthatóan leejtették. Rendelésszám: {order}. "
            "Hogyan kaphatunk cserekészüléket?",
        ),
        replies=(
            "utánanéztem a futárszolgálatnál: a csomag a vámon akadt el, mert hiányzott egy számla. "
            "Pótoltuk a papírokat, holnap várhatóan kiadják.",
            "sajnálom. Ma indul a raktárunkból a cserekészülék, és a futár a kiszállításkor elviszi a sérült darabot.",
        ),
        followups=(
            "Köszönöm. Kapunk új követési számot, vagy marad a régi?",
            "Remek. Kell valamit előkészítenünk a futárnak, például az eredeti csomagolást?",
        ),
        closings=(
            "a követési szám nem változik; a futár szerint holnap délig kézbesítik.",
            "csomagolás nem kell, a futár hoz dobozt. A kiszállítás csütörtökre van ütemezve.",
        ),
    ),
    Topic(
        key="outage",
        group="Technical",
        tags=("outage", "urgent-fix"),
        subjects=("Egyik kasszán sem megy a kártyás fizetés", "Nem töltődik be az irányítópult", "Szinkronizálási hiba éjszaka óta"),
        openings=(
            "Jó napot!\n\nKilenc óra óta egyik kasszánk ({users} db) sem fogad kártyás fizetést, a terminálok azt írják: "
            '"a szerver nem érhető el". Kiesik a bevételünk, kérem, hívjanak vissza mielőbb.',
            "Jó reggelt!\n\nA {product} irányítópultja tegnap este óta nem töltődik be, és az éjszakai szinkronizálás hibát jelez. "
            "Valami üzemzavar van?",
        ),
        replies=(
            "tudunk az egyik fizetési átjárónk hibájáról, a kollégák már dolgoznak rajta. "
            "Átmenetileg a Beállítások > Fizetések menüben átállíthatják a terminálokat a tartalék átjáróra.",
            "köszönöm a jelzést. A fiókjukhoz tartozó szinkronizálási feladat elakadt, újraindítottuk. "
            "Pár percen belül újra rendesen be kell töltődnie az irányítópultnak.",
        ),
        followups=(
            "A tartalék átjáró működik, köszönöm. Szóljanak, ha a fő rendszer helyreállt.",
            "Most már betölt, de hiányoznak a tegnapi forgalmi adatok.",
        ),
        closings=(
            "a fő átjáró 11:40 óta stabilan működik, bármikor visszaállhatnak rá. Rövid hibajelentést is közzéteszünk.",
            "a hiányzó adatokat újratöltöttük, a tegnapi összesítőknek most egyezniük kell a kasszajelentésekkel.",
        ),
    ),
    Topic(
        key="feature",
        group="First Level",
        tags=("feature-request",),
        subjects=("Javaslat: CSV export", "Lesz sötét mód?", "Ötlet a mobilalkalmazáshoz"),
        openings=(
            "Kedves Csapat!\n\nSokat segítene, ha a havi forgalmi jelentést CSV-ben is le lehetne tölteni, nem csak PDF-ben. "
            "A könyvelőnk most mindent kézzel gépel be.",
            "Jó napot!\n\nA kollégák esténként is használják a {product} készüléket, és fárasztó nekik a világos "
            "képernyő. Terveznek sötét módot?",
        ),
        replies=(
            "köszönjük a javaslatot! Továbbítottam a termékcsapatnak, leírva, hogyan használnák. "
            "Határidőt nem tudok ígérni, de az ilyen kéréseket havonta átnézik.",
            "jó hír: ez már szerepel a terveink között. Hozzáadtam a szavazatukat, és szólok, amint elérhető.",
        ),
        followups=(
            "Köszönöm. Addig is van valami kerülőmegoldás?",
            "Örülök neki. Felírnának minket a béta tesztre?",
        ),
        closings=(
            "addig is használhatják az API-s exportot, az CSV-t ad vissza. Egy rövid útmutatót feltöltöttem a fiókjukba.",
            "felkerültek a béta listára; jelentkezünk, amint indul.",
        ),
    ),
    Topic(
        key="contract",
        group="Billing",
        tags=("contract", "account"),
        subjects=("Számlázási cím módosítása", "Bővítés {users} felhasználóra", "Szerződés felmondása a lejáratkor"),
        openings=(
            "Tisztelt Ügyfélszolgálat!\n\nElköltöztünk. Kérjük, hogy {date} után minden számlát az új címünkre küldjenek, és frissítsék az "
            "adószámunkat is. A szerződésszám a legutóbbi számlán ({invoice}) szerepel.",
            "Jó napot!\n\nKét új üzletet nyitunk, ezért {users} felhasználói licencre lenne szükségünk a mostani helyett. "
            "Mennyibe kerülne ez havonta?",
        ),
        replies=(
            "köszönöm, frissítettem a számlázási címet és az adószámot. A következő számlán már az új adatok szerepelnek.",
            "{users} felhasználó esetén a díj havi {amount} EUR, a következő számlázási időszaktól. Elvégezzem a módosítást?",
        ),
        followups=(
            "Igen, kérem, a jövő hónap elsejétől.",
            "Írásban is visszaigazolnák a módosítást?",
        ),
        closings=(
            "a módosítást rögzítettük, az írásos visszaigazolást ma e-mailben megkapják.",
            "minden kész. A visszaigazolás megtalálható az ügyfélportálon a fiókjukban.",
        ),
    ),
)
