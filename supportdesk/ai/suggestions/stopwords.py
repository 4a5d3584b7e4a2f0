"""Words that say nothing about a support problem, in the languages we serve (en, de, hu, lv).

The search index folds case and diacritics and has no stopwords (its PostgreSQL configuration is
'simple'), so suggestions drop these words before they ask the index. One union of all languages:
the ticket's language may be unknown or wrong, and a word that is a stopword in one language and
content in another is rare among the words left after the 3-letter minimum. Greetings, closings
and politeness are included: they are in every ticket and match every other ticket. Stored folded
(lower case, no diacritics), as terms.fold produces them.
"""

from __future__ import annotations

ENGLISH = """
about above after again against all also although always among and another any anyone anything are aren around
because been before being below between both but can cannot could couldn did didn does doesn doing don done down
during each either else even ever every few for from further get gets getting got had hadn has hasn have haven
having her here hers herself him himself his how however its itself just least less let like made make many may
maybe might mine more most much must myself need needs neither never nor not now off often once one only onto other
others our ours ourselves out over own per please quite rather really same seem seems shall she should shouldn since
some something still such than that the their theirs them themselves then there these they this those though through
thus too under until upon very via was wasn way well were weren what whatever when where whether which while who whom
whose why will with within without won would wouldn yes yet you your yours yourself yourselves

hello dear regards kind best thanks thank thankyou cheers sincerely greetings team support help hope soon asap
appreciate appreciated assistance advise advice let know regarding concerning issue problem question request ticket
today tomorrow yesterday currently recently unfortunately also already able unable trying tried try want wanted
would like look looking forward
"""

GERMAN = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei beim
bin bis bist bitte da dabei dadurch dafur daher damit dann darum das dass dein deine dem den denn der des dessen
deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einige etwas
euch euer eure fur gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre im in
indem ins ist jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen keiner konnen konnte machen man
manche mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie
sind so solche soll sollte sondern sonst uber um und uns unser unsere unter viel vom von vor wahrend war waren warum
was weil welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir wird wirst wo wollen
wollte wurde wurden zu zum zur zwar zwischen

hallo guten tag geehrte geehrter geehrtes damen herren liebe lieber freundlichen grussen gruss grusse gruesse
viele beste danke dank vielen herzlichen mfg support team anfrage problem frage ticket heute morgen gestern leider
bereits schon immer mochte mochten wurde wurden hilfe unterstutzung bald moglich dringend rueckmeldung ruckmeldung
"""

HUNGARIAN = """
azt ami amit amely amelyek amikor amig arra azok azon aztan azert bar csak de egy egyes egyik el elott eleg en ennek
erre ez ezek ezen ezert fel fole hogy hogyan igen ill illetve is ismet itt jol kell kellett keresztul kesz ki kivul
koszonom le lenne lesz lett meg mar mas masik mert mi miert mikor mindig mint most nagy nagyon ne nekem neki nem
nincs oda ok olyan on onnan ott pedig persze rola sajnos se sem sok szerint tehat teljesen tovabb ugy ugyanis uj
ujra utan vagy vagyok valami van vannak volt voltak

kedves tisztelt udvozlettel tisztelettel koszonettel koszonjuk koszonom kerem kerjuk szia jo napot ugyfelszolgalat
segitseg segitseget problema kerdes keres ma holnap tegnap hamarosan surgos valaszt valasz
"""

LATVIAN = """
ar bet bez bija bijis bus caur da dazi es esam esat esmu gan ir ja jau jo jus kad kam kas ka kur lai ne nav no
pa par pec pie pret sava savu tad tas tie tik tikai to tomer un uz vai var vel vien vinu vins vini visi viss zem

labdien sveiki cienijamie cienijama cienijamais paldies ludzu ar cienu labiem velejumiem atbalsts problema jautajums
pieprasijums sodien rit vakar driz steidzami atbildi atbilde
"""

STOPWORDS: frozenset[str] = frozenset(" ".join([ENGLISH, GERMAN, HUNGARIAN, LATVIAN]).split())
