"""German translations of the knowledge base and help centre (categories, articles, translations,
versions, review, editor, composer panel, public pages, search, feedback); merged into de.TRANSLATIONS.
Split out of de_portal.py to keep each table file short; the terms are listed there."""

KB: dict[str, str | list[str]] = {
    # --- Knowledge base: choices, models and version history (kb.choices, kb.models, kb.selectors, kb.versions) ---
    "Articles": "Artikel",
    "FAQ": "FAQ",
    "Public": "Öffentlich",
    "Internal": "Intern",
    "Draft": "Entwurf",
    "In review": "In Prüfung",
    "Published": "Veröffentlicht",
    "Archived": "Archiviert",
    "parent": "übergeordnete Kategorie",
    "slug": "URL-Kürzel",
    "visibility": "Sichtbarkeit",
    "descriptions": "Beschreibungen",
    "category": "Kategorie",
    "title": "Titel",
    "author": "Autor",
    "reviewer": "Prüfer",
    "Translation added": "Übersetzung hinzugefügt",
    "Edited": "Bearbeitet",
    "Submitted for review": "Zur Prüfung eingereicht",
    "Withdrawn from review": "Aus der Prüfung zurückgezogen",
    "Approved and published": "Genehmigt und veröffentlicht",
    "Sent back for changes": "Zur Überarbeitung zurückgegeben",
    "Unpublished": "Veröffentlichung aufgehoben",
    "Unarchived": "Aus dem Archiv geholt",
    "Restored": "Wiederhergestellt",
    "Unknown visibility.": "Unbekannte Sichtbarkeit.",
    "Version not found.": "Version nicht gefunden.",
    "image": "Bild",
    "Changes from version %(old)d to version %(new)d": "Änderungen von Version %(old)d zu Version %(new)d",
    # --- Knowledge base: access and article actions (kb.access, kb.actions, api/routers/kb.py) --------
    "Category not found.": "Kategorie nicht gefunden.",
    "Only admins may manage knowledge base categories.": "Nur Administratoren dürfen Kategorien der Wissensdatenbank verwalten.",
    "Only supervisors and admins may do this.": "Nur Teamleiter und Administratoren dürfen das tun.",
    "Archived articles cannot be edited; unarchive it first.": (
        "Archivierte Artikel können nicht bearbeitet werden; holen Sie den Artikel zuerst aus dem Archiv."
    ),
    "Only supervisors and admins may edit an article that is in review or published.": (
        "Nur Teamleiter und Administratoren dürfen einen Artikel bearbeiten, der in Prüfung oder veröffentlicht ist."
    ),
    "This article is published: only supervisors and admins may change it.": (
        "Dieser Artikel ist veröffentlicht: Nur Teamleiter und Administratoren dürfen ihn ändern."
    ),
    "Please correct the article.": "Bitte korrigieren Sie den Artikel.",
    "The article is too long.": "Der Artikel ist zu lang.",
    "At most %(count)d characters of HTML.": "Höchstens %(count)d Zeichen HTML.",
    "Use one of: %(codes)s.": "Verwenden Sie einen dieser Werte: %(codes)s.",
    "Please correct the note.": "Bitte korrigieren Sie die Notiz.",
    "Unknown category.": "Unbekannte Kategorie.",
    "Send the version you edited.": "Geben Sie die Version an, die Sie bearbeitet haben.",
    "Required to change a translation.": "Erforderlich, um eine Übersetzung zu ändern.",
    "Someone saved this article after you opened it (it is now at version %(n)d). Reload it and apply your changes again.": (
        "Jemand hat diesen Artikel gespeichert, nachdem Sie ihn geöffnet haben (er ist jetzt bei Version %(n)d). Laden Sie ihn neu und "
        "nehmen Sie Ihre Änderungen erneut vor."
    ),
    "Stale version.": "Veraltete Version.",
    "Use public or internal.": "Verwenden Sie public oder internal.",
    "This article already has a translation in this language.": "Dieser Artikel hat bereits eine Übersetzung in dieser Sprache.",
    "Exists.": "Existiert bereits.",
    "Unknown state change.": "Unbekannte Statusänderung.",
    "This is not possible while the article is %(state)s.": "Dies ist im Status „%(state)s“ nicht möglich.",
    "Not possible in this state.": "In diesem Status nicht möglich.",
    "Say what should change.": "Geben Sie an, was geändert werden soll.",
    "Write the article before it goes to review or is published.": (
        "Schreiben Sie den Artikel, bevor er zur Prüfung geht oder veröffentlicht wird."
    ),
    "Empty.": "Leer.",
    "Only supervisors and admins may restore versions of articles that are not archived.": (
        "Nur Teamleiter und Administratoren dürfen Versionen von Artikeln wiederherstellen, die nicht archiviert sind."
    ),
    "This version's text is the current text.": "Der Text dieser Version ist der aktuelle Text.",
    "Nothing to restore.": "Nichts wiederherzustellen.",
    "At most %(n)s.": "Höchstens %(n)s.",
    "Give texts.": "Geben Sie Texte an.",
    "Too many related articles.": "Zu viele verwandte Artikel.",
    "An article cannot be related to itself.": "Ein Artikel kann nicht mit sich selbst verwandt sein.",
    "Not itself.": "Nicht mit sich selbst.",
    "Unknown related article.": "Unbekannter verwandter Artikel.",
    "Too many attachments.": "Zu viele Anhänge.",
    "At most %(n)s per article.": "Höchstens %(n)s je Artikel.",
    "Not an image.": "Kein Bild.",
    "Upload a PNG, JPEG, GIF or WebP image.": "Laden Sie ein PNG-, JPEG-, GIF- oder WebP-Bild hoch.",
    "Create a knowledge base category first.": "Legen Sie zuerst eine Kategorie in der Wissensdatenbank an.",
    "No category exists.": "Es gibt keine Kategorie.",
    "Untitled": "Ohne Titel",
    # --- Knowledge base: categories (kb.actions.categories, kb.forms, categories.html, category_form.html) ---
    "Please correct the category.": "Bitte korrigieren Sie die Kategorie.",
    "Give a text per language code.": "Geben Sie einen Text je Sprachcode an.",
    "Unknown language; use one of: %(codes)s.": "Unbekannte Sprache; verwenden Sie einen dieser Codes: %(codes)s.",
    "Give the name in at least one language.": "Geben Sie den Namen in mindestens einer Sprache an.",
    "Use a number from 0 to %(max)d.": "Verwenden Sie eine Zahl von 0 bis %(max)d.",
    "Lower-case letters, digits and single hyphens; at most %(count)d characters.": (
        "Kleinbuchstaben, Ziffern und einzelne Bindestriche; höchstens %(count)d Zeichen."
    ),
    "Another category has this slug.": "Eine andere Kategorie hat bereits dieses URL-Kürzel.",
    "A category cannot be moved into itself or one of its subcategories.": (
        "Eine Kategorie kann nicht in sich selbst oder eine ihrer Unterkategorien verschoben werden."
    ),
    "This would make a cycle.": "Das würde einen Zyklus erzeugen.",
    "Categories nest at most %(count)d levels deep.": "Kategorien lassen sich höchstens %(count)d Ebenen tief verschachteln.",
    "Too deep.": "Zu tief verschachtelt.",
    "Taken.": "Bereits vergeben.",
    "This category has subcategories: move or delete them first.": (
        "Diese Kategorie hat Unterkategorien: Verschieben oder löschen Sie diese zuerst."
    ),
    "This category has articles: move them to another category first.": (
        "Diese Kategorie enthält Artikel: Verschieben Sie diese zuerst in eine andere Kategorie."
    ),
    "An FAQ shows its articles as questions and answers.": "Eine FAQ zeigt ihre Artikel als Fragen und Antworten.",
    "Parent category": "Übergeordnete Kategorie",
    "Slug": "URL-Kürzel",
    "Empty: made from the name.": "Leer: wird aus dem Namen gebildet.",
    "(top level)": "(oberste Ebene)",
    "Description (%(language)s)": "Beschreibung (%(language)s)",
    "Category created.": "Kategorie angelegt.",
    "Category saved.": "Kategorie gespeichert.",
    "Category deleted.": "Kategorie gelöscht.",
    "Name per language (at least one)": "Name je Sprache (mindestens einer)",
    "Descriptions": "Beschreibungen",
    "Categories": "Kategorien",
    "No categories yet.": "Noch keine Kategorien.",
    "New category": "Neue Kategorie",
    "Create category": "Kategorie anlegen",
    "Admins create and change categories.": "Administratoren legen Kategorien an und ändern sie.",
    "All categories": "Alle Kategorien",
    "Category %(slug)s": "Kategorie %(slug)s",
    "Delete category": "Kategorie löschen",
    "Only an empty category can be deleted: move its subcategories and articles first.": (
        "Nur eine leere Kategorie kann gelöscht werden: Verschieben Sie zuerst ihre Unterkategorien und Artikel."
    ),
    # --- Knowledge base: agent pages, editor and review (kb.views_agent, kb.forms, kb/agent/*) --------
    "Title": "Titel",
    "What did you change? (optional)": "Was haben Sie geändert? (optional)",
    "Category": "Kategorie",
    "Visibility": "Sichtbarkeit",
    "Internal articles are only for agents, never on the help centre.": (
        "Interne Artikel sind nur für Agenten bestimmt und erscheinen nie im Hilfe-Center."
    ),
    "Separated by commas.": "Durch Kommas getrennt.",
    "Related articles": "Verwandte Artikel",
    "Article numbers, separated by commas.": "Artikelnummern, durch Kommas getrennt.",
    "Use article numbers, separated by commas.": "Verwenden Sie Artikelnummern, durch Kommas getrennt.",
    "Submit for review": "Zur Prüfung einreichen",
    "Withdraw from review": "Aus der Prüfung zurückziehen",
    "Approve and publish": "Genehmigen und veröffentlichen",
    "Send back": "Zurückgeben",
    "Publish": "Veröffentlichen",
    "Unpublish": "Veröffentlichung aufheben",
    "Archive": "Archivieren",
    "Unarchive": "Aus dem Archiv holen",
    "Draft saved.": "Entwurf gespeichert.",
    "Saved as version %(n)d.": "Als Version %(n)d gespeichert.",
    "Translation saved as a draft.": "Übersetzung als Entwurf gespeichert.",
    "The article is now: %(state)s.": "Der Artikel ist jetzt: %(state)s.",
    "Version %(old)d restored as version %(new)d.": "Version %(old)d als Version %(new)d wiederhergestellt.",
    "Article settings saved.": "Artikeleinstellungen gespeichert.",
    "Choose a file.": "Wählen Sie eine Datei aus.",
    "File added.": "Datei hinzugefügt.",
    "File removed.": "Datei entfernt.",
    "Draft created from the ticket. Check the text before you submit it: it is internal until you change that.": (
        "Entwurf aus dem Ticket erstellt. Prüfen Sie den Text, bevor Sie ihn einreichen: Er bleibt intern, bis Sie das ändern."
    ),
    "A knowledge base draft from the question and the last public reply (never internal notes)": (
        "Ein Entwurf für die Wissensdatenbank aus der Frage und der letzten öffentlichen Antwort (niemals aus internen Notizen)"
    ),
    "Turn into KB draft": "In Wissensdatenbank-Entwurf umwandeln",
    "Uploading…": "Wird hochgeladen …",
    "The upload failed.": "Das Hochladen ist fehlgeschlagen.",
    "Use an address starting with https://, http://, mailto: or /.": (
        "Verwenden Sie eine Adresse, die mit https://, http://, mailto: oder / beginnt."
    ),
    "Formatting": "Formatierung",
    "Bold": "Fett",
    "Italic": "Kursiv",
    "Heading": "Überschrift",
    "Subheading": "Zwischenüberschrift",
    "Paragraph": "Absatz",
    "Bulleted list": "Aufzählung",
    "Numbered list": "Nummerierte Liste",
    "Link address (https://…)": "Linkadresse (https://…)",
    "Code": "Code",
    "Insert an image": "Bild einfügen",
    "Image": "Bild",
    "Edit the HTML": "HTML bearbeiten",
    "HTML": "HTML",
    "Images can be added while the article is not published, or by supervisors and admins.": (
        "Bilder können hinzugefügt werden, solange der Artikel nicht veröffentlicht ist, oder von Teamleitern und Administratoren."
    ),
    "Save the draft first; then you can add images.": "Speichern Sie zuerst den Entwurf; dann können Sie Bilder hinzufügen.",
    "Review queue": "Zu prüfen",
    "New article": "Neuer Artikel",
    "Author": "Autor",
    "Other languages": "Andere Sprachen",
    "Languages": "Sprachen",
    "Add translation": "Übersetzung hinzufügen",
    "version %(n)s": "Version %(n)s",
    "Q:": "F:",
    "Edit": "Bearbeiten",
    "View on the help centre": "Im Hilfe-Center ansehen",
    "Note (required to send back)": "Notiz (zum Zurückgeben erforderlich)",
    "Note for the reviewer (optional)": "Notiz für den Prüfer (optional)",
    "No text yet.": "Noch kein Text.",
    "Versions": "Versionen",
    "What": "Was",
    "Who": "Wer",
    "Changes": "Änderungen",
    "Compare with current": "Mit aktueller Version vergleichen",
    "Restore": "Wiederherstellen",
    "About this translation": "Über diese Übersetzung",
    "Reviewer": "Prüfer",
    "Helpful": "Hilfreich",
    "%(yes)s yes · %(no)s no": "%(yes)s ja · %(no)s nein",
    "Drafted from": "Entworfen aus",
    "Article": "Artikel",
    "Change visibility, category, tags, related": "Sichtbarkeit, Kategorie, Tags, verwandte Artikel ändern",
    "Published articles are changed by supervisors and admins.": (
        "Veröffentlichte Artikel werden von Teamleitern und Administratoren geändert."
    ),
    "Files and images": "Dateien und Bilder",
    "No files.": "Keine Dateien.",
    "File": "Datei",
    "Upload": "Hochladen",
    "Feedback comments": "Kommentare aus Rückmeldungen",
    "Not helpful": "Nicht hilfreich",
    "No comments yet.": "Noch keine Kommentare.",
    "Version %(old)s → version %(new)s": "Version %(old)s → Version %(new)s",
    "Compare the text": "Text vergleichen",
    "Compare the HTML": "HTML vergleichen",
    "lines added: %(added)s, removed: %(removed)s": "Zeilen hinzugefügt: %(added)s, entfernt: %(removed)s",
    "Restore version %(n)s": "Version %(n)s wiederherstellen",
    "Edit (%(language)s)": "Bearbeiten (%(language)s)",
    "You cannot edit this article in its current state.": "Sie können diesen Artikel in seinem aktuellen Status nicht bearbeiten.",
    "Your text was not saved because someone else saved a newer version. Your text is still below: copy what you need, then reload the "
    "article to see the newer version.": (
        "Ihr Text wurde nicht gespeichert, weil jemand anderes eine neuere Version gespeichert hat. Ihr Text steht noch unten: Kopieren "
        "Sie, was Sie brauchen, und laden Sie dann den Artikel neu, um die neuere Version zu sehen."
    ),
    "This article exists in every language.": "Diesen Artikel gibt es bereits in jeder Sprache.",
    "There is no category yet: an admin creates one under Categories first.": (
        "Es gibt noch keine Kategorie: Ein Administrator legt zuerst eine unter Kategorien an."
    ),
    "Save draft": "Entwurf speichern",
    "Cancel": "Abbrechen",
    "Words in the title or text": "Wörter im Titel oder Text",
    "Best matches first.": "Beste Treffer zuerst.",
    "No articles match.": "Keine passenden Artikel.",
    "Translations submitted for review, longest waiting first. Supervisors and admins approve them or send them back with a note.": (
        "Zur Prüfung eingereichte Übersetzungen, die am längsten wartenden zuerst. Teamleiter und Administratoren genehmigen sie oder "
        "geben sie mit einer Notiz zurück."
    ),
    "Nothing is waiting for review.": "Nichts wartet auf Prüfung.",
    # --- Knowledge base: the reply composer panel (kb.views_composer, kb/composer/*) ------------------
    "Search the knowledge base": "Wissensdatenbank durchsuchen",
    "Find an article to link or quote…": "Artikel zum Verlinken oder Zitieren suchen …",
    "Article language": "Artikelsprache",
    "All languages": "Alle Sprachen",
    "Insert link": "Link einfügen",
    "Insert text": "Text einfügen",
    "No article matches.": "Kein Artikel passt.",
    "This article is not public; customers cannot open a link to it.": (
        "Dieser Artikel ist nicht öffentlich; Kunden können einen Link darauf nicht öffnen."
    ),
    # --- Help centre: public pages, search and feedback (kb.views_public, kb.feedback, kb/public/*, api/routers/kb_public.py) ---
    "Help centre": "Hilfe-Center",
    "You already gave feedback on this article today.": "Sie haben heute bereits eine Rückmeldung zu diesem Artikel gegeben.",
    "The comment is too long (at most %(max)d characters).": "Der Kommentar ist zu lang (höchstens %(max)d Zeichen).",
    "At most %(max)d characters.": "Höchstens %(max)d Zeichen.",
    "Please choose yes or no.": "Bitte wählen Sie Ja oder Nein.",
    "Too many answers from your network. Please try again later.": (
        "Zu viele Antworten aus Ihrem Netzwerk. Bitte versuchen Sie es später erneut."
    ),
    "Thank you for your feedback.": "Vielen Dank für Ihre Rückmeldung.",
    "You already told us what you think of this article today. Thank you.": (
        "Sie haben uns heute bereits gesagt, was Sie von diesem Artikel halten. Vielen Dank."
    ),
    "Was this article helpful?": "War dieser Artikel hilfreich?",
    "Comment (optional)": "Kommentar (optional)",
    "What was missing or unclear?": "Was hat gefehlt oder war unklar?",
    "Yes, it helped": "Ja, das hat geholfen",
    "No": "Nein",
    "Search the help centre": "Hilfe-Center durchsuchen",
    "Search articles…": "Artikel suchen …",
    "Breadcrumb": "Navigationspfad",
    "Preview: this article is not visible to customers.": "Vorschau: Dieser Artikel ist für Kunden nicht sichtbar.",
    "Languages of this page": "Sprachen dieser Seite",
    "Subcategories": "Unterkategorien",
    "Frequently asked questions": "Häufig gestellte Fragen",
    "Open as a page": "Als Seite öffnen",
    "No questions here yet.": "Hier gibt es noch keine Fragen.",
    "%(counter)s article": ["%(counter)s Artikel", "%(counter)s Artikel"],
    "There are no public categories yet.": "Es gibt noch keine öffentlichen Kategorien.",
    "Popular articles": "Beliebte Artikel",
    "No articles here yet.": "Hier gibt es noch keine Artikel.",
    "Not available in this language": "In dieser Sprache nicht verfügbar",
    "This article is not available in this language": "Dieser Artikel ist in dieser Sprache nicht verfügbar",
    "It exists in these languages:": "Er ist in diesen Sprachen verfügbar:",
    "Search: %(q)s": "Suche: %(q)s",
    "Search results": "Suchergebnisse",
    "Too many searches from your network. Please wait a minute and try again.": (
        "Zu viele Suchanfragen aus Ihrem Netzwerk. Bitte warten Sie eine Minute und versuchen Sie es erneut."
    ),
    "No articles match “%(q)s”.": "Keine Artikel passen zu „%(q)s“.",
    "Type a few words to search the help centre.": "Geben Sie einige Wörter ein, um das Hilfe-Center zu durchsuchen.",
}
