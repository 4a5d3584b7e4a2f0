"""Latvian translations of the SLA: calendars (working hours, closed and extra days, public holidays,
business-time errors), policies and their admin pages, clocks and timeline sentences, warnings,
escalations, notifications and webhooks, the inbox column and the ticket panel; merged into
lv.TRANSLATIONS and split out only to keep each table file short."""

SLA: dict[str, str | list[str]] = {
    # --- Calendar API and validation ---------------------------------------------------------------
    "Times must lie between 00:00 and 24:00.": "Laikiem jābūt no 00:00 līdz 24:00.",
    "Please correct the calendar.": "Lūdzu, izlabojiet kalendāru.",
    "Give the time with its UTC offset.": "Norādiet laiku kopā ar tā UTC nobīdi.",
    "A UTC offset is required.": "Jānorāda UTC nobīde.",
    "Please correct the time.": "Lūdzu, izlabojiet laiku.",
    "Out of range.": "Ārpus pieļaujamā diapazona.",
    "Only admins may change calendars.": "Kalendārus drīkst mainīt tikai administratori.",
    "Required.": "Obligāts.",
    "A calendar with this name exists already.": "Kalendārs ar šo nosaukumu jau pastāv.",
    "Another calendar was made the default at the same time; try again.": (
        "Vienlaikus par noklusējuma kalendāru tika iestatīts cits kalendārs; mēģiniet vēlreiz."
    ),
    "An extra working day needs working hours.": "Papildu darba dienai jānorāda darba laiks.",
    "A date cannot be both a closed day and an extra working day: %(dates)s.": (
        "Datums nevar vienlaikus būt gan brīvdiena, gan papildu darba diena: %(dates)s."
    ),
    "At most %(count)d characters.": "Ne vairāk kā %(count)d rakstzīmes.",
    "Give working hours by weekday, Monday to Sunday.": "Norādiet darba laiku katrai nedēļas dienai no pirmdienas līdz svētdienai.",
    "Give at least one weekday working hours; without them no due time can ever be reached.": (
        "Norādiet darba laiku vismaz vienai nedēļas dienai; bez tā neviens termiņš nekad netiks sasniegts."
    ),
    "Invalid list of days.": "Nederīgs dienu saraksts.",
    "At most %(count)d days.": "Ne vairāk kā %(count)d dienas.",
    "Dates must lie between the years %(first)d and %(last)d.": "Datumiem jābūt no %(first)d. līdz %(last)d. gadam.",
    "%(date)s is listed twice.": "%(date)s ir norādīts divreiz.",
    "Times must be whole minutes.": "Laikiem jābūt norādītiem veselās minūtēs.",
    "%(interval)s: the start must be before the end.": "%(interval)s: sākumam jābūt pirms beigām.",
    "At most %(count)d intervals per day.": "Ne vairāk kā %(count)d intervāli dienā.",
    "%(first)s and %(second)s overlap.": "%(first)s un %(second)s pārklājas.",
    "Calendar not found.": "Kalendārs nav atrasts.",
    "SLA policies use this calendar; give them another calendar first.": (
        "Šo kalendāru izmanto SLA politikas; vispirms piešķiriet tām citu kalendāru."
    ),
    # --- Business time, public holidays, time zones --------------------------------------------------
    "A due time more than %(years)d years ahead is not supported.": (
        "Termiņš, kas ir vairāk nekā %(years)d gadus nākotnē, netiek atbalstīts."
    ),
    "The calendar has no working hours on or after %(day)s.": "Kalendārā nav darba laika %(day)s un vēlāk.",
    "Choose a country for this region.": "Izvēlieties valsti šim reģionam.",
    "Public holidays are not available for the country “%(code)s”.": "Valstij “%(code)s” svētku dienas nav pieejamas.",
    "Unknown region “%(code)s” for %(country)s (known: %(known)s).": (
        "Nezināms reģions “%(code)s” valstij %(country)s (zināmie: %(known)s)."
    ),
    "The calendar's public holidays are known from %(first)s to %(last)s; %(day)s is outside.": (
        "Kalendāra svētku dienas ir zināmas no %(first)s līdz %(last)s; %(day)s ir ārpus šī perioda."
    ),
    "“%(name)s” is not a known time zone; use an IANA name such as Europe/Budapest.": (
        "“%(name)s” nav zināma laika josla; izmantojiet IANA nosaukumu, piemēram, Europe/Budapest."
    ),
    # --- Choices and model fields --------------------------------------------------------------------
    "Monday": "Pirmdiena",
    "Tuesday": "Otrdiena",
    "Wednesday": "Trešdiena",
    "Thursday": "Ceturtdiena",
    "Friday": "Piektdiena",
    "Saturday": "Sestdiena",
    "Sunday": "Svētdiena",
    "public holidays of country": "svētku dienu valsts",
    "region": "reģions",
    "work on national weekend working days": "strādāt valstī noteiktajās nedēļas nogales darba dienās",
    "default calendar": "noklusējuma kalendārs",
    "start": "sākums",
    "end": "beigas",
    "weekday": "nedēļas diena",
    "date": "datums",
    # --- Targets, clocks, audiences, escalation actions (sla.choices) ---------------------------------
    "First response": "Pirmā atbilde",
    "Next response": "Nākamā atbilde",
    "Resolution": "Atrisināšana",
    "Running": "Darbojas",
    "Met": "Izpildīts",
    "Breached": "Pārkāpts",
    "Cancelled": "Atcelts",
    "Ticket owner": "Pieteikuma atbildīgais",
    "Group supervisors": "Grupas vadītāji",
    "Named manager": "Norādītais vadītājs",
    "Owner's manager": "Atbildīgā vadītājs",
    "In-app notification": "Paziņojums lietotnē",
    "Webhook": "Webhook",
    "Notify": "Paziņot",
    "Raise priority": "Paaugstināt prioritāti",
    "Reassign to group": "Piešķirt citai grupai",
    # --- Times as agents see them: inbox column, ticket panel, risk (sla.display) ----------------------
    "< 1 min": "< 1 min",
    "%(minutes)d min": "%(minutes)d min",
    "%(hours)d h": "%(hours)d h",
    "%(hours)d h %(minutes)d min": "%(hours)d h %(minutes)d min",
    "overdue": "nokavēts",
    "overdue %(duration)s": "nokavēts par %(duration)s",
    "paused": "pauzēts",
    "SLA": "SLA",
    "%(metric)s due %(due)s": "%(metric)s: termiņš %(due)s",
    "target %(target)s": "mērķis: %(target)s",
    "Position %(position)d of %(backlog)d in the group's queue": "Vieta grupas rindā: %(position)d no %(backlog)d",
    "no agent of the group can answer": "neviens grupas aģents nevar atbildēt",
    "about %(rate)s replies per business hour with %(agents)d agent on shift": [
        "aptuveni %(rate)s atbildes darba stundā, maiņā ir %(agents)d aģents",
        "aptuveni %(rate)s atbildes darba stundā, maiņā ir %(agents)d aģenti",
        "aptuveni %(rate)s atbildes darba stundā, maiņā ir %(agents)d aģentu",
    ],
    "nobody on shift now; about %(rate)s replies per business hour once the team is in": (
        "pašlaik maiņā neviena nav; aptuveni %(rate)s atbildes darba stundā, kad komanda būs darbā"
    ),
    "expected wait %(wait)s (answer around %(expected)s)": "paredzamā gaidīšana %(wait)s (atbilde ap %(expected)s)",
    "expected wait %(wait)s": "paredzamā gaidīšana %(wait)s",
    "due %(due)s": "termiņš %(due)s",
    "< 0.1": "< 0,1",
    "%(metric)s (#%(cycle)d)": "%(metric)s (nr. %(cycle)d)",
    "met in %(duration)s": "izpildīts %(duration)s laikā",
    "breached by %(duration)s": "pārsniegts par %(duration)s",
    "stopped %(when)s": "apturēts %(when)s",
    "paused, %(left)s left": "pauzēts, atlikušais laiks %(left)s",
    "paused, overdue": "pauzēts, nokavēts",
    "paused for %(duration)s": "pauzēts %(duration)s",
    "running": "darbojas",
    "%(left)s left": "atlikušais laiks %(left)s",
    "paused for %(duration)s so far": "līdz šim pauzēts %(duration)s",
    "at risk": "apdraudēts",
    "At risk": "Apdraudēts",
    "Policy": "Politika",
    "Target": "Mērķis",
    "due": "termiņš",
    "No targets apply.": "Nav piemērojamu mērķu.",
    # --- Timeline sentences (sla.display.event_sentence) ----------------------------------------------
    "SLA policy %(policy)s applied": "Piemērota SLA politika %(policy)s",
    "%(metric)s met (at the target)": "%(metric)s: izpildīts (tieši termiņā)",
    "%(metric)s met (%(duration)s before the target)": "%(metric)s: izpildīts (%(duration)s pirms termiņa)",
    "%(metric)s breached by %(duration)s": "%(metric)s: termiņš pārsniegts par %(duration)s",
    "%(metric)s clock cancelled (no SLA target applies)": "%(metric)s: laika uzskaite atcelta (nav piemērojama SLA mērķa)",
    "%(metric)s clock resumed": "%(metric)s: laika uzskaite atsākta",
    "%(metric)s target breached (due time passed)": "%(metric)s: mērķis pārkāpts (termiņš ir pagājis)",
    "SLA warning: %(metric)s, %(step)s": "SLA brīdinājums: %(metric)s, %(step)s",
    "SLA warning: %(metric)s": "SLA brīdinājums: %(metric)s",
    "SLA escalation level %(level)d: %(metric)s": "SLA eskalācijas %(level)d. līmenis: %(metric)s",
    "SLA escalation: %(metric)s": "SLA eskalācija: %(metric)s",
    "%(metric)s predicted to be missed": "%(metric)s: paredzams, ka mērķis netiks sasniegts",
    "SLA: %(what)s (%(metric)s)": "SLA: %(what)s (%(metric)s)",
    "%(percent)s%% of the target used": "izlietoti %(percent)s%% no mērķa laika",
    "%(duration)s before the due time": "%(duration)s pirms termiņa",
    # --- Notifications and mail (sla.notify, sla.webhook, templates/sla/mail) -------------------------
    "SLA warning: %(metric)s due %(due)s on %(number)s %(subject)s": (
        "SLA brīdinājums: %(metric)s, termiņš %(due)s, pieteikums %(number)s %(subject)s"
    ),
    "SLA breached: %(metric)s was due %(due)s on %(number)s %(subject)s": (
        "SLA pārkāpts: %(metric)s, termiņš bija %(due)s, pieteikums %(number)s %(subject)s"
    ),
    "SLA escalation level %(level)s: %(metric)s was due %(due)s on %(number)s %(subject)s": (
        "SLA eskalācijas %(level)s. līmenis: %(metric)s, termiņš bija %(due)s, pieteikums %(number)s %(subject)s"
    ),
    "SLA at risk: %(metric)s due %(due)s is unlikely to be met on %(number)s %(subject)s": (
        "SLA apdraudēts: %(metric)s, termiņš %(due)s, visticamāk, netiks ievērots, pieteikums %(number)s %(subject)s"
    ),
    "SLA notice: %(metric)s due %(due)s on %(number)s %(subject)s": (
        "SLA paziņojums: %(metric)s, termiņš %(due)s, pieteikums %(number)s %(subject)s"
    ),
    "target": "mērķis",
    "This message was sent automatically by Supportdesk.": "Šo ziņojumu automātiski nosūtīja Supportdesk.",
    "SLA webhook of policy %(policy)s to %(host)s was refused: the address is not allowed.": (
        "Politikas %(policy)s SLA webhook uz %(host)s tika noraidīts: adrese nav atļauta."
    ),
    "SLA webhook of policy %(policy)s to %(host)s failed %(count)s times and was given up.": (
        "Politikas %(policy)s SLA webhook uz %(host)s neizdevās %(count)s reizes, un tā sūtīšana tika pārtraukta."
    ),
    # --- Calendar admin pages (sla.forms, templates/sla) ----------------------------------------------
    "Write hours as 08:00-12:00, 13:00-17:00.": "Norādiet laikus šādi: 08:00-12:00, 13:00-17:00.",
    "Give minutes (90) or hours and minutes (1:30).": "Norādiet minūtes (90) vai stundas un minūtes (1:30).",
    "At most %(max)d minutes.": "Ne vairāk kā %(max)d minūtes.",
    "Time zone": "Laika josla",
    "Public holidays of": "Svētku dienu valsts",
    "Region": "Reģions",
    "A region code of the country, e.g. BY for Bavaria; empty for national holidays.": (
        "Valsts reģiona kods, piem., BY Bavārijai; tukšs nozīmē valsts mēroga svētku dienas."
    ),
    "Work on weekend days the country declares working days": "Strādāt nedēļas nogales dienās, ko valsts noteikusi par darba dienām",
    "Default calendar (for policies without one)": "Noklusējuma kalendārs (politikām bez sava kalendāra)",
    "Closed days": "Brīvdienas",
    "One per line: a date (YYYY-MM-DD) and an optional name.": "Pa vienai rindā: datums (GGGG-MM-DD) un neobligāts nosaukums.",
    "Extra working days": "Papildu darba dienas",
    "One per line: a date, its hours and an optional name.": "Pa vienai rindā: datums, darba laiks un neobligāts nosaukums.",
    "Line %(n)d: start with a date, e.g. 2026-12-24.": "%(n)d. rinda: sāciet ar datumu, piem., 2026-12-24.",
    "Line %(n)d: %(error)s": "%(n)d. rinda: %(error)s",
    "Entry %(n)d: %(error)s": "%(n)d. ieraksts: %(error)s",
    "Start (local time of the calendar)": "Sākums (kalendāra vietējais laiks)",
    "Business time": "Ilgums darba laikā",
    "Minutes (240) or hours and minutes (4:00).": "Minūtes (240) vai stundas un minūtes (4:00).",
    "Give a duration.": "Norādiet ilgumu.",
    "Calendar created.": "Kalendārs izveidots.",
    "Calendar saved.": "Kalendārs saglabāts.",
    "Calendar deleted.": "Kalendārs dzēsts.",
    "Calendars": "Kalendāri",
    "SLA settings": "SLA iestatījumi",
    "New calendar": "Jauns kalendārs",
    "Calendar %(name)s": "Kalendārs %(name)s",
    "Working hours": "Darba laiks",
    "Several intervals a day are separated by commas, e.g. 08:00-12:00, 13:00-17:00. "
    "Leave a day empty when closed; 24:00 ends a whole day.": (
        "Vairākus intervālus dienā atdaliet ar komatiem, piem., 08:00-12:00, 13:00-17:00. "
        "Brīvdienu atstājiet tukšu; 24:00 nozīmē dienas beigas."
    ),
    "Check a due time": "Pārbaudīt termiņu",
    "Compute": "Aprēķināt",
    "%(minutes)s of business time after %(start)s is due at %(time)s (%(zone)s).": (
        "Ja no %(start)s jāpaiet %(minutes)s darba laika, termiņš ir %(time)s (%(zone)s)."
    ),
    "Delete calendar": "Dzēst kalendāru",
    "SLA due times count only the working hours of a policy's calendar, without public holidays and closed days.": (
        "SLA termiņos tiek skaitīts tikai politikas kalendāra darba laiks, neskaitot svētku dienas un brīvdienas."
    ),
    "Public holidays": "Svētku dienas",
    "Used by policies": "Izmanto politikas",
    "default": "noklusējuma",
    "yes": "jā",
    "no": "nē",
    "No calendars yet: due times count round the clock.": "Kalendāru vēl nav: termiņi tiek skaitīti visu diennakti.",
    # --- Policy admin pages and API (sla.forms, sla.policies, sla.policy_rules, templates/sla) ----------
    "Active": "Aktīva",
    "Calendar": "Kalendārs",
    "Manager": "Vadītājs",
    'Notified when the audience "Named manager" is chosen.': "Saņem paziņojumu, ja izvēlēts adresāts “Norādītais vadītājs”.",
    "Webhook URL": "Webhook URL",
    "Receives signed JSON for warnings and steps sent by webhook.": (
        "Saņem parakstītu JSON par brīdinājumiem un soļiem, kas tiek sūtīti ar webhook."
    ),
    "States that pause the clocks": "Statusi, kas pauzē laika uzskaiti",
    "Default calendar": "Noklusējuma kalendārs",
    "Field": "Lauks",
    "Operator": "Operators",
    "Value": "Vērtība",
    "When": "Kad",
    "% of the target used": "% no mērķa laika izlietoti",
    "before the due time (h:mm)": "pirms termiņa (h:mm)",
    "Amount": "Apjoms",
    "By": "Ar",
    "by": "ar",
    "After the breach (h:mm)": "Pēc pārkāpuma (h:mm)",
    "Raise priority to": "Paaugstināt prioritāti līdz",
    "Customer tier": "Klienta pakalpojuma līmenis",
    "Channel": "Kanāls",
    "Custom field %(key)s": "Pielāgotais lauks %(key)s",
    "Any priority": "Jebkura prioritāte",
    "any priority": "jebkura prioritāte",
    "A whole percentage from 1 to 99.": "Vesels procentu skaitlis no 1 līdz 99.",
    "Unknown name: %(name)s.": "Nezināms nosaukums: %(name)s.",
    "%(count)s open tickets recomputed.": "Pārrēķināti atvērtie pieteikumi: %(count)s.",
    "%(done)s tickets recomputed (%(rate).0f/s)": "Pārrēķināti pieteikumi: %(done)s (%(rate).0f/s)",
    "order": "secība",
    "calendar": "kalendārs",
    "conditions": "nosacījumi",
    "targets": "mērķi",
    "states that pause the clock": "statusi, kas pauzē laika uzskaiti",
    "warnings": "brīdinājumi",
    "escalations": "eskalācijas",
    "webhook URL": "webhook URL",
    "SLA policy": "SLA politika",
    "SLA policies": "SLA politikas",
    "Only admins may change SLA policies.": "SLA politikas drīkst mainīt tikai administratori.",
    "SLA policy not found.": "SLA politika nav atrasta.",
    "At most %(count)d SLA policies.": "Ne vairāk kā %(count)d SLA politikas.",
    "Give the policy ids in order.": "Norādiet politiku ID vajadzīgajā secībā.",
    "A list of ids.": "ID saraksts.",
    "The list must name every SLA policy exactly once.": "Sarakstā katrai SLA politikai jābūt norādītai tieši vienreiz.",
    "List every policy exactly once.": "Norādiet katru politiku tieši vienreiz.",
    "An SLA policy with this name exists already.": "SLA politika ar šo nosaukumu jau pastāv.",
    "No such calendar.": "Šāda kalendāra nav.",
    "Choose an active helpdesk agent.": "Izvēlieties aktīvu atbalsta dienesta aģentu.",
    "The SLA policy is not valid.": "SLA politika nav derīga.",
    "Use an id.": "Izmantojiet ID.",
    "Give a URL.": "Norādiet URL.",
    "The host resolves to an invalid address.": "Resursdatora nosaukums tiek atrisināts uz nederīgu adresi.",
    "Webhooks cannot go to loopback, private, link-local or reserved addresses (%(address)s).": (
        "Webhook nedrīkst sūtīt uz atgriezeniskās cilpas, privātām, saites lokālajām vai rezervētām adresēm (%(address)s)."
    ),
    "A URL cannot contain spaces or control characters.": "URL nedrīkst saturēt atstarpes vai vadības rakstzīmes.",
    "Use an http:// or https:// URL.": "Izmantojiet URL ar http:// vai https://.",
    "Do not put credentials in the URL; deliveries are signed instead.": (
        "Neiekļaujiet URL piekļuves datus; piegādes tā vietā tiek parakstītas."
    ),
    "The host name does not resolve.": "Resursdatora nosaukumu nevar atrisināt.",
    "No such group: %(ids)s.": "Šādas grupas nav: %(ids)s.",
    "No such organization: %(ids)s.": "Šādas organizācijas nav: %(ids)s.",
    "Choose the policy's manager to notify a named manager.": "Lai paziņotu norādītajam vadītājam, izvēlieties politikas vadītāju.",
    "Give the policy a webhook URL to notify by webhook.": "Lai paziņotu ar webhook, norādiet politikai webhook URL.",
    "Must be a list.": "Jābūt sarakstam.",
    "At most %(n)s entries.": "Ne vairāk kā %(n)s ieraksti.",
    "A condition has exactly: field, op, value.": "Nosacījumam ir tieši šie lauki: field, op, value.",
    "Tags support: %(ops)s.": "Birkām atbalstīts: %(ops)s.",
    "A tag name is required.": "Jānorāda birkas nosaukums.",
    "Name the custom field, e.g. custom_field.product.": "Norādiet pielāgoto lauku, piem., custom_field.product.",
    "Custom fields support: %(ops)s.": "Pielāgotajiem laukiem atbalstīts: %(ops)s.",
    "Unknown field %(field)s.": "Nezināms lauks %(field)s.",
    "Unknown operator %(op)s.": "Nezināms operators %(op)s.",
    "Use ids.": "Izmantojiet ID.",
    "Invalid value.": "Nederīga vērtība.",
    "Give a non-empty list of values.": "Norādiet vērtību sarakstu, kas nav tukšs.",
    "Whole minutes from %(low)s to %(high)s.": "Veselas minūtes no %(low)s līdz %(high)s.",
    "Give at least one target.": "Norādiet vismaz vienu mērķi.",
    'Give minutes per target, e.g. {"first_response": 240}.': 'Norādiet minūtes katram mērķim, piem., {"first_response": 240}.',
    "Unknown target; use %(names)s.": "Nezināms mērķis; izmantojiet %(names)s.",
    "These states cannot pause a clock: %(states)s.": "Šie statusi nevar pauzēt laika uzskaiti: %(states)s.",
    "Choose at least one.": "Izvēlieties vismaz vienu.",
    "Choose from: %(values)s.": "Izvēlieties no: %(values)s.",
    "Unknown keys: %(keys)s.": "Nezināmas atslēgas: %(keys)s.",
    "Give either percent or minutes_before.": "Norādiet vai nu percent, vai minutes_before.",
    "The same warning is given twice.": "Tas pats brīdinājums norādīts divreiz.",
    "A level has: after_minutes, actions.": "Līmenim ir: after_minutes, actions.",
    "Each level must come later than the one before.": "Katram līmenim jābūt vēlāk nekā iepriekšējam.",
    "Give at least one action.": "Norādiet vismaz vienu darbību.",
    "Unknown action; use %(names)s.": "Nezināma darbība; izmantojiet %(names)s.",
    "notify takes: audience, channels.": "notify pieņem: audience, channels.",
    "%(action)s takes: value.": "%(action)s pieņem: value.",
    "A group id.": "Grupas ID.",
    "A tag of 1 to 64 characters.": "Birka ar 1 līdz 64 rakstzīmēm.",
    "SLA policy created.": "SLA politika izveidota.",
    "SLA policy saved.": "SLA politika saglabāta.",
    "Choose up or down.": "Izvēlieties uz augšu vai uz leju.",
    "SLA policy deleted.": "SLA politika dzēsta.",
    "New policy": "Jauna politika",
    "A ticket gets the first active policy, from the top, whose conditions all hold.": (
        "Pieteikumam tiek piemērota pirmā aktīvā politika no augšas, kuras visi nosacījumi ir izpildīti."
    ),
    "Order": "Secība",
    "Targets": "Mērķi",
    "Conditions": "Nosacījumi",
    "%(counter)s condition": ["%(counter)s nosacījums", "%(counter)s nosacījumi", "%(counter)s nosacījumu"],
    "Move %(name)s up": "Pārvietot %(name)s uz augšu",
    "Move %(name)s down": "Pārvietot %(name)s uz leju",
    "No SLA policies yet.": "SLA politiku vēl nav.",
    "New SLA policy": "Jauna SLA politika",
    "SLA policy %(name)s": "SLA politika %(name)s",
    "All filled rows must hold; no rows means every ticket. "
    "For “in” and “not in”, separate values with commas; groups and organizations by name.": (
        "Visām aizpildītajām rindām jāizpildās; ja rindu nav, politika attiecas uz katru pieteikumu. "
        "Operatoriem “in” un “not in” vērtības atdaliet ar komatiem; grupas un organizācijas norādiet pēc nosaukuma."
    ),
    "Targets in business time (h:mm or minutes)": "Mērķi darba laikā (h:mm vai minūtes)",
    "A priority's own target wins over “Any priority”. Leave empty for no target.": (
        "Prioritātes paša mērķis ir noteicošs pār “Jebkura prioritāte”. Ja mērķa nav, atstājiet tukšu."
    ),
    "Warnings before a breach": "Brīdinājumi pirms pārkāpuma",
    "Escalation after a breach": "Eskalācija pēc pārkāpuma",
    "Each level is taken once, the given business time after the breach; later levels must come later.": (
        "Katrs līmenis tiek izpildīts vienreiz, kad pēc pārkāpuma pagājis norādītais darba laiks; vēlākiem līmeņiem jābūt vēlāk."
    ),
    "Level %(n)s": "%(n)s. līmenis",
    "Save to get more empty rows.": "Saglabājiet, lai iegūtu vairāk tukšu rindu.",
    "Delete policy": "Dzēst politiku",
    # --- Inbox: SLA column, filter and sort; ticket fields (tickets) ----------------------------------
    "Any": "Jebkurš",
    "first response due": "pirmās atbildes termiņš",
    "next response due": "nākamās atbildes termiņš",
    "resolution due": "atrisināšanas termiņš",
    "SLA due": "SLA termiņš",
    "Use breached, at_risk or due_soon.": "Izmantojiet breached, at_risk vai due_soon.",
    "SLA due, soonest first": "SLA termiņš, tuvākais vispirms",
    "Breached (overdue)": "Pārkāpts (nokavēts)",
    "Due within 1 h": "Termiņš 1 h laikā",
}
