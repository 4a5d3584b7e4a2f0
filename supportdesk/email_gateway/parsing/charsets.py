"""Decoding bytes from mail in the wild into text, never raising.

Mail declares charsets that Python does not know ("iso-gb2312", "unicode-1-1-utf-7",
"x-unknown"), declares none, or lies (UTF-8 declared, Latin-1 bytes sent). Every path here ends in
text: bytes that fit no guess become U+FFFD rather than an exception, so no message is lost to a
charset (BAD-INPUTS 18; Zammad #795, #2227, #2722, #3115).
"""

from __future__ import annotations

import codecs
import functools
import re

# Labels seen in real mail that Python's codec registry does not resolve, or resolves to a codec
# that is stricter than what senders mean (mailers write "iso-8859-1" and send windows-1252).
_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "iso-gb2312": "gb18030",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cn-gb": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "big5": "big5hkscs",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "us-ascii": "utf-8",  # 8-bit bytes under an ascii label are nearly always UTF-8 or Latin-1
    "ascii": "utf-8",
    "ansi_x3.4-1968": "utf-8",
    "iso-8859-8-i": "iso-8859-8",
    "windows-874": "cp874",
    "tis-620": "cp874",
    "x-mac-roman": "mac-roman",
    "macintosh": "mac-roman",
}
# Labels that carry no information: decode as UTF-8 with the Latin-1 fallback below.
_UNKNOWN = {"", "x-unknown", "unknown", "unknown-8bit", "x-user-defined", "default", "charset", "none"}
_LABEL = re.compile(r"[^a-z0-9_.:+-]")
_FALLBACK_ERRORS = "supportdesk-cp1252-fallback"
# Codecs that decode (nearly) any byte string, so a successful decode proves nothing.
_SINGLE_BYTE = {
    codecs.lookup(n).name
    for n in ("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1257", "latin-1", "iso-8859-2", "iso-8859-15", "koi8-r", "mac-roman")
}
# What the surrogateescape error handler makes of the bytes 0x80-0xff.
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
# Supersets tried in order when the declared codec rejects the bytes (e.g. circled digits in ISO-2022-JP).
_ALTERNATES = {"iso2022_jp_ext": ("iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_2"), "cp949": ("johab",)}


def _as_utf8(data: bytes) -> str | None:
    """`data` as UTF-8 when it is valid UTF-8 and not plain ASCII, else None."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the offending bytes one by one as windows-1252 (U+FFFD for its 5 undefined bytes).

    So a UTF-8 body with a stray Latin-1 "ö" keeps both its UTF-8 text and the "ö".
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)


@functools.lru_cache(maxsize=256)
def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label is empty or unknown.

    Cached: a mail asks for the same few labels once per part and encoded word.
    """
    name = _LABEL.sub("", (label or "").strip().strip("\"'").lower())[:40]
    if name in _UNKNOWN:
        return None
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, label: str | None) -> str:
    """Text of `data` in the declared charset, falling back to UTF-8 then windows-1252; never raises."""
    codec = codec_for(label)
    if codec and codec not in ("utf-8", "ascii"):
        utf8 = _as_utf8(data)
        # Valid multibyte UTF-8 under a single-byte label is a wrong label, not a coincidence.
        if utf8 is not None and codec in _SINGLE_BYTE:
            return utf8
        for candidate in (codec, *_ALTERNATES.get(codec, ())):
            try:
                return data.decode(candidate)
            except (UnicodeDecodeError, LookupError, ValueError):
                continue
        return utf8 if utf8 is not None else data.decode(codec, errors="replace")
    if b"\x1b$" in data or b"\x1b(" in data:  # undeclared ISO-2022-JP (Japanese mailers omit the label)
        try:
            return data.decode("iso2022_jp_ext")
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors=_FALLBACK_ERRORS)


def recover_surrogates(value: str, fallback: str | None = None) -> str:
    """Header text from the stdlib parser holds raw 8-bit bytes as surrogate escapes; decode them.

    Raw 8-bit headers carry no charset: valid UTF-8 wins, else `fallback` (the body's charset, which
    is what the sending mailer used), else windows-1252.
    """
    if value.isascii() or _SURROGATE_ESCAPE.search(value) is None:
        return value
    data = value.encode("utf-8", errors="surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(data, fallback)
