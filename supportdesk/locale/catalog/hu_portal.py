"""Hungarian translations of the self-service apps: the customer portal (sign-in links, registration, status
check, ticket list and page, new-ticket form and topics, branding), the help centre and knowledge base (categories,
articles, translations, versions, review, editor, composer panel, feedback) and the CSAT/NPS/CES surveys; merged
into hu.TRANSLATIONS and split out only to keep each table file short.

Terms: ügyfélportál, súgóközpont (help centre), tudásbázis (knowledge base), cikk (article), fordítás, kategória,
piszkozat (draft), ellenőrzés (review), ellenőrző (reviewer), közzététel (publish), archiválás, téma (topic),
bejelentkezési hivatkozás (sign-in link), állapotkód (status code), kérés (a customer's request), felmérés (survey),
válaszadási arány (response rate), ajánló/semleges/kritikus (NPS), GYIK (FAQ)."""

PORTAL: dict[str, str | list[str]] = {
    # --- Settings page, top bar and demo commands (settings_hub, base.html, demo, load_demo) ----------
    "Self-service": "Önkiszolgálás",
    "Customer portal": "Ügyfélportál",
    "Branding, self-registration, public form, sign-in links.": "Arculat, önregisztráció, nyilvános űrlap, bejelentkezési hivatkozások.",
    "Ticket form topics": "A jegyűrlap témái",
    "What customers choose on the new-ticket form.": "Amit az ügyfelek az új jegy űrlapján választanak.",
    "Surveys": "Felmérések",
    "CSAT, NPS and CES: when they are sent, scales, links.": "CSAT, NPS és CES: mikor mennek ki, skálák, hivatkozások.",
    "Survey results": "Felmérések eredményei",
    "CSAT, NPS and CES per agent and group, with comments.": "CSAT, NPS és CES ügyintézőnként és csoportonként, megjegyzésekkel.",
    "Knowledge base categories": "Tudásbázis-kategóriák",
    "The help centre's category tree and FAQs.": "A súgóközpont kategóriafája és GYIK-jei.",
    "Knowledge base": "Tudásbázis",
    "Customer portal: %(url)s (the customer login above)": "Ügyfélportál: %(url)s (a fenti ügyfél-belépési adatokkal)",
    "Help centre: %(url)s": "Súgóközpont: %(url)s",
    "Knowledge base: %(articles)d articles in %(translations)d translations; portal: %(topics)d topics; %(answers)d survey answers.": (
        "Tudásbázis: %(articles)d cikk %(translations)d fordításban; portál: %(topics)d téma; %(answers)d felmérési válasz."
    ),
    "address verified": "cím megerősítve",
    # --- Portal: signing in, registration, sign-in links, account (portal.views_auth, forms_auth, auth_links, api) ---
    "If the address can be used, we have sent it a mail. Please check your inbox.": (
        "Ha a cím használható, küldtünk rá egy e-mailt. Kérjük, nézze meg a postafiókját."
    ),
    "Too many attempts. Please wait a few minutes and try again.": "Túl sok próbálkozás. Kérjük, várjon néhány percet, majd próbálja újra.",
    "Staff sign in with their password.": "A munkatársak jelszóval jelentkeznek be.",
    "Your e-mail address is already confirmed.": "Az e-mail-címe már meg van erősítve.",
    "Too many mails were requested. Please wait a few minutes and try again.": (
        "Túl sok e-mailt kértek. Kérjük, várjon néhány percet, majd próbálja újra."
    ),
    "This link is not valid. It may have been copied incompletely.": "Ez a hivatkozás érvénytelen. Lehet, hogy nem teljesen másolták ki.",
    "This link has expired. Please ask for a new one.": "Ez a hivatkozás lejárt. Kérjen újat.",
    "This link has already been used. Please ask for a new one.": "Ezt a hivatkozást már felhasználták. Kérjen újat.",
    "Your e-mail address is confirmed. Please sign in with your password.": (
        "Az e-mail-címét megerősítettük. Kérjük, jelentkezzen be a jelszavával."
    ),
    "Thank you, your e-mail address is confirmed.": "Köszönjük, az e-mail-címét megerősítettük.",
    "We have sent the mail again.": "Újra elküldtük az e-mailt.",
    "Your account has been saved.": "A fiókja adatait mentettük.",
    "Your password has been changed.": "A jelszava megváltozott.",
    "Your current password is not correct.": "A jelenlegi jelszava nem helyes.",
    "Not correct.": "Nem helyes.",
    "Please check your input.": "Kérjük, ellenőrizze a megadott adatokat.",
    "Verify address": "Cím megerősítése",
    "Your name": "Az Ön neve",
    "Password (optional)": "Jelszó (nem kötelező)",
    "Without a password you sign in with a link we e-mail you.": "Jelszó nélkül egy e-mailben küldött hivatkozással jelentkezhet be.",
    "Leave this empty": "Hagyja üresen",
    "Browser language": "A böngésző nyelve",
    "Account": "Fiók",
    "Your details": "Az Ön adatai",
    "Change password": "Jelszó módosítása",
    "Set a password": "Jelszó beállítása",
    "You sign in with e-mailed links. A password lets you sign in without one.": (
        "Ön e-mailben küldött hivatkozásokkal jelentkezik be. Jelszóval hivatkozás nélkül is bejelentkezhet."
    ),
    "Save password": "Jelszó mentése",
    "This link cannot be used": "Ez a hivatkozás nem használható",
    "Ask for a new link": "Új hivatkozás kérése",
    "Confirm your e-mail address": "Erősítse meg az e-mail-címét",
    "Press the button to confirm your address and sign in.": "Kattintson a gombra a címe megerősítéséhez és a bejelentkezéshez.",
    "Press the button to sign in.": "Kattintson a gombra a bejelentkezéshez.",
    "Confirm and sign in": "Megerősítés és bejelentkezés",
    "Check your mail": "Nézze meg a leveleit",
    "If an account exists for this address, we have sent it a sign-in link. The link works once and only for a short time.": (
        "Ha tartozik fiók ehhez a címhez, elküldtünk rá egy bejelentkezési hivatkozást. A hivatkozás csak egyszer és csak rövid ideig "
        "használható."
    ),
    "No mail after a few minutes? Look in your spam folder, or ask for a new link.": (
        "Néhány perc után sem érkezett meg az e-mail? Nézze meg a levélszemét mappát, vagy kérjen új hivatkozást."
    ),
    "We e-mail you a link that signs you in. No password needed.": (
        "E-mailben küldünk egy hivatkozást, amellyel bejelentkezhet. Nincs szükség jelszóra."
    ),
    "E-mail me a sign-in link": "Bejelentkezési hivatkozás küldése e-mailben",
    "or with your password": "vagy jelszóval",
    "Sign in with password": "Bejelentkezés jelszóval",
    "New here?": "Most jár itt először?",
    "Create an account": "Fiók létrehozása",
    "Check a ticket's status without signing in": "Jegy állapotának ellenőrzése bejelentkezés nélkül",
    "Create account": "Fiók létrehozása",
    "Already have an account?": "Már van fiókja?",
    "We have sent a mail to the address you entered. Open the link in it to confirm your address; then you can see your tickets.": (
        "E-mailt küldtünk a megadott címre. Nyissa meg a benne lévő hivatkozást a címe megerősítéséhez; ezután láthatja a jegyeit."
    ),
    "If you already had an account, the mail contains a sign-in link instead.": (
        "Ha már volt fiókja, az e-mail ehelyett bejelentkezési hivatkozást tartalmaz."
    ),
    "Before we can show your tickets, please confirm that %(address)s is your address: open the link we e-mailed you.": (
        "Mielőtt megmutathatnánk a jegyeit, kérjük, erősítse meg, hogy a(z) %(address)s az Ön címe: nyissa meg az e-mailben küldött "
        "hivatkozást."
    ),
    "Send the mail again": "Az e-mail újraküldése",
    # --- Portal: the sign-in link mail (portal/mail/link.*) -------------------------------------------
    "Your sign-in link": "Az Ön bejelentkezési hivatkozása",
    "Hello %(name)s,": "Tisztelt %(name)s,",
    "Please confirm your e-mail address by opening this link and pressing the button on the page:": (
        "Kérjük, erősítse meg az e-mail-címét: nyissa meg ezt a hivatkozást, és kattintson az oldalon lévő gombra:"
    ),
    "Open this link and press the button on the page to sign in:": (
        "A bejelentkezéshez nyissa meg ezt a hivatkozást, és kattintson az oldalon lévő gombra:"
    ),
    "Confirm my address": "Címem megerősítése",
    "The link works once and expires in %(minutes)s minute.": [
        "A hivatkozás csak egyszer használható, és %(minutes)s perc múlva lejár.",
        "A hivatkozás csak egyszer használható, és %(minutes)s perc múlva lejár.",
    ],
    "If you did not ask for this, you can ignore this e-mail.": "Ha nem Ön kérte, nyugodtan hagyja figyelmen kívül ezt az e-mailt.",
    # --- Portal: status check without signing in (portal.status_check, auth/status.html, acknowledgement mail) ---
    "Ticket number": "Jegyszám",
    "Status code": "Állapotkód",
    "The code from our acknowledgement e-mail.": "A visszaigazoló e-mailünkben szereplő kód.",
    "No ticket matches this number and code.": "Nincs ilyen számú és kódú jegy.",
    "Ticket status": "A jegy állapota",
    "Check a ticket's status": "Jegy állapotának ellenőrzése",
    "Opened": "Megnyitva",
    "Last update": "Utolsó frissítés",
    "First answer": "Első válasz",
    "First answer expected by": "Első válasz várható eddig",
    "Next answer expected by": "Következő válasz várható eddig",
    "Solution expected by": "Megoldás várható eddig",
    "Times are shown in %(zone)s.": "Az időpontok a(z) %(zone)s időzóna szerint jelennek meg.",
    "Sign in to read and answer the conversation.": "Jelentkezzen be a beszélgetés elolvasásához és a válaszadáshoz.",
    "Enter the ticket number and the status code from our acknowledgement e-mail.": (
        "Adja meg a jegyszámot és a visszaigazoló e-mailünkben szereplő állapotkódot."
    ),
    "Show status": "Állapot megjelenítése",
    "Status code for checking this request without signing in: %(status_secret)s": (
        "Állapotkód a kérés bejelentkezés nélküli ellenőrzéséhez: %(status_secret)s"
    ),
    "Check the status": "Állapot ellenőrzése",
    # --- Portal: layout, ticket list and ticket page (portal/base.html, tickets/*, portal.selectors) ---
    "Support": "Ügyfélszolgálat",
    "Skip to content": "Ugrás a tartalomra",
    "Main": "Fő navigáció",
    "My tickets": "Jegyeim",
    "New ticket": "Új jegy",
    "Register": "Regisztráció",
    "All my tickets": "Összes jegyem",
    "Requested by": "Kérelmező",
    "When we answer": "Mikor válaszolunk",
    "Progress": "Előrehaladás",
    "Conversation": "Beszélgetés",
    "No messages yet.": "Még nincsenek üzenetek.",
    "This request was merged into another one of yours; the conversation continues there.": (
        "Ezt a kérést összevontuk egy másik kérésével; a beszélgetés ott folytatódik."
    ),
    "Reply": "Válasz",
    "Writing again reopens this request.": "Ha újra ír, a kérés újra megnyílik.",
    "This request belongs to a colleague in your organization; you can follow it here, and they can reply.": (
        "Ez a kérés egy szervezetbeli kollégájáé; itt követheti, válaszolni ő tud."
    ),
    "My problem is solved: close this request": "A problémám megoldódott: a kérés lezárása",
    "Reopen this request": "A kérés újranyitása",
    "Whose tickets": "Kinek a jegyei",
    "Mine": "Saját",
    "My organization": "Saját szervezetem",
    "a colleague's": "egy kollégáé",
    "No open tickets.": "Nincs nyitott jegy.",
    "No closed tickets.": "Nincs lezárt jegy.",
    "Tell us what you need.": "Mondja el, miben segíthetünk.",
    "In progress": "Folyamatban",
    "Waiting for your reply": "Az Ön válaszára vár",
    "You": "Ön",
    "Support team": "Ügyfélszolgálat",
    "Images from other websites are not shown.": "Más webhelyekről származó képek nem jelennek meg.",
    "We are waiting for your reply. Just answer here when you are ready.": (
        "Az Ön válaszára várunk. Ha készen áll, egyszerűen válaszoljon itt."
    ),
    "Your request is on hold; we will get back to you.": "A kérése fel van függesztve; hamarosan jelentkezünk.",
    "We aim to answer by %(when)s": "Igyekszünk eddig válaszolni: %(when)s",
    "Our answer is taking longer than we planned. We will reply as soon as we can.": (
        "A válaszunk a tervezettnél tovább tart. Amint tudunk, válaszolunk."
    ),
    "We aim to resolve your request by %(when)s": "Igyekszünk eddig megoldani a kérését: %(when)s",
    "Resolving this is taking longer than we planned. We are still working on it.": (
        "A megoldás a tervezettnél tovább tart. Még dolgozunk rajta."
    ),
    "We first answered on %(when)s": "Első válaszunk időpontja: %(when)s",
    "These articles may already answer your question:": "Ezek a cikkek talán már választ adnak a kérdésére:",
    # --- Portal: new-ticket form, replies and state changes (portal.actions, forms_tickets, views_tickets) ---
    "Too many requests. Please try again later.": "Túl sok kérés. Kérjük, próbálja újra később.",
    "You have sent many requests in a short time. Please wait a while and try again.": (
        "Rövid idő alatt sok kérést küldött. Kérjük, várjon egy kicsit, majd próbálja újra."
    ),
    "You have sent many messages in a short time. Please wait a while and try again.": (
        "Rövid idő alatt sok üzenetet küldött. Kérjük, várjon egy kicsit, majd próbálja újra."
    ),
    "At most %(n)d files at once.": "Egyszerre legfeljebb %(n)d fájl.",
    "A file is too large.": "Az egyik fájl túl nagy.",
    "%(name)s is larger than %(n)s bytes.": "%(name)s nagyobb, mint %(n)s bájt.",
    "The files are too large.": "A fájlok túl nagyok.",
    "At most %(n)d MB in total.": "Összesen legfeljebb %(n)d MB.",
    "Please fill in this field.": "Kérjük, töltse ki ezt a mezőt.",
    "Please check the highlighted fields.": "Kérjük, ellenőrizze a kiemelt mezőket.",
    "Please choose a topic.": "Kérjük, válasszon témát.",
    "Unknown or inactive topic.": "Ismeretlen vagy inaktív téma.",
    "Please describe your request.": "Kérjük, írja le a kérését.",
    "Please tell us your name.": "Kérjük, adja meg a nevét.",
    "Please give your e-mail address.": "Kérjük, adja meg az e-mail-címét.",
    "Topic": "Téma",
    "Choose a topic": "Válasszon témát",
    "Your e-mail address": "Az Ön e-mail-címe",
    "Leave this field empty": "Ezt a mezőt hagyja üresen",
    "Your reply": "Az Ön válasza",
    "How can we help?": "Miben segíthetünk?",
    "You are not signed in. We will answer by e-mail; sign in to follow your requests here.": (
        "Nincs bejelentkezve. E-mailben válaszolunk; jelentkezzen be, ha itt szeretné követni a kéréseit."
    ),
    "Send request": "Kérés elküldése",
    "Request received": "A kérés beérkezett",
    "Thank you, we received your request": "Köszönjük, megkaptuk a kérését",
    "Its number is <strong>%(number)s</strong>.": "A száma: <strong>%(number)s</strong>.",
    "Please check your mail: our answers come to the e-mail address you gave, and you can simply reply to them.": (
        "Kérjük, figyelje a leveleit: válaszainkat a megadott e-mail-címre küldjük, és egyszerűen válaszolhat rájuk."
    ),
    "Nothing in your inbox? Look in your spam folder too.": (
        "Nem talál semmit a beérkező levelek között? Nézze meg a levélszemét mappát is."
    ),
    "Send another request": "Újabb kérés küldése",
    "Your reply was sent.": "A válaszát elküldtük.",
    "Your request is closed. Thank you!": "A kérését lezártuk. Köszönjük!",
    "Your request is open again.": "A kérése újra nyitott.",
    "Please check your request and send it again.": "Kérjük, ellenőrizze a kérését, és küldje el újra.",
    "Thank you! We received your request %(number)s.": "Köszönjük! Megkaptuk a(z) %(number)s számú kérését.",
    "Use solved or open.": "Használja a solved vagy az open értéket.",
    # --- Portal settings: branding and access (portal.branding, settings.html) ------------------------
    "A colour must look like #1f5fbf.": "A színt #1f5fbf alakban kell megadni.",
    "Use the form #rrggbb.": "Használja a #rrggbb formátumot.",
    "The logo is too large (at most %(n)s KB).": "A logó túl nagy (legfeljebb %(n)s KB).",
    "The logo must be a PNG, JPEG or WebP image.": "A logónak PNG, JPEG vagy WebP formátumú képnek kell lennie.",
    "Unknown settings: %(names)s.": "Ismeretlen beállítások: %(names)s.",
    "Between 1 and %(n)s minutes.": "1 és %(n)s perc között.",
    "Please correct the settings.": "Kérjük, javítsa a beállításokat.",
    "Only admins can change the portal settings.": "A portál beállításait csak adminisztrátor módosíthatja.",
    "The portal settings have been saved.": "A portál beállításait mentettük.",
    "Name shown to customers": "Az ügyfeleknek megjelenő név",
    "Primary colour": "Elsődleges szín",
    "Accent colour": "Kiemelőszín",
    "Customers may register themselves": "Az ügyfelek maguk is regisztrálhatnak",
    "Signed-out visitors may submit tickets": "Bejelentkezés nélküli látogatók is küldhetnek be jegyet",
    "Sign-in link lifetime (minutes)": "A bejelentkezési hivatkozás érvényessége (perc)",
    "Logo": "Logó",
    "Remove the logo": "Logó eltávolítása",
    "PNG, JPEG or WebP, at most %(kb)s KB. No SVG.": "PNG, JPEG vagy WebP, legfeljebb %(kb)s KB. SVG nem használható.",
    "name shown to customers": "az ügyfeleknek megjelenő név",
    "logo": "logó",
    "primary colour": "elsődleges szín",
    "accent colour": "kiemelőszín",
    "customers may register themselves": "az ügyfelek maguk is regisztrálhatnak",
    "signed-out visitors may submit tickets": "bejelentkezés nélküli látogatók is küldhetnek be jegyet",
    "sign-in link lifetime (minutes)": "a bejelentkezési hivatkozás érvényessége (perc)",
    "Branding": "Arculat",
    "Current logo": "Jelenlegi logó",
    "Access": "Hozzáférés",
    "Customers sign in at": "Az ügyfelek itt jelentkeznek be:",
    # --- Portal settings: new-ticket topics (portal.topics, views_topics, topics/*) -------------------
    "Only admins may change new-ticket topics.": "Az új jegyek témáit csak adminisztrátor módosíthatja.",
    "Topic not found.": "A téma nem található.",
    "Give the names as language code -> name.": "A neveket nyelvkód -> név formában adja meg.",
    "Unknown language. Use one of: %(codes)s.": "Ismeretlen nyelv. Használható: %(codes)s.",
    "Give the topic a name in at least one language.": "Adjon nevet a témának legalább egy nyelven.",
    "Give a list of custom field keys.": "Adja meg az egyéni mezők kulcsainak listáját.",
    "At most %(count)d fields.": "Legfeljebb %(count)d mező.",
    "Unknown or inactive custom field: %(key)s.": "Ismeretlen vagy inaktív egyéni mező: %(key)s.",
    "A required field must also be one of the topic's fields.": "A kötelező mezőnek a téma mezői között is szerepelnie kell.",
    "Please correct the topic.": "Kérjük, javítsa a témát.",
    "Topic created.": "Téma létrehozva.",
    "Topic saved.": "Téma mentve.",
    "Topic deactivated: it is no longer offered on the form.": "Téma inaktiválva: többé nem jelenik meg az űrlapon.",
    "Tickets of this topic go to this group.": "Az ilyen témájú jegyek ehhez a csoporthoz kerülnek.",
    "Fields asked": "Bekért mezők",
    "Custom fields shown on the form.": "Az űrlapon megjelenő egyéni mezők.",
    "Required fields": "Kötelező mezők",
    "Must be filled in; only fields asked.": "Ki kell tölteni; csak bekért mező lehet.",
    "Active (offered on the form)": "Aktív (megjelenik az űrlapon)",
    "Name (%(language)s)": "Név (%(language)s)",
    "names": "nevek",
    "Language code -> name.": "Nyelvkód -> név.",
    "fields": "mezők",
    "Custom field keys asked on the form, in order.": "Az űrlapon bekért egyéni mezők kulcsai, sorrendben.",
    "required fields": "kötelező mezők",
    "New topic": "Új téma",
    "All topics": "Összes téma",
    "Topic %(name)s": "%(name)s téma",
    "Names shown to customers": "Az ügyfeleknek megjelenő nevek",
    "No active custom fields.": "Nincs aktív egyéni mező.",
    "Deactivate topic": "Téma inaktiválása",
    "New-ticket topics": "Új jegyek témái",
    "Customers choose a topic on the portal's new-ticket form. Each topic sends the ticket to a group and asks its own custom fields.": (
        "Az ügyfelek a portál új jegy űrlapján témát választanak. Minden téma egy csoporthoz irányítja a jegyet, és saját egyéni mezőket "
        "kér be."
    ),
    "No topics yet: the form then asks no topic and tickets go to the default group.": (
        "Még nincs téma: ilyenkor az űrlap nem kérdez rá a témára, és a jegyek az alapértelmezett csoporthoz kerülnek."
    ),
    # --- Surveys: settings, invitations and answers (surveys.*, api/routers/surveys.py, surveys/*.html) ---
    "Only admins may change survey settings.": "A felmérések beállításait csak adminisztrátor módosíthatja.",
    "Only supervisors and admins may see survey results.": "A felmérések eredményeit csak csoportvezető és adminisztrátor láthatja.",
    "Only helpdesk staff may see survey answers.": "A felmérésekre adott válaszokat csak ügyfélszolgálati munkatárs láthatja.",
    "Give true or false.": "Adja meg a true vagy a false értéket.",
    "Unknown scale.": "Ismeretlen skála.",
    "Give a whole number from %(low)d to %(high)d.": "Adjon meg egy egész számot %(low)d és %(high)d között.",
    "Please correct the survey settings.": "Kérjük, javítsa a felmérések beállításait.",
    "Choose a start before the end, at most two years apart.": "A kezdet legyen a vége előtt, és legfeljebb két év legyen közöttük.",
    "Invalid period.": "Érvénytelen időszak.",
    "Give a time with a UTC offset.": "Adjon meg UTC-eltolással rendelkező időpontot.",
    "CSAT": "CSAT",
    "NPS": "NPS",
    "CES": "CES",
    "1 to 5": "1–5",
    "Good or bad": "Jó vagy rossz",
    "E-mail and portal": "E-mail és portál",
    "Scheduled": "Ütemezve",
    "Sending": "Küldés alatt",
    "Answered": "Megválaszolva",
    "E-mail link": "E-mailben küldött hivatkozás",
    "The customer has no usable e-mail address": "Az ügyfélnek nincs használható e-mail-címe",
    "The customer is a member of staff": "Az ügyfél munkatárs",
    "The customer is an automatic sender": "Az ügyfél automatikus feladó",
    "The customer is deactivated": "Az ügyfél le van tiltva",
    "The address bounced": "A címről visszapattant a levél",
    "Too many survey mails to this address": "Túl sok felmérési e-mail erre a címre",
    "Ask for satisfaction (CSAT) when a ticket is solved": "Elégedettség (CSAT) megkérdezése, amikor egy jegy megoldódik",
    "CSAT scale": "CSAT-skála",
    "Ask how easy it was (CES, 1 to 7) when a ticket is solved": (
        "Annak megkérdezése, mennyire volt egyszerű (CES, 1–7), amikor egy jegy megoldódik"
    ),
    "Ask how likely customers are to recommend you (NPS, 0 to 10)": (
        "Annak megkérdezése, mennyire valószínű, hogy az ügyfelek ajánlanák Önöket (NPS, 0–10)"
    ),
    "Ask a customer for NPS at most every (days)": "NPS-kérdés ügyfelenként legfeljebb ennyi naponta (nap)",
    "Delay after solving (minutes)": "Késleltetés a megoldás után (perc)",
    "A reopen within the delay cancels the survey of that ticket.": "Ha a jegyet ezen időn belül újranyitják, a felmérés elmarad.",
    "Where to ask": "Hol kérdezzünk",
    "NPS is always asked by e-mail: it belongs to no ticket.": "Az NPS-t mindig e-mailben kérdezzük: nem tartozik jegyhez.",
    "Customers can change their answer for (hours)": "Az ügyfelek ennyi ideig módosíthatják a válaszukat (óra)",
    "Links in survey mails stay valid for (days)": "A felmérési e-mailekben lévő hivatkozások érvényessége (nap)",
    "All my groups": "Összes saját csoportom",
    "The end is before the start.": "A vége a kezdete előtt van.",
    "Choose at most two years.": "Legfeljebb két évet válasszon.",
    "ask for satisfaction (CSAT) after a ticket is solved": "elégedettség (CSAT) megkérdezése a jegy megoldása után",
    "ask for effort (CES) after a ticket is solved": "ráfordítás (CES) megkérdezése a jegy megoldása után",
    "ask for the likelihood to recommend (NPS) periodically": "az ajánlási hajlandóság (NPS) rendszeres megkérdezése",
    "delay after solving (minutes)": "késleltetés a megoldás után (perc)",
    "answers can be changed for (hours)": "a válaszok ennyi ideig módosíthatók (óra)",
    "links stay valid for (days)": "a hivatkozások érvényessége (nap)",
    "ask a customer for NPS at most every (days)": "NPS-kérdés ügyfelenként legfeljebb ennyi naponta (nap)",
    "scale": "skála",
    "score": "pontszám",
    "comment": "megjegyzés",
    "answered via": "válasz módja",
    "answered": "megválaszolva",
    "changed": "módosítva",
    "Survey settings saved.": "A felmérések beállításai mentve.",
    "Goes out": "Kiküldés",
    "Survey settings": "Felmérések beállításai",
    "Show": "Megjelenítés",
    "Answers given from %(start)s to %(end)s; response rates of the surveys sent in that time.": (
        "%(start)s és %(end)s között adott válaszok; az ebben az időszakban kiküldött felmérések válaszadási aránya."
    ),
    "%(satisfied)s of %(answers)s answers satisfied": "%(answers)s válaszból %(satisfied)s elégedett",
    "Response rate": "Válaszadási arány",
    "%(p)s promoters, %(n)s passives, %(d)s detractors": "%(p)s ajánló, %(n)s semleges, %(d)s kritikus",
    "average of %(answers)s answers (1 to 7)": "%(answers)s válasz átlaga (1–7)",
    "%(easy)s %% found it easy": "%(easy)s %% szerint egyszerű volt",
    "Per agent": "Ügyintézőnként",
    "Answers": "Válaszok",
    "No surveys in this period.": "Ebben az időszakban nem volt felmérés.",
    "Per group": "Csoportonként",
    "No group": "Nincs csoport",
    "Recent comments": "Legutóbbi megjegyzések",
    "No comments in this period.": "Ebben az időszakban nem érkezett megjegyzés.",
    "CSAT: the share of answers of 4 or 5 (or good). NPS: promoters (9-10) minus detractors (0-6), in percent of the answers. CES: the "
    "average answer from 1 (strongly disagree) to 7 (strongly agree) that solving the issue was easy. Response rate: the answered share of "
    "the surveys sent.": (
        "CSAT: a 4-es vagy 5-ös (illetve „jó”) válaszok aránya. NPS: az ajánlók (9–10) és a kritikusok (0–6) arányának különbsége a "
        "válaszok százalékában. CES: annak az állításnak az átlagos értékelése 1-től (egyáltalán nem értek egyet) 7-ig (teljesen "
        "egyetértek), hogy a probléma megoldása egyszerű volt. Válaszadási arány: a kiküldött felmérések közül a megválaszoltak aránya."
    ),
    "Results": "Eredmények",
    "After a ticket is solved, its customer gets a one-click rating by mail and in the portal. A reopen before the survey goes out cancels "
    "it; a ticket is asked once.": (
        "Miután egy jegy megoldódott, az ügyfél e-mailben és a portálon egy kattintással értékelheti. Ha a jegyet a felmérés kiküldése "
        "előtt újranyitják, a felmérés elmarad; egy jegyre csak egyszer kérdezünk rá."
    ),
    "Last changed by %(who)s on %(when)s.": "Utoljára módosította: %(who)s, %(when)s.",
    "Question": "Kérdés",
    "Answer": "Válasz",
    "start of a period\x04From": "Ettől",
    "end of a period\x04To": "Eddig",
}
