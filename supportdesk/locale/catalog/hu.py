"""Hungarian translations ("jegy" for ticket, formal "Ön"), read by supportdesk/locale/fill_translations.py.

Hungarian keeps the noun singular after a number, so both plural forms read the same.
"""

PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

TRANSLATIONS: dict[str, str | list[str]] = {
    # --- Accounts: domain messages ---------------------------------------------------------------
    "Invalid e-mail address.": "Érvénytelen e-mail-cím.",
    "Only admins may do this.": "Ezt csak adminisztrátor teheti meg.",
    "Unknown organization.": "Ismeretlen szervezet.",
    "Unknown role.": "Ismeretlen szerepkör.",
    "Unknown time zone.": "Ismeretlen időzóna.",
    "A user with this e-mail address exists.": "Már létezik felhasználó ezzel az e-mail-címmel.",
    "Already in use.": "Már használatban van.",
    "Unknown fields.": "Ismeretlen mezők.",
    "Unknown field.": "Ismeretlen mező.",
    "You cannot deactivate or demote yourself.": "Saját magát nem tilthatja le, és a szerepkörét sem csökkentheti.",
    "Not for your own account.": "A saját fiókjára nem alkalmazható.",
    "Invalid domain.": "Érvénytelen domain.",
    "Invalid domain: %(domain)s": "Érvénytelen domain: %(domain)s",
    "A name is required.": "A név megadása kötelező.",
    "An organization with this name exists.": "Már létezik szervezet ezzel a névvel.",
    "A domain belongs to another organization.": "Az egyik domain már egy másik szervezethez tartozik.",
    "Already used.": "Már foglalt.",
    "A group with this name exists.": "Már létezik csoport ezzel a névvel.",
    "Unknown access level.": "Ismeretlen hozzáférési szint.",
    "Use read, write or full.": "Használja a read, write vagy full értéket.",
    "Only staff can join groups.": "Csoporthoz csak munkatárs csatlakozhat.",
    "Not a staff user.": "Nem munkatársi fiók.",
    # --- Accounts: choices and model fields ------------------------------------------------------
    "Admin": "Adminisztrátor",
    "Supervisor": "Csoportvezető",
    "Agent": "Ügyintéző",
    "Customer": "Ügyfél",
    "Read": "Olvasás",
    "Write": "Írás",
    "Full": "Teljes",
    "E-mail address": "E-mail-cím",
    "name": "név",
    "notes": "megjegyzések",
    "members see each other's tickets": "a tagok látják egymás jegyeit",
    "e-mail address": "e-mail-cím",
    "full name": "teljes név",
    "role": "szerepkör",
    "language": "nyelv",
    "time zone": "időzóna",
    "phone": "telefon",
    "active": "aktív",
    "Django admin access": "hozzáférés a Django adminfelülethez",
    "languages": "nyelvek",
    "skills": "készségek",
    "signature": "aláírás",
    "description": "leírás",
    "reply address": "válaszcím",
    "service tier": "szolgáltatási szint",
    "e.g. gold; SLA policies can match it.": "pl. gold; az SLA-szabályzatok feltételként használhatják.",
    "manager": "vezető",
    # --- REST API ----------------------------------------------------------------------------------
    "Only helpdesk staff may do this.": "Ezt csak ügyfélszolgálati munkatárs teheti meg.",
    "Invalid Idempotency-Key.": "Érvénytelen Idempotency-Key.",
    "1 to 200 printable characters.": "1–200 nyomtatható karakter.",
    "The request body is too large.": "A kérés törzse túl nagy.",
    "A request with this Idempotency-Key is already being processed.": (
        "Egy ezzel az Idempotency-Key-jel küldött kérés feldolgozása már folyamatban van."
    ),
    "This Idempotency-Key was used for a different request.": "Ezt az Idempotency-Key-t már egy másik kéréshez használták.",
    "Already used with another body or path.": "Már használták más törzzsel vagy útvonallal.",
    "The request is invalid.": "A kérés érvénytelen.",
    "Authentication required.": "Bejelentkezés szükséges.",
    "The request body could not be parsed.": "A kérés törzse nem értelmezhető.",
    "You are not allowed to do this.": "Ehhez nincs jogosultsága.",
    "Error.": "Hiba.",
    "Not found.": "Nem található.",
    "The request could not be processed.": "A kérést nem sikerült feldolgozni.",
    "An unexpected error occurred.": "Váratlan hiba történt.",
    "Article not found.": "Az üzenet nem található.",
    "Only helpdesk staff can read the ticket history.": "A jegy előzményeit csak ügyfélszolgálati munkatárs olvashatja.",
    "Field not found.": "A mező nem található.",
    "User not found.": "A felhasználó nem található.",
    "Link not found.": "A kapcsolat nem található.",
    "Organization not found.": "A szervezet nem található.",
    "Group not found.": "A csoport nem található.",
    "This method is not allowed here.": "Ez a metódus itt nem engedélyezett.",
    # --- Processes and demo ------------------------------------------------------------------------
    "Stopping…": "Leállítás…",
    "The %(name)s process stopped unexpectedly (exit code %(code)s).": "A(z) %(name)s folyamat váratlanul leállt (kilépési kód: %(code)s).",
    "Stopped.": "Leállítva.",
    "The load_demo command is not available; starting with an empty database.": (
        "A load_demo parancs nem érhető el; indítás üres adatbázissal."
    ),
    "Supportdesk demo is running at %(url)s": "A Supportdesk demó itt fut: %(url)s",
    "Sign in with:": "Bejelentkezés ezzel:",
    "Press Ctrl-C to stop.": "A leállításhoz nyomja meg a Ctrl-C billentyűkombinációt.",
    "The %(name)s process did not stop in time; killing it.": (
        "A(z) %(name)s folyamat nem állt le időben, ezért kényszerített leállítás következik."
    ),
    "Invalid cursor.": "Érvénytelen kurzor.",
    "Demo data": "Demóadatok",
    "Demo data is already loaded (admin@example.com exists); nothing to do.": (
        "A demóadatok már be vannak töltve (az admin@example.com létezik); nincs teendő."
    ),
    "Loaded demo data in %(seconds).1f s: %(organizations)d organizations, %(customers)d customers, %(staff)d staff, "
    "%(tickets)d tickets with %(articles)d articles (%(notes)d internal notes), %(merges)d merges, %(links)d links.": (
        "Demóadatok betöltve %(seconds).1f mp alatt: %(organizations)d szervezet, %(customers)d ügyfél, %(staff)d munkatárs, "
        "%(tickets)d jegy %(articles)d üzenettel (%(notes)d belső megjegyzés), %(merges)d összevonás, %(links)d kapcsolat."
    ),
    "Demo logins (demo only; change or delete them before real use):": (
        "Demó belépési adatok (csak a demóhoz; éles használat előtt módosítsa vagy törölje őket):"
    ),
    'Other demo agents (e.g. greta.vogel@example.com, read-only) use the password "agent".': (
        "A többi demó ügyintéző (pl. greta.vogel@example.com, csak olvasási joggal) jelszava „agent”."
    ),
    "Invalid message.": "Érvénytelen üzenet.",
    "Ticket not found.": "A jegy nem található.",
    # --- Settings ------------------------------------------------------------------------------------
    "English": "Angol",
    "German": "Német",
    "Hungarian": "Magyar",
    "Latvian": "Lett",
    # --- Templates: general and sign-in ------------------------------------------------------------
    "Not allowed": "Nem engedélyezett",
    "You do not have permission to do this.": "Ehhez nincs jogosultsága.",
    "Not found": "Nem található",
    "This page does not exist, or you cannot see it.": "Ez az oldal nem létezik, vagy Ön nem láthatja.",
    "Language": "Nyelv",
    "Change": "Módosítás",
    "Supportdesk": "Supportdesk",
    "Inbox": "Beérkezett jegyek",
    "Search tickets, customers, numbers…": "Jegyek, ügyfelek, számok keresése…",
    "Search": "Keresés",
    "Notifications": "Értesítések",
    "Sign out": "Kijelentkezés",
    "Sign in": "Bejelentkezés",
    "Password": "Jelszó",
    "Forgot your password?": "Elfelejtette a jelszavát?",
    "Password changed": "Jelszó módosítva",
    "Your password has been set. You can sign in now.": "A jelszavát beállítottuk. Most már bejelentkezhet.",
    "Choose a new password": "Új jelszó megadása",
    "New password": "Új jelszó",
    "New password again": "Új jelszó még egyszer",
    "Set password": "Jelszó beállítása",
    "This link is invalid or has already been used. Please request a new one.": (
        "Ez a hivatkozás érvénytelen, vagy már felhasználták. Kérjen újat."
    ),
    "Reset password": "Jelszó visszaállítása",
    "Check your e-mail": "Nézze meg az e-mailjeit",
    "If an account exists for that address, we have sent a link to choose a new password.": (
        "Ha tartozik fiók ehhez a címhez, elküldtük rá az új jelszó megadásához szükséges hivatkozást."
    ),
    "Back to sign-in": "Vissza a bejelentkezéshez",
    "Someone asked to reset the password of your Supportdesk account. If it was you, open this link to choose a new password:": (
        "Valaki kérte Supportdesk-fiókja jelszavának visszaállítását. Ha Ön volt, nyissa meg ezt a hivatkozást, és adjon meg új jelszót:"
    ),
    "If you did not ask for this, you can ignore this message; your password stays the same.": (
        "Ha nem Ön kérte, nyugodtan hagyja figyelmen kívül ezt az üzenetet; a jelszava nem változik."
    ),
    "Enter your e-mail address and we will send you a link to choose a new password.": (
        "Adja meg az e-mail-címét, és elküldjük Önnek az új jelszó megadásához szükséges hivatkozást."
    ),
    "Send reset link": "Visszaállító hivatkozás küldése",
    "Reset your Supportdesk password": "Supportdesk-jelszó visszaállítása",
    # --- Templates: ticket page ----------------------------------------------------------------------
    "Ticket": "Jegy",
    "State": "Állapot",
    "Pending until": "Várakozás eddig",
    "Priority": "Prioritás",
    "Group": "Csoport",
    "Owner": "Felelős",
    "Unassigned": "Nincs kiosztva",
    "Save changes": "Módosítások mentése",
    "Time spent": "Ráfordított idő",
    "Tags": "Címkék",
    "Remove tag %(name)s": "%(name)s címke eltávolítása",
    "No tags": "Nincs címke",
    "Add tag": "Címke hozzáadása",
    "Add": "Hozzáadás",
    "Organization": "Szervezet",
    "Other tickets": "További jegyek",
    "None": "Nincs",
    "Links": "Kapcsolatok",
    "Remove link": "Kapcsolat eltávolítása",
    "No links": "Nincs kapcsolat",
    "Ticket #": "Jegyszám",
    "Ticket number to link": "Kapcsolandó jegy száma",
    "Link type": "Kapcsolat típusa",
    "Link": "Kapcsolás",
    "Merge and split": "Összevonás és szétválasztás",
    "Into ticket #": "Cél jegyszám",
    "Merge into ticket number": "Összevonás ezzel a jegyszámmal",
    "Merge": "Összevonás",
    "Tick “split” on the messages to move them to a new ticket.": (
        "Jelölje be a „szétválasztás” négyzetet azoknál az üzeneteknél, amelyeket új jegybe szeretne áthelyezni."
    ),
    "Subject of the new ticket": "Az új jegy tárgya",
    "Split": "Szétválasztás",
    "Internal note": "Belső megjegyzés",
    "split": "szétválasztás",
    "To": "Címzett",
    "Cc": "Másolat",
    "Read only": "Csak olvasható",
    'This ticket was merged into <a href="%(merged_url)s">another ticket</a>.': (
        'Ezt a jegyet összevonták egy <a href="%(merged_url)s">másik jeggyel</a>.'
    ),
    "Reply or internal note": "Válasz vagy belső megjegyzés",
    "Write a reply to the customer, or an internal note for your team. Mention a colleague with @email.": (
        "Írjon választ az ügyfélnek vagy belső megjegyzést a csapatának. Kollégát @e-mail-címmel említhet meg."
    ),
    "Attachments": "Mellékletek",
    "Time spent (minutes)": "Ráfordított idő (perc)",
    "Add internal note": "Belső megjegyzés hozzáadása",
    "Send reply": "Válasz küldése",
    # --- Templates: inbox, search, notifications -------------------------------------------------
    "Views": "Nézetek",
    "My views": "Saját nézetek",
    "Delete view": "Nézet törlése",
    "Delete view %(name)s": "%(name)s nézet törlése",
    "Save the current filters as a view.": "Mentse el a jelenlegi szűrőket nézetként.",
    "Name of this view": "A nézet neve",
    "Save view": "Nézet mentése",
    "Filters and sort": "Szűrés és rendezés",
    "Any open state": "Bármely nyitott állapot",
    "Anyone": "Bárki",
    "Me": "Én",
    "Nobody": "Senki",
    "Tag": "Címke",
    "Customer id": "Ügyfélazonosító",
    "Organization id": "Szervezetazonosító",
    "Created from": "Létrehozva ettől",
    "Created until": "Létrehozva eddig",
    "Updated from": "Frissítve ettől",
    "Updated until": "Frissítve eddig",
    "Sort by": "Rendezés",
    "Apply": "Alkalmaz",
    "Reset": "Alaphelyzet",
    "Select tickets for bulk actions": "Jelöljön ki jegyeket a csoportos műveletekhez",
    "selected": "kijelölve",
    "Assign to": "Kiosztás neki",
    "Assign to…": "Kiosztás…",
    "Set state": "Állapot beállítása",
    "State…": "Állapot…",
    "Set priority": "Prioritás beállítása",
    "Priority…": "Prioritás…",
    "Apply to selected": "Alkalmazás a kijelöltekre",
    "Merge into #": "Cél jegyszám",
    "Merge selected into ticket number": "Kijelöltek összevonása ezzel a jegyszámmal",
    "Select all": "Összes kijelölése",
    "Number": "Szám",
    "Subject": "Tárgy",
    "Updated": "Frissítve",
    "Select %(number)s": "%(number)s kijelölése",
    "%(since)s ago": "%(since)s ezelőtt",
    "No tickets here.": "Itt nincsenek jegyek.",
    "Next page": "Következő oldal",
    "No notifications yet.": "Még nincsenek értesítések.",
    "Older": "Régebbiek",
    "No tickets match “%(q)s”.": "Nincs a(z) „%(q)s” keresésnek megfelelő jegy.",
    # --- Ticket domain messages ------------------------------------------------------------------
    "You have read-only access to this ticket.": "Ehhez a jegyhez csak olvasási joga van.",
    "You are not allowed to do this on this ticket.": "Ennél a jegynél ezt nem teheti meg.",
    "Attachment not found.": "A melléklet nem található.",
    "Line breaks are not allowed here.": "Itt nem lehet sortörés.",
    "Line breaks are not allowed.": "Sortörés nem megengedett.",
    "Customers cannot write internal notes.": "Ügyfelek nem írhatnak belső megjegyzést.",
    "This ticket was merged; write to the ticket it was merged into.": (
        "Ezt a jegyet összevonták; kérjük, abba a jegybe írjon, amellyel összevonták."
    ),
    "A message is required.": "Az üzenet megadása kötelező.",
    "The message is too long.": "Az üzenet túl hosszú.",
    "At most %(n)s characters.": "Legfeljebb %(n)s karakter.",
    "Invalid time spent.": "Érvénytelen ráfordított idő.",
    "Between 0 and %(n)s.": "0 és %(n)s között.",
    "A customer message cannot be internal.": "Ügyfélüzenet nem lehet belső.",
    "Unknown attachment.": "Ismeretlen melléklet.",
    "Unknown or already used attachment.": "Ismeretlen vagy már felhasznált melléklet.",
    "%(actor)s mentioned you on %(number)s": "%(actor)s megemlítette Önt itt: %(number)s",
    "Select at least one ticket.": "Jelöljön ki legalább egy jegyet.",
    "Too many tickets.": "Túl sok jegy.",
    "At most %(n)s at once.": "Egyszerre legfeljebb %(n)s.",
    "A subject is required.": "A tárgy megadása kötelező.",
    "Unknown priority.": "Ismeretlen prioritás.",
    "Unknown channel.": "Ismeretlen csatorna.",
    "A customer is required.": "Az ügyfél megadása kötelező.",
    "A customer e-mail address is required.": "Az ügyfél e-mail-címének megadása kötelező.",
    "A label is required.": "A felirat megadása kötelező.",
    "Only select fields have options.": "Csak a választómezőknek vannak opciói.",
    "Only for select fields.": "Csak választómezőkhöz.",
    "Options are required.": "Az opciók megadása kötelező.",
    "1 to %(max)d options.": "1–%(max)d opció.",
    "Invalid options.": "Érvénytelen opciók.",
    "Options must be non-empty and distinct.": "Az opciók nem lehetnek üresek, és különbözniük kell.",
    "Unknown state.": "Ismeretlen állapot.",
    "Invalid key.": "Érvénytelen kulcs.",
    "Lower-case letters, digits and _, starting with a letter.": "Kisbetűk, számjegyek és _, betűvel kezdve.",
    "Unknown field type.": "Ismeretlen mezőtípus.",
    "A field with this key exists.": "Már létezik mező ezzel a kulccsal.",
    "Unknown link type.": "Ismeretlen kapcsolattípus.",
    "A ticket cannot be linked to itself.": "Jegy nem kapcsolható saját magához.",
    "A ticket cannot be merged into itself.": "Jegy nem vonható össze saját magával.",
    "A merged ticket cannot be merged again.": "Összevont jegy nem vonható össze újra.",
    "Select at least one article.": "Jelöljön ki legalább egy üzenetet.",
    "Unknown article.": "Ismeretlen üzenet.",
    "Not all articles belong to this ticket.": "Nem minden üzenet tartozik ehhez a jegyhez.",
    "At least one article must stay.": "Legalább egy üzenetnek maradnia kell.",
    "Reminder reached on %(number)s: %(subject)s": "Esedékes emlékeztető – %(number)s: %(subject)s",
    "Invalid tag.": "Érvénytelen címke.",
    "A tag has 1 to %(n)s printable characters.": "Egy címke 1–%(n)s nyomtatható karakterből áll.",
    "Too many tags.": "Túl sok címke.",
    "Invalid date and time.": "Érvénytelen dátum és időpont.",
    "Use ISO 8601, e.g. 2026-12-01T09:00:00Z.": "ISO 8601 formátumot használjon, pl. 2026-12-01T09:00:00Z.",
    "Unknown agent.": "Ismeretlen ügyintéző.",
    "Not an agent of this group.": "Nem ennek a csoportnak az ügyintézője.",
    "A merged ticket cannot be changed.": "Összevont jegy nem módosítható.",
    "Unknown or not settable state.": "Ismeretlen vagy nem beállítható állapot.",
    "A pending state needs a time.": "Várakozó állapothoz időpont szükséges.",
    "Required for pending states.": "Várakozó állapotoknál kötelező.",
    "Custom fields must be an object.": "Az egyéni mezőknek objektumnak kell lenniük.",
    "Must be an object.": "Objektumnak kell lennie.",
    "The file is too large.": "A fájl túl nagy.",
    "Maximum size is %(n)s bytes.": "A legnagyobb megengedett méret %(n)s bájt.",
    # --- Ticket choices ----------------------------------------------------------------------------
    "New": "Új",
    "Open": "Nyitott",
    "Pending reminder": "Emlékeztetőre vár",
    "Pending close": "Lezárásra vár",
    "On hold": "Felfüggesztve",
    "Solved": "Megoldva",
    "Closed": "Lezárva",
    "Merged": "Összevonva",
    "Low": "Alacsony",
    "Normal": "Normál",
    "High": "Magas",
    "Urgent": "Sürgős",
    "E-mail": "E-mail",
    "Web form": "Webes űrlap",
    "Portal": "Portál",
    "Phone": "Telefon",
    "Chat": "Chat",
    "Messenger": "Üzenetküldő",
    "API": "API",
    "System": "Rendszer",
    "Parent / child": "Szülő / gyermek",
    "Related": "Kapcsolódó",
    "Duplicate": "Duplikátum",
    "Text": "Szöveg",
    "Date": "Dátum",
    "Select": "Választólista",
    "Multi-select": "Többszörös választás",
    "Checkbox": "Jelölőnégyzet",
    "Created": "Létrehozva",
    "Changed": "Módosítva",
    "Article added": "Üzenet hozzáadva",
    "Tag added": "Címke hozzáadva",
    "Tag removed": "Címke eltávolítva",
    "Watcher added": "Figyelő hozzáadva",
    "Watcher removed": "Figyelő eltávolítva",
    "Mentioned": "Megemlítve",
    "Linked": "Kapcsolva",
    "Unlinked": "Kapcsolat megszüntetve",
    "Merged into": "Összevonva ebbe",
    "Merged from": "Összevonva ebből",
    "Split from": "Leválasztva ebből",
    "Split to": "Szétválasztva ebbe",
    # --- Custom fields, forms, filters ----------------------------------------------------------
    "Must be text.": "Szövegnek kell lennie.",
    "Must be a number.": "Számnak kell lennie.",
    "Must be a date (YYYY-MM-DD).": "Dátumnak kell lennie (ÉÉÉÉ-HH-NN).",
    "Must be true or false.": "Igaz vagy hamis értéknek kell lennie.",
    "Not one of the allowed options.": "Nem szerepel az engedélyezett opciók között.",
    "Required when the state is %(state)s.": "Kötelező, ha az állapot: %(state)s.",
    "Some custom fields are invalid.": "Néhány egyéni mező érvénytelen.",
    "Too many selected.": "Túl sok elem van kijelölve.",
    "Invalid selection.": "Érvénytelen kijelölés.",
    "Enter a ticket number, e.g. 10042.": "Adjon meg egy jegyszámot, pl. 10042.",
    "Choose an agent.": "Válasszon ügyintézőt.",
    "Please check the form.": "Kérjük, ellenőrizze az űrlapot.",
    "subject": "tárgy",
    "state": "állapot",
    "priority": "prioritás",
    "group": "csoport",
    "owner": "felelős",
    "customer": "ügyfél",
    "organization": "szervezet",
    "channel": "csatorna",
    "pending until": "várakozás eddig",
    "internal note": "belső megjegyzés",
    "Too many values.": "Túl sok érték.",
    "Unknown state: %(state)s": "Ismeretlen állapot: %(state)s",
    "Group ids are numbers.": "A csoportazonosítók számok.",
    "Use me, none or a user id.": "Használja a me, none értéket vagy egy felhasználóazonosítót.",
    "Must be an id.": "Azonosítónak kell lennie.",
    "Use a date (YYYY-MM-DD) or ISO 8601 time.": "Adjon meg dátumot (ÉÉÉÉ-HH-NN) vagy ISO 8601 szerinti időpontot.",
    "Unknown sort.": "Ismeretlen rendezés.",
    "Unknown filter.": "Ismeretlen szűrő.",
    "Invalid filters.": "Érvénytelen szűrők.",
    "My open tickets": "Saját nyitott jegyeim",
    "All open": "Összes nyitott",
    "Reminders due": "Esedékes emlékeztetők",
    "Recently updated": "Nemrég frissített",
    "Unknown view.": "Ismeretlen nézet.",
    "You were mentioned on %(number)s": "Megemlítették Önt itt: %(number)s",
    # --- Timeline sentences ----------------------------------------------------------------------
    "pending time": "várakozási idő",
    "custom fields": "egyéni mezők",
    "none": "(nincs)",
    "%(actor)s changed the custom fields": "%(actor)s módosította az egyéni mezőket",
    "%(actor)s changed %(field)s from %(old)s to %(new)s": "%(actor)s módosította a következőt: %(field)s – %(old)s helyett %(new)s",
    "%(actor)s created the ticket": "%(actor)s létrehozta a jegyet",
    "%(actor)s added the tag %(new)s": "%(actor)s hozzáadta a(z) %(new)s címkét",
    "%(actor)s removed the tag %(old)s": "%(actor)s eltávolította a(z) %(old)s címkét",
    "%(actor)s added a watcher": "%(actor)s figyelőt adott hozzá",
    "%(actor)s removed a watcher": "%(actor)s eltávolított egy figyelőt",
    "%(actor)s mentioned %(new)s": "%(actor)s megemlítette: %(new)s",
    "%(actor)s linked this ticket to %(new_number)s (%(kind)s)": (
        "%(actor)s összekapcsolta ezt a jegyet a következővel: %(new_number)s (%(kind)s)"
    ),
    "%(actor)s removed the link to %(old_number)s": "%(actor)s megszüntette a kapcsolatot a következővel: %(old_number)s",
    "%(actor)s merged this ticket into %(new_number)s": "%(actor)s összevonta ezt a jegyet a következővel: %(new_number)s",
    "%(actor)s merged %(new_number)s into this ticket": "%(actor)s ebbe a jegybe vonta össze a következőt: %(new_number)s",
    "%(actor)s split this ticket off from %(new_number)s": "%(actor)s leválasztotta ezt a jegyet a következőről: %(new_number)s",
    "%(actor)s split messages off into %(new_number)s": "%(actor)s üzeneteket választott le ebbe: %(new_number)s",
    "%(h)d h %(m)02d min": "%(h)d ó %(m)02d p",
    "%(m)d min": "%(m)d perc",
    # --- Views: flash messages -------------------------------------------------------------------
    "Please enter a number.": "Kérjük, adjon meg egy számot.",
    "Must be a whole number.": "Egész számnak kell lennie.",
    "Invalid id.": "Érvénytelen azonosító.",
    "Least recently updated": "Legrégebben frissített",
    "Newest": "Legújabb",
    "Oldest": "Legrégebbi",
    "Number, descending": "Szám szerint csökkenő",
    "Number, ascending": "Szám szerint növekvő",
    "Check the bulk action.": "Ellenőrizze a csoportos műveletet.",
    "Choose a change to apply.": "Válassza ki az alkalmazandó módosítást.",
    "%(count)d ticket updated.": ["%(count)d jegy frissítve.", "%(count)d jegy frissítve."],
    "Ticket %(id)s not updated: %(reason)s": "A(z) %(id)s jegy nem frissült: %(reason)s",
    "No ticket with that number.": "Nincs ilyen számú jegy.",
    "Unknown ticket number.": "Ismeretlen jegyszám.",
    "%(count)d ticket merged into %(target)s.": [
        "%(count)d jegy összevonva a következővel: %(target)s.",
        "%(count)d jegy összevonva a következővel: %(target)s.",
    ],
    "Check the view name and filters.": "Ellenőrizze a nézet nevét és a szűrőket.",
    "View saved.": "Nézet mentve.",
    "View deleted.": "Nézet törölve.",
    "Child": "Gyermek",
    "Parent": "Szülő",
    "Too many files.": "Túl sok fájl.",
    "At most 20 files at once.": "Egyszerre legfeljebb 20 fájl.",
    "Internal note added.": "Belső megjegyzés hozzáadva.",
    "Reply sent.": "Válasz elküldve.",
    "Ticket updated.": "Jegy frissítve.",
    "Linked to %(number)s.": "Összekapcsolva a következővel: %(number)s.",
    "Merged into %(number)s.": "Összevonva a következővel: %(number)s.",
    "Split into %(number)s.": "Szétválasztva ebbe: %(number)s.",
    "Too many sign-in attempts. Please wait a few minutes and try again.": (
        "Túl sok bejelentkezési kísérlet. Kérjük, várjon néhány percet, majd próbálja újra."
    ),
    "Show %(counter)s earlier entry": [
        "%(counter)s korábbi bejegyzés megjelenítése",
        "%(counter)s korábbi bejegyzés megjelenítése",
    ],
    "%(count)d+": "%(count)d+",
    "More than %(count)d tickets": "Több mint %(count)d jegy",
    # --- E-mail: folded quotes in the timeline (email_gateway.templatetags.mailtext) ---
    "Show quoted text": "Idézett szöveg megjelenítése",
    # --- E-mail: outbound replies, acknowledgements, delivery state ----------------------------------
    "On %(when)s, %(who)s wrote:": "%(when)s időpontban %(who)s ezt írta:",
    "We received your request: %(subject)s": "Megkaptuk a kérését: %(subject)s",
    "Hello,": "Tisztelt Ügyfelünk,",
    "Thank you for your message. We have opened request %(number)s and will answer as soon as we can.": (
        "Köszönjük az üzenetét. Megnyitottuk a(z) %(number)s kérést, és amint lehet, válaszolunk."
    ),
    "To add information, reply to this e-mail and keep the ticket number in the subject.": (
        "Ha kiegészítené, válaszoljon erre az e-mailre, és hagyja a jegy számát a tárgyban."
    ),
    "You can follow your request here:": "A kérését itt követheti:",
    "This is an automatic message.": "Ez egy automatikus üzenet.",
    "The recipient %(address)s is marked undeliverable after a bounce.": (
        "A(z) %(address)s címzett egy visszapattanás után kézbesíthetetlennek van jelölve."
    ),
    "The mail was not sent: an address is invalid.": "Az e-mail nem lett elküldve: egy cím érvénytelen.",
    "The reply could not be delivered after %(n)s attempts: %(error)s": (
        "A választ %(n)s próbálkozás után sem sikerült kézbesíteni: %(error)s"
    ),
    "Mail delivery failed.": "Az e-mail kézbesítése nem sikerült.",
    "Mail": "E-mail",
    "Queued": "Sorban áll",
    "Sent": "Elküldve",
    "Skipped": "Kihagyva",
    "Failed": "Sikertelen",
    "Retrying": "Újrapróbálás",
    "Temporarily undeliverable": "Átmenetileg kézbesíthetetlen",
    "Unknown language.": "Ismeretlen nyelv.",
    "Too many saved views.": "Túl sok mentett nézet.",
    "At most %(n)s views.": "Legfeljebb %(n)s nézet.",
    "View not found.": "A nézet nem található.",
    # --- Automation: actions (supportdesk.automation.registry) ---------------------------------------
    "Invalid action.": "Érvénytelen művelet.",
    'An action is an object with an "action" name.': "A művelet olyan objektum, amelynek nevét az „action” mező adja meg.",
    "Unknown action.": "Ismeretlen művelet.",
    "Unknown action; use one of: %(names)s.": "Ismeretlen művelet; használható: %(names)s.",
}

