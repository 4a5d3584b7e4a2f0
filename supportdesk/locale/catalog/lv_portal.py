"""Latvian translations of the self-service apps: the customer portal (sign-in links, registration, status
check, ticket list and page, new-ticket form and topics, branding), the help centre and knowledge base (categories,
articles, translations, versions, review, editor, composer panel, feedback) and the CSAT/NPS/CES surveys; merged
into lv.TRANSLATIONS and split out only to keep each table file short.

Terms: klientu portāls, palīdzības centrs (help centre), zināšanu bāze (knowledge base), raksts (article), tulkojums,
kategorija, melnraksts (draft), pārskatīšana (review), pārskatītājs (reviewer), publicēt, arhivēt, tēma (topic),
pieteikšanās saite (sign-in link), statusa kods, pieprasījums (a customer's request), aptauja (survey), atbildētības
rādītājs (response rate), atbalstītāji/neitrālie/kritiķi (NPS), BUJ (FAQ)."""

PORTAL: dict[str, str | list[str]] = {
    # --- Settings page, top bar and demo commands (settings_hub, base.html, demo, load_demo) ----------
    "Self-service": "Pašapkalpošanās",
    "Customer portal": "Klientu portāls",
    "Branding, self-registration, public form, sign-in links.": (
        "Zīmola noformējums, pašreģistrācija, publiskā veidlapa, pieteikšanās saites."
    ),
    "Ticket form topics": "Pieteikuma veidlapas tēmas",
    "What customers choose on the new-ticket form.": "Ko klienti izvēlas jauna pieteikuma veidlapā.",
    "Surveys": "Aptaujas",
    "CSAT, NPS and CES: when they are sent, scales, links.": "CSAT, NPS un CES: kad tās tiek sūtītas, skalas, saites.",
    "Survey results": "Aptauju rezultāti",
    "CSAT, NPS and CES per agent and group, with comments.": "CSAT, NPS un CES pa aģentiem un grupām, ar komentāriem.",
    "Knowledge base categories": "Zināšanu bāzes kategorijas",
    "The help centre's category tree and FAQs.": "Palīdzības centra kategoriju koks un BUJ.",
    "Knowledge base": "Zināšanu bāze",
    "Customer portal: %(url)s (the customer login above)": (
        "Klientu portāls: %(url)s (ar iepriekš norādītajiem klienta pieteikšanās datiem)"
    ),
    "Help centre: %(url)s": "Palīdzības centrs: %(url)s",
    "Knowledge base: %(articles)d articles in %(translations)d translations; portal: %(topics)d topics; %(answers)d survey answers.": (
        "Zināšanu bāze: raksti: %(articles)d, tulkojumi: %(translations)d; portāls: tēmas: %(topics)d; aptauju atbildes: %(answers)d."
    ),
    "address verified": "adrese apstiprināta",
    # --- Portal: signing in, registration, sign-in links, account (portal.views_auth, forms_auth, auth_links, api) ---
    "If the address can be used, we have sent it a mail. Please check your inbox.": (
        "Ja adresi var izmantot, mēs uz to nosūtījām e-pastu. Lūdzu, pārbaudiet savu iesūtni."
    ),
    "Too many attempts. Please wait a few minutes and try again.": (
        "Pārāk daudz mēģinājumu. Lūdzu, uzgaidiet dažas minūtes un mēģiniet vēlreiz."
    ),
    "Staff sign in with their password.": "Darbinieki piesakās ar savu paroli.",
    "Your e-mail address is already confirmed.": "Jūsu e-pasta adrese jau ir apstiprināta.",
    "Too many mails were requested. Please wait a few minutes and try again.": (
        "Pieprasīts pārāk daudz e-pastu. Lūdzu, uzgaidiet dažas minūtes un mēģiniet vēlreiz."
    ),
    "This link is not valid. It may have been copied incompletely.": "Šī saite nav derīga. Iespējams, tā nav nokopēta pilnībā.",
    "This link has expired. Please ask for a new one.": "Šīs saites derīguma termiņš ir beidzies. Lūdzu, pieprasiet jaunu.",
    "This link has already been used. Please ask for a new one.": "Šī saite jau ir izmantota. Lūdzu, pieprasiet jaunu.",
    "Your e-mail address is confirmed. Please sign in with your password.": (
        "Jūsu e-pasta adrese ir apstiprināta. Lūdzu, piesakieties ar savu paroli."
    ),
    "Thank you, your e-mail address is confirmed.": "Paldies, Jūsu e-pasta adrese ir apstiprināta.",
    "We have sent the mail again.": "Mēs nosūtījām e-pastu vēlreiz.",
    "Your account has been saved.": "Jūsu konts ir saglabāts.",
    "Your password has been changed.": "Jūsu parole ir nomainīta.",
    "Your current password is not correct.": "Jūsu pašreizējā parole nav pareiza.",
    "Not correct.": "Nav pareizi.",
    "Please check your input.": "Lūdzu, pārbaudiet ievadīto informāciju.",
    "Verify address": "Apstiprināt adresi",
    "Your name": "Jūsu vārds",
    "Password (optional)": "Parole (neobligāta)",
    "Without a password you sign in with a link we e-mail you.": "Bez paroles Jūs piesakāties ar saiti, ko nosūtām uz Jūsu e-pastu.",
    "Leave this empty": "Atstājiet tukšu",
    "Browser language": "Pārlūkprogrammas valoda",
    "Account": "Konts",
    "Your details": "Jūsu dati",
    "Change password": "Mainīt paroli",
    "Set a password": "Iestatīt paroli",
    "You sign in with e-mailed links. A password lets you sign in without one.": (
        "Jūs piesakāties ar saitēm, kas nosūtītas pa e-pastu. Ar paroli varat pieteikties arī bez tām."
    ),
    "Save password": "Saglabāt paroli",
    "This link cannot be used": "Šo saiti nevar izmantot",
    "Ask for a new link": "Pieprasīt jaunu saiti",
    "Confirm your e-mail address": "Apstipriniet savu e-pasta adresi",
    "Press the button to confirm your address and sign in.": "Nospiediet pogu, lai apstiprinātu savu adresi un pieteiktos.",
    "Press the button to sign in.": "Nospiediet pogu, lai pieteiktos.",
    "Confirm and sign in": "Apstiprināt un pieteikties",
    "Check your mail": "Pārbaudiet savu e-pastu",
    "If an account exists for this address, we have sent it a sign-in link. The link works once and only for a short time.": (
        "Ja šai adresei ir konts, mēs uz to nosūtījām pieteikšanās saiti. Saite darbojas tikai vienu reizi un tikai īsu laiku."
    ),
    "No mail after a few minutes? Look in your spam folder, or ask for a new link.": (
        "Pēc dažām minūtēm e-pasts nav saņemts? Pārbaudiet surogātpasta mapi vai pieprasiet jaunu saiti."
    ),
    "We e-mail you a link that signs you in. No password needed.": (
        "Mēs nosūtīsim Jums pa e-pastu saiti, ar kuru varēsiet pieteikties. Parole nav vajadzīga."
    ),
    "E-mail me a sign-in link": "Nosūtīt man pieteikšanās saiti",
    "or with your password": "vai ar paroli",
    "Sign in with password": "Pieteikties ar paroli",
    "New here?": "Esat šeit pirmo reizi?",
    "Create an account": "Izveidot kontu",
    "Check a ticket's status without signing in": "Pārbaudīt pieteikuma statusu bez pieteikšanās",
    "Create account": "Izveidot kontu",
    "Already have an account?": "Jums jau ir konts?",
    "We have sent a mail to the address you entered. Open the link in it to confirm your address; then you can see your tickets.": (
        "Mēs nosūtījām e-pastu uz norādīto adresi. Atveriet tajā esošo saiti, lai apstiprinātu savu adresi; pēc tam redzēsiet savus "
        "pieteikumus."
    ),
    "If you already had an account, the mail contains a sign-in link instead.": (
        "Ja Jums jau bija konts, e-pastā tā vietā ir pieteikšanās saite."
    ),
    "Before we can show your tickets, please confirm that %(address)s is your address: open the link we e-mailed you.": (
        "Pirms varam parādīt Jūsu pieteikumus, lūdzu, apstipriniet, ka %(address)s ir Jūsu adrese: atveriet saiti, ko nosūtījām pa e-pastu."
    ),
    "Send the mail again": "Nosūtīt e-pastu vēlreiz",
    # --- Portal: the sign-in link mail (portal/mail/link.*) -------------------------------------------
    "Your sign-in link": "Jūsu pieteikšanās saite",
    "Hello %(name)s,": "Labdien, %(name)s!",
    "Please confirm your e-mail address by opening this link and pressing the button on the page:": (
        "Lūdzu, apstipriniet savu e-pasta adresi, atverot šo saiti un nospiežot pogu lapā:"
    ),
    "Open this link and press the button on the page to sign in:": "Lai pieteiktos, atveriet šo saiti un nospiediet pogu lapā:",
    "Confirm my address": "Apstiprināt manu adresi",
    "The link works once and expires in %(minutes)s minute.": [
        "Saite darbojas tikai vienu reizi un zaudē derīgumu pēc %(minutes)s minūtes.",
        "Saite darbojas tikai vienu reizi un zaudē derīgumu pēc %(minutes)s minūtēm.",
        "Saite darbojas tikai vienu reizi un zaudē derīgumu pēc %(minutes)s minūtēm.",
    ],
    "If you did not ask for this, you can ignore this e-mail.": "Ja to nepieprasījāt Jūs, šo e-pastu varat neņemt vērā.",
    # --- Portal: status check without signing in (portal.status_check, auth/status.html, acknowledgement mail) ---
    "Ticket number": "Pieteikuma numurs",
    "Status code": "Statusa kods",
    "The code from our acknowledgement e-mail.": "Kods no mūsu saņemšanas apstiprinājuma e-pasta.",
    "No ticket matches this number and code.": "Nav pieteikuma ar šādu numuru un kodu.",
    "Ticket status": "Pieteikuma statuss",
    "Check a ticket's status": "Pārbaudīt pieteikuma statusu",
    "Opened": "Atvērts",
    "Last update": "Pēdējās izmaiņas",
    "First answer": "Pirmā atbilde",
    "First answer expected by": "Pirmā atbilde gaidāma līdz",
    "Next answer expected by": "Nākamā atbilde gaidāma līdz",
    "Solution expected by": "Risinājums gaidāms līdz",
    "Times are shown in %(zone)s.": "Laiki ir norādīti laika joslā %(zone)s.",
    "Sign in to read and answer the conversation.": "Piesakieties, lai lasītu saraksti un atbildētu.",
    "Enter the ticket number and the status code from our acknowledgement e-mail.": (
        "Ievadiet pieteikuma numuru un statusa kodu no mūsu saņemšanas apstiprinājuma e-pasta."
    ),
    "Show status": "Rādīt statusu",
    "Status code for checking this request without signing in: %(status_secret)s": (
        "Statusa kods šī pieprasījuma pārbaudei bez pieteikšanās: %(status_secret)s"
    ),
    "Check the status": "Pārbaudīt statusu",
    # --- Portal: layout, ticket list and ticket page (portal/base.html, tickets/*, portal.selectors) ---
    "Support": "Atbalsts",
    "Skip to content": "Pāriet uz saturu",
    "Main": "Galvenā navigācija",
    "My tickets": "Mani pieteikumi",
    "New ticket": "Jauns pieteikums",
    "Register": "Reģistrēties",
    "All my tickets": "Visi mani pieteikumi",
    "Requested by": "Pieprasītājs",
    "When we answer": "Kad mēs atbildēsim",
    "Progress": "Norise",
    "Conversation": "Sarakste",
    "No messages yet.": "Ziņojumu vēl nav.",
    "This request was merged into another one of yours; the conversation continues there.": (
        "Šis pieprasījums ir apvienots ar citu Jūsu pieprasījumu; sarakste turpinās tur."
    ),
    "Reply": "Atbildēt",
    "Writing again reopens this request.": "Ja rakstīsiet vēlreiz, šis pieprasījums tiks atkārtoti atvērts.",
    "This request belongs to a colleague in your organization; you can follow it here, and they can reply.": (
        "Šis pieprasījums pieder kolēģim no Jūsu organizācijas; Jūs varat tam sekot šeit, bet atbildēt var kolēģis."
    ),
    "My problem is solved: close this request": "Mana problēma ir atrisināta: slēgt šo pieprasījumu",
    "Reopen this request": "Atkārtoti atvērt šo pieprasījumu",
    "Whose tickets": "Kuru pieteikumi",
    "Mine": "Mani",
    "My organization": "Mana organizācija",
    "a colleague's": "kolēģa",
    "No open tickets.": "Nav atvērtu pieteikumu.",
    "No closed tickets.": "Nav slēgtu pieteikumu.",
    "Tell us what you need.": "Pastāstiet mums, kas Jums nepieciešams.",
    "In progress": "Tiek apstrādāts",
    "Waiting for your reply": "Gaida Jūsu atbildi",
    "You": "Jūs",
    "Support team": "Atbalsta komanda",
    "Images from other websites are not shown.": "Attēli no citām vietnēm netiek rādīti.",
    "We are waiting for your reply. Just answer here when you are ready.": (
        "Mēs gaidām Jūsu atbildi. Kad varēsiet, vienkārši atbildiet šeit."
    ),
    "Your request is on hold; we will get back to you.": "Jūsu pieprasījums ir aizturēts; mēs ar Jums sazināsimies.",
    "We aim to answer by %(when)s": "Mēs plānojam atbildēt līdz %(when)s",
    "Our answer is taking longer than we planned. We will reply as soon as we can.": (
        "Mūsu atbilde aizkavējas ilgāk, nekā plānots. Mēs atbildēsim, tiklīdz varēsim."
    ),
    "We aim to resolve your request by %(when)s": "Mēs plānojam atrisināt Jūsu pieprasījumu līdz %(when)s",
    "Resolving this is taking longer than we planned. We are still working on it.": (
        "Risinājums aizņem vairāk laika, nekā plānots. Mēs joprojām pie tā strādājam."
    ),
    "We first answered on %(when)s": "Mūsu pirmā atbilde: %(when)s",
    "These articles may already answer your question:": "Iespējams, šie raksti jau atbild uz Jūsu jautājumu:",
    # --- Portal: new-ticket form, replies and state changes (portal.actions, forms_tickets, views_tickets) ---
    "Too many requests. Please try again later.": "Pārāk daudz pieprasījumu. Lūdzu, mēģiniet vēlāk vēlreiz.",
    "You have sent many requests in a short time. Please wait a while and try again.": (
        "Jūs īsā laikā nosūtījāt daudz pieprasījumu. Lūdzu, nedaudz uzgaidiet un mēģiniet vēlreiz."
    ),
    "You have sent many messages in a short time. Please wait a while and try again.": (
        "Jūs īsā laikā nosūtījāt daudz ziņojumu. Lūdzu, nedaudz uzgaidiet un mēģiniet vēlreiz."
    ),
    "At most %(n)d files at once.": "Ne vairāk kā %(n)d faili vienlaikus.",
    "A file is too large.": "Kāds no failiem ir pārāk liels.",
    "%(name)s is larger than %(n)s bytes.": "%(name)s ir lielāks par %(n)s baitiem.",
    "The files are too large.": "Faili ir pārāk lieli.",
    "At most %(n)d MB in total.": "Kopā ne vairāk kā %(n)d MB.",
    "Please fill in this field.": "Lūdzu, aizpildiet šo lauku.",
    "Please check the highlighted fields.": "Lūdzu, pārbaudiet iezīmētos laukus.",
    "Please choose a topic.": "Lūdzu, izvēlieties tēmu.",
    "Unknown or inactive topic.": "Nezināma vai neaktīva tēma.",
    "Please describe your request.": "Lūdzu, aprakstiet savu pieprasījumu.",
    "Please tell us your name.": "Lūdzu, norādiet savu vārdu.",
    "Please give your e-mail address.": "Lūdzu, norādiet savu e-pasta adresi.",
    "Topic": "Tēma",
    "Choose a topic": "Izvēlieties tēmu",
    "Your e-mail address": "Jūsu e-pasta adrese",
    "Leave this field empty": "Atstājiet šo lauku tukšu",
    "Your reply": "Jūsu atbilde",
    "How can we help?": "Kā varam palīdzēt?",
    "You are not signed in. We will answer by e-mail; sign in to follow your requests here.": (
        "Jūs neesat pieteikušies. Mēs atbildēsim pa e-pastu; piesakieties, lai sekotu saviem pieprasījumiem šeit."
    ),
    "Send request": "Nosūtīt pieprasījumu",
    "Request received": "Pieprasījums saņemts",
    "Thank you, we received your request": "Paldies, mēs saņēmām Jūsu pieprasījumu",
    "Its number is <strong>%(number)s</strong>.": "Tā numurs ir <strong>%(number)s</strong>.",
    "Please check your mail: our answers come to the e-mail address you gave, and you can simply reply to them.": (
        "Lūdzu, sekojiet savam e-pastam: mūsu atbildes tiks sūtītas uz norādīto e-pasta adresi, un Jūs varat uz tām vienkārši atbildēt."
    ),
    "Nothing in your inbox? Look in your spam folder too.": "Iesūtnē nekā nav? Pārbaudiet arī surogātpasta mapi.",
    "Send another request": "Nosūtīt vēl vienu pieprasījumu",
    "Your reply was sent.": "Jūsu atbilde ir nosūtīta.",
    "Your request is closed. Thank you!": "Jūsu pieprasījums ir slēgts. Paldies!",
    "Your request is open again.": "Jūsu pieprasījums ir atkal atvērts.",
    "Please check your request and send it again.": "Lūdzu, pārbaudiet savu pieprasījumu un nosūtiet to vēlreiz.",
    "Thank you! We received your request %(number)s.": "Paldies! Mēs saņēmām Jūsu pieprasījumu %(number)s.",
    "Use solved or open.": "Izmantojiet solved vai open.",
    # --- Portal settings: branding and access (portal.branding, settings.html) ------------------------
    "A colour must look like #1f5fbf.": "Krāsai jābūt šādā formā: #1f5fbf.",
    "Use the form #rrggbb.": "Izmantojiet formātu #rrggbb.",
    "The logo is too large (at most %(n)s KB).": "Logotips ir pārāk liels (ne vairāk kā %(n)s KB).",
    "The logo must be a PNG, JPEG or WebP image.": "Logotipam jābūt PNG, JPEG vai WebP attēlam.",
    "Unknown settings: %(names)s.": "Nezināmi iestatījumi: %(names)s.",
    "Between 1 and %(n)s minutes.": "No 1 līdz %(n)s minūtēm.",
    "Please correct the settings.": "Lūdzu, izlabojiet iestatījumus.",
    "Only admins can change the portal settings.": "Portāla iestatījumus var mainīt tikai administratori.",
    "The portal settings have been saved.": "Portāla iestatījumi ir saglabāti.",
    "Name shown to customers": "Klientiem rādītais nosaukums",
    "Primary colour": "Pamatkrāsa",
    "Accent colour": "Akcenta krāsa",
    "Customers may register themselves": "Klienti drīkst reģistrēties paši",
    "Signed-out visitors may submit tickets": "Nepieteikušies apmeklētāji drīkst iesniegt pieteikumus",
    "Sign-in link lifetime (minutes)": "Pieteikšanās saites derīguma laiks (minūtes)",
    "Logo": "Logotips",
    "Remove the logo": "Noņemt logotipu",
    "PNG, JPEG or WebP, at most %(kb)s KB. No SVG.": "PNG, JPEG vai WebP, ne vairāk kā %(kb)s KB. SVG nav atļauts.",
    "name shown to customers": "klientiem rādītais nosaukums",
    "logo": "logotips",
    "primary colour": "pamatkrāsa",
    "accent colour": "akcenta krāsa",
    "customers may register themselves": "klienti drīkst reģistrēties paši",
    "signed-out visitors may submit tickets": "nepieteikušies apmeklētāji drīkst iesniegt pieteikumus",
    "sign-in link lifetime (minutes)": "pieteikšanās saites derīguma laiks (minūtes)",
    "Branding": "Zīmola noformējums",
    "Current logo": "Pašreizējais logotips",
    "Access": "Piekļuve",
    "Customers sign in at": "Klienti piesakās adresē",
    # --- Portal settings: new-ticket topics (portal.topics, views_topics, topics/*) -------------------
    "Only admins may change new-ticket topics.": "Jaunu pieteikumu tēmas drīkst mainīt tikai administratori.",
    "Topic not found.": "Tēma nav atrasta.",
    "Give the names as language code -> name.": "Norādiet nosaukumus formā valodas kods -> nosaukums.",
    "Unknown language. Use one of: %(codes)s.": "Nezināma valoda. Izmantojiet vienu no: %(codes)s.",
    "Give the topic a name in at least one language.": "Norādiet tēmas nosaukumu vismaz vienā valodā.",
    "Give a list of custom field keys.": "Norādiet pielāgoto lauku atslēgu sarakstu.",
    "At most %(count)d fields.": "Ne vairāk kā %(count)d lauki.",
    "Unknown or inactive custom field: %(key)s.": "Nezināms vai neaktīvs pielāgotais lauks: %(key)s.",
    "A required field must also be one of the topic's fields.": "Obligātajam laukam jābūt arī starp tēmas laukiem.",
    "Please correct the topic.": "Lūdzu, izlabojiet tēmu.",
    "Topic created.": "Tēma izveidota.",
    "Topic saved.": "Tēma saglabāta.",
    "Topic deactivated: it is no longer offered on the form.": "Tēma deaktivizēta: tā vairs netiek piedāvāta veidlapā.",
    "Tickets of this topic go to this group.": "Šīs tēmas pieteikumi tiek nodoti šai grupai.",
    "Fields asked": "Prasītie lauki",
    "Custom fields shown on the form.": "Veidlapā rādītie pielāgotie lauki.",
    "Required fields": "Obligātie lauki",
    "Must be filled in; only fields asked.": "Jāaizpilda obligāti; tikai no prasītajiem laukiem.",
    "Active (offered on the form)": "Aktīva (piedāvāta veidlapā)",
    "Name (%(language)s)": "Nosaukums (%(language)s)",
    "names": "nosaukumi",
    "Language code -> name.": "Valodas kods -> nosaukums.",
    "fields": "lauki",
    "Custom field keys asked on the form, in order.": "Veidlapā prasīto pielāgoto lauku atslēgas secībā.",
    "required fields": "obligātie lauki",
    "New topic": "Jauna tēma",
    "All topics": "Visas tēmas",
    "Topic %(name)s": "Tēma %(name)s",
    "Names shown to customers": "Klientiem rādītie nosaukumi",
    "No active custom fields.": "Nav aktīvu pielāgoto lauku.",
    "Deactivate topic": "Deaktivizēt tēmu",
    "New-ticket topics": "Jaunu pieteikumu tēmas",
    "Customers choose a topic on the portal's new-ticket form. Each topic sends the ticket to a group and asks its own custom fields.": (
        "Klienti portāla jauna pieteikuma veidlapā izvēlas tēmu. Katra tēma nosūta pieteikumu grupai un prasa savus pielāgotos laukus."
    ),
    "No topics yet: the form then asks no topic and tickets go to the default group.": (
        "Vēl nav tēmu: tad veidlapa tēmu neprasa, un pieteikumi nonāk noklusējuma grupā."
    ),
    # --- Surveys: settings, invitations and answers (surveys.*, api/routers/surveys.py, surveys/*.html) ---
    "Only admins may change survey settings.": "Aptauju iestatījumus drīkst mainīt tikai administratori.",
    "Only supervisors and admins may see survey results.": "Aptauju rezultātus drīkst skatīt tikai vadītāji un administratori.",
    "Only helpdesk staff may see survey answers.": "Aptauju atbildes drīkst skatīt tikai atbalsta dienesta darbinieki.",
    "Give true or false.": "Norādiet true vai false.",
    "Unknown scale.": "Nezināma skala.",
    "Give a whole number from %(low)d to %(high)d.": "Norādiet veselu skaitli no %(low)d līdz %(high)d.",
    "Please correct the survey settings.": "Lūdzu, izlabojiet aptauju iestatījumus.",
    "Choose a start before the end, at most two years apart.": "Izvēlieties sākumu pirms beigām, ne vairāk kā divus gadus pirms tām.",
    "Invalid period.": "Nederīgs periods.",
    "Give a time with a UTC offset.": "Norādiet laiku ar UTC nobīdi.",
    "CSAT": "CSAT",
    "NPS": "NPS",
    "CES": "CES",
    "1 to 5": "No 1 līdz 5",
    "Good or bad": "Labi vai slikti",
    "E-mail and portal": "E-pasts un portāls",
    "Scheduled": "Ieplānots",
    "Sending": "Tiek sūtīts",
    "Answered": "Atbildēts",
    "E-mail link": "E-pasta saite",
    "The customer has no usable e-mail address": "Klientam nav izmantojamas e-pasta adreses",
    "The customer is a member of staff": "Klients ir darbinieks",
    "The customer is an automatic sender": "Klients ir automātisks sūtītājs",
    "The customer is deactivated": "Klients ir deaktivizēts",
    "The address bounced": "Piegāde uz adresi tika atteikta",
    "Too many survey mails to this address": "Pārāk daudz aptauju e-pastu uz šo adresi",
    "Ask for satisfaction (CSAT) when a ticket is solved": "Jautāt par apmierinātību (CSAT), kad pieteikums ir atrisināts",
    "CSAT scale": "CSAT skala",
    "Ask how easy it was (CES, 1 to 7) when a ticket is solved": (
        "Jautāt, cik viegli tas bija (CES, no 1 līdz 7), kad pieteikums ir atrisināts"
    ),
    "Ask how likely customers are to recommend you (NPS, 0 to 10)": (
        "Jautāt, cik ticams, ka klienti ieteiks Jūsu uzņēmumu (NPS, no 0 līdz 10)"
    ),
    "Ask a customer for NPS at most every (days)": "Jautāt klientam par NPS ne biežāk kā reizi (dienās)",
    "Delay after solving (minutes)": "Aizture pēc atrisināšanas (minūtes)",
    "A reopen within the delay cancels the survey of that ticket.": (
        "Ja pieteikums šajā laikā tiek atkārtoti atvērts, tā aptauja tiek atcelta."
    ),
    "Where to ask": "Kur jautāt",
    "NPS is always asked by e-mail: it belongs to no ticket.": "NPS vienmēr tiek jautāts pa e-pastu: tas nav saistīts ar pieteikumu.",
    "Customers can change their answer for (hours)": "Cik ilgi klienti var mainīt savu atbildi (stundas)",
    "Links in survey mails stay valid for (days)": "Aptauju e-pastu saites ir derīgas (dienas)",
    "All my groups": "Visas manas grupas",
    "The end is before the start.": "Beigas ir pirms sākuma.",
    "Choose at most two years.": "Izvēlieties ne vairāk kā divus gadus.",
    "ask for satisfaction (CSAT) after a ticket is solved": "jautāt par apmierinātību (CSAT) pēc pieteikuma atrisināšanas",
    "ask for effort (CES) after a ticket is solved": "jautāt par piepūli (CES) pēc pieteikuma atrisināšanas",
    "ask for the likelihood to recommend (NPS) periodically": "periodiski jautāt par ieteikšanas varbūtību (NPS)",
    "delay after solving (minutes)": "aizture pēc atrisināšanas (minūtes)",
    "answers can be changed for (hours)": "cik ilgi atbildes var mainīt (stundas)",
    "links stay valid for (days)": "saites derīgas (dienas)",
    "ask a customer for NPS at most every (days)": "jautāt klientam par NPS ne biežāk kā reizi (dienās)",
    "scale": "skala",
    "score": "vērtējums",
    "comment": "komentārs",
    "answered via": "atbildes kanāls",
    "answered": "atbildēts",
    "changed": "mainīts",
    "Survey settings saved.": "Aptauju iestatījumi saglabāti.",
    "Goes out": "Tiks nosūtīts",
    "Survey settings": "Aptauju iestatījumi",
    "Show": "Rādīt",
    "Answers given from %(start)s to %(end)s; response rates of the surveys sent in that time.": (
        "Atbildes, kas sniegtas no %(start)s līdz %(end)s; šajā laikā nosūtīto aptauju atbildētības rādītāji."
    ),
    "%(satisfied)s of %(answers)s answers satisfied": "%(satisfied)s no %(answers)s atbildēm apmierinātas",
    "Response rate": "Atbildētības rādītājs",
    "%(p)s promoters, %(n)s passives, %(d)s detractors": "atbalstītāji: %(p)s, neitrālie: %(n)s, kritiķi: %(d)s",
    "average of %(answers)s answers (1 to 7)": "vidējais no %(answers)s atbildēm (no 1 līdz 7)",
    "%(easy)s %% found it easy": "%(easy)s %% to uzskatīja par vienkāršu",
    "Per agent": "Pa aģentiem",
    "Answers": "Atbildes",
    "No surveys in this period.": "Šajā periodā nav aptauju.",
    "Per group": "Pa grupām",
    "No group": "Bez grupas",
    "Recent comments": "Jaunākie komentāri",
    "No comments in this period.": "Šajā periodā nav komentāru.",
    "CSAT: the share of answers of 4 or 5 (or good). NPS: promoters (9-10) minus detractors (0-6), in percent of the answers. CES: the "
    "average answer from 1 (strongly disagree) to 7 (strongly agree) that solving the issue was easy. Response rate: the answered share of "
    "the surveys sent.": (
        "CSAT: atbilžu ar vērtējumu 4 vai 5 (vai “labi”) īpatsvars. NPS: atbalstītāji (9–10) mīnus kritiķi (0–6), procentos no atbildēm. "
        "CES: vidējā atbilde no 1 (pilnīgi nepiekrītu) līdz 7 (pilnīgi piekrītu) uz apgalvojumu, ka problēmas atrisināšana bija vienkārša. "
        "Atbildētības rādītājs: atbildēto aptauju īpatsvars no nosūtītajām."
    ),
    "Results": "Rezultāti",
    "After a ticket is solved, its customer gets a one-click rating by mail and in the portal. A reopen before the survey goes out cancels "
    "it; a ticket is asked once.": (
        "Kad pieteikums ir atrisināts, klients e-pastā un portālā var to novērtēt ar vienu klikšķi. Ja pieteikums tiek atkārtoti atvērts "
        "pirms aptaujas nosūtīšanas, aptauja tiek atcelta; par katru pieteikumu jautā tikai vienreiz."
    ),
    "Last changed by %(who)s on %(when)s.": "Pēdējo reizi mainīja %(who)s %(when)s.",
    "Question": "Jautājums",
    "Answer": "Atbilde",
    "start of a period\x04From": "No",
    "end of a period\x04To": "Līdz",
}
