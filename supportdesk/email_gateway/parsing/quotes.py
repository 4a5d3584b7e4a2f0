"""Splitting a plain-text reply into what the sender wrote and the quoted history/signature.

The full text is always kept (Article.body_text); this only decides what the timeline shows and
what it folds away. A cut is made at the earliest of: a reply header ("On ... wrote:", "Am ...
schrieb", "... ezt írta:", "... rakstīja:"), an Outlook header block (From:/Sent:, Von:/Gesendet:,
Feladó:/Elküldve:, No:/Nosūtīts:), an "Original Message" separator, a trailing ">" quote block, a
"-- " signature or a mobile "Sent from my ..." line. When the cut would leave nothing visible
the whole text stays visible: hiding a customer's only words is worse than showing a quote.
"""

from __future__ import annotations

import re

MAX_SCAN_LINES = 5000

_VERBS = (
    r"wrote|writes|schrieb|schreef|a [ée]crit|escribi[óo]|ha scritto|scrisse|napisa[łl]\(a\)|napisa[łl]a?|"
    r"skrev|escreveu|[íi]rta|rakst[īi]ja|пишет|написал\(а\)|написала?|написав|kirjoitti|yazd[ıi]|napsal\(a\)|napsal|"
    r"写道|寫道|wrote on"
)
_REPLY_HEADER = re.compile(rf"^.{{0,600}}?(?:{_VERBS})(?:\s*[:：]|\b.{{0,80}}[:：]|\s*-{{2,}})\s*$", re.IGNORECASE)
# Gmail's date-first header: "2016-03-03 17:21 GMT+01:00 Some One <some@one.example>:".
_DATE_HEADER = re.compile(r"^\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}\b.{0,200}(?:@|<).{0,200}(?:>|:)\s*:?\s*$")
_FIELD = (
    r"from|von|de|feladó|od|van|da|från|fra|lähettäjä|от|від|kimden|no|sūtītājs|发件人|寄件者|"
    r"sent|date|gesendet|datum|envoyé|enviado|elküldve|dátum|küldve|nosūtīts|datums|skickat|sendt|inviato|data|wysłano|"
    r"wysłane|отправлено|дата|надіслано|发送时间|日期|subject|betreff|objet|asunto|tárgy|temats|onderwerp|oggetto|"
    r"ämne|emne|temat|тема|主题|to|an|à|a|para|címzett|kam|aan|till|til|do|кому|收件人|cc|kopie|másolat"
)
_HEADER_FIELD = re.compile(rf"^\s*[*_]*\s*(?:{_FIELD})\s*[*_]*\s*[:：]", re.IGNORECASE)
_FROM_FIELD = re.compile(
    r"^\s*[*_]*\s*(?:from|von|de|feladó|od|van|da|från|fra|lähettäjä|от|від|kimden|no|sūtītājs|发件人|寄件者)\s*[*_]*\s*[:：]",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"^\s*[-_=*]{2,}\s*(original message|ursprüngliche nachricht|originalnachricht|message d'origine|mensaje original|"
    r"oorspronkelijk bericht|eredeti üzenet|eredeti levél|sākotnējā ziņa|sākotnējais ziņojums|messaggio originale|"
    r"originalmeddelande|opprinnelig melding|original meddelelse|wiadomość oryginalna|исходное сообщение|"
    r"оригинальное сообщение|вихідне повідомлення|forwarded message|weitergeleitete nachricht|message transféré|"
    r"mensaje reenviado|továbbított üzenet|pārsūtīta ziņa|doorgestuurd bericht|原始邮件|原始郵件)\s*[-_=*]*\s*$",
    re.IGNORECASE,
)
_FORWARD_START = re.compile(r"^\s*(begin forwarded message|anfang der weitergeleiteten nachricht)\s*:?\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:[-_]\s*){10,}$")
_SIGNATURE = re.compile(r"^(--|-- |__|—)\s*$")
_MOBILE = re.compile(
    r"^\s*(sent from my |sent from (yahoo|mail for windows|outlook|aol|samsung)|get outlook for |von meinem \S+ gesendet|"
    r"gesendet von meinem|envoyé de mon |enviado desde mi |enviado do meu |inviato da |verzonden met |"
    r"küldve .{0,40}(iphone|androidról|készülékről)|nosūtīts no mana |envoyé depuis mon |sendt fra min |skickat från min |"
    r"verstuurd vanaf mijn |wysłane z mojego |отправлено с моего )",
    re.IGNORECASE,
)