from supportdesk.locale.catalog.hu_mail import MAIL  # noqa: E402

TRANSLATIONS.update(MAIL)

from supportdesk.locale.catalog.hu_sla import SLA  # noqa: E402

TRANSLATIONS.update(SLA)

from supportdesk.locale.catalog.hu_automation import AUTOMATION  # noqa: E402

TRANSLATIONS.update(AUTOMATION)

from supportdesk.locale.catalog.hu_kb import KB  # noqa: E402
from supportdesk.locale.catalog.hu_portal import PORTAL  # noqa: E402

TRANSLATIONS.update(PORTAL)
TRANSLATIONS.update(KB)

from supportdesk.locale.catalog.hu_ai import AI  # noqa: E402

TRANSLATIONS.update(AI)

from supportdesk.locale.catalog.hu_assist import ASSIST  # noqa: E402
from supportdesk.locale.catalog.hu_llm import LLM  # noqa: E402

TRANSLATIONS.update(ASSIST)
TRANSLATIONS.update(LLM)

from supportdesk.locale.catalog.hu_reports_ui import REPORTS_UI  # noqa: E402

TRANSLATIONS.update(REPORTS_UI)

from supportdesk.locale.catalog.hu_reports_api import REPORTS_API  # noqa: E402

TRANSLATIONS.update(REPORTS_API)