def _is_reply_header(chunk: str) -> bool:
    """_REPLY_HEADER.match, skipped when the chunk lacks the ":" or "--" the pattern ends with.

    The lazy prefix tries every verb at up to 600 positions, which is slow on long lines that
    cannot match anyway (test_quotes: 2,000 long "On xxx" lines).
    """
    return (":" in chunk or "：" in chunk or "--" in chunk) and _REPLY_HEADER.match(chunk) is not None


def _is_quote(line: str) -> bool:
    return line.lstrip().startswith(">")


def _reply_header_at(lines: list[str], index: int) -> int:
    """How many lines (1-3) starting at `index` form an "On <date>, <name> wrote:" header; 0 if none."""
    first = lines[index].strip().lstrip(">").strip()
    if not first:
        return 0
    for span in (1, 2, 3, 4):
        parts = [line.strip().lstrip(">").strip() for line in lines[index : index + span]]
        if index + span > len(lines) or not parts[-1] or (span > 1 and not re.search(r"[\d@<]", first)):
            break
        chunk = " ".join(parts)
        if (_is_reply_header(chunk) and re.search(r"[\d@<]", chunk)) or _DATE_HEADER.match(chunk):
            return span
    return 0


def _header_block_at(lines: list[str], index: int) -> bool:
    """An Outlook-style block: a From:/Von:/Feladó: line with another header field right after."""
    if not _FROM_FIELD.match(lines[index]):
        return False
    following = [line for line in lines[index + 1 : index + 7] if line.strip()][:4]
    return sum(1 for line in following if _HEADER_FIELD.match(line)) >= 2 or (
        bool(following) and _HEADER_FIELD.match(following[0]) is not None and len(following) == 1
    )


def _trailing_quote_start(lines: list[str]) -> int | None:
    """Start of a ">" block after which only quotes and blank lines follow."""
    start = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if _is_quote(line):
            start = index
        elif line.strip():
            break
    return start


def _cut(lines: list[str]) -> int | None:
    quote_start = _trailing_quote_start(lines)
    for index, line in enumerate(lines):
        if quote_start is not None and index >= quote_start:
            return _with_header_before(lines, quote_start)
        if _SIGNATURE.match(line) or _MOBILE.match(line) or _SEPARATOR.match(line) or _FORWARD_START.match(line):
            return index
        if _is_quote(line):
            continue
        if _reply_header_at(lines, index) or _header_block_at(lines, index):
            return index
        if _RULE.match(line) and any(_header_block_at(lines, i) for i in range(index + 1, min(index + 4, len(lines)))):
            return index
    return None


def _with_header_before(lines: list[str], quote_start: int) -> int:
    """Pull the cut up to an "On ... wrote:" line (any form) just above a trailing quote block."""
    index = quote_start - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    for span in (1, 2, 3):
        first = index - span + 1
        if first < 0:
            break
        chunk = " ".join(line.strip() for line in lines[first : index + 1])
        if _is_reply_header(chunk) or chunk.endswith(":"):
            return first
    return quote_start


def split_reply(text: str) -> tuple[str, str]:
    """(visible, quoted): the new part of a reply and the folded remainder; visible + quoted keeps all lines.

    Line endings are normalised to "\\n". Pure function, linear in the text size (the scan stops
    after MAX_SCAN_LINES lines; anything later is quoted history by then or stays visible).
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    cut = _cut(lines[:MAX_SCAN_LINES])
    if cut is None:
        return text.strip("\n"), ""
    visible = "\n".join(lines[:cut]).rstrip()
    if not visible.strip():
        return text.strip("\n"), ""
    return visible.strip("\n"), "\n".join(lines[cut:]).strip("\n")
