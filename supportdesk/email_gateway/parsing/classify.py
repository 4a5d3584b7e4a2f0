"""Why a mail must never be answered: RFC 3834 auto-replies, bulk and list mail, mailer daemons.

Strong signs (headers, system senders) decide alone. An autoresponder subject ("Out of office",
"Automatische Antwort") is only a weak sign: it counts together with another sign, because
customers do write "Re: out of office problem" (BAD-INPUTS 1, 3; Zammad, OTRS loop protection).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
_SUPPRESS = {"all", "oof", "autoreply"}
_SYSTEM_LOCALPARTS = re.compile(
    r"^(mailer-daemon|mailerdaemon|postmaster|no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?|mail-daemon|"
    r"majordomo|listserv|auto[-_.]?reply|autoresponder)([+-].*)?$",
    re.IGNORECASE,
)
# Headers whose mere presence marks automatic mail (vendors' own autoresponder flags).
_FLAG_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponder", "x-mailer-daemon")
_AUTO_SUBJECT = re.compile(
    r"^\s*(auto(matic)?[ -]?(reply|response|antwort|svar)|auto:|out of (the )?office|abwesenheit|"
    r"automatische antwort|abwesenheitsnotiz|(ich bin )?nicht im b[üu]ro|r[ée]ponse automatique|absence|"
    r"automatikus v[áa]lasz|h[áa]zon k[íi]v[üu]l|szabads[áa]g|automātiska atbilde|prombūtnē|vacation|on leave)",
    re.IGNORECASE,
)
_AUTO_BODY = re.compile(
    r"(out of (the )?office|on (annual )?leave|on vacation|will be back|limited access to (my )?e-?mail|"
    r"bin (ab|bis|vom)\b.*\b(abwesend|nicht im b[üu]ro)|im urlaub|abwesend|házon kívül|szabadságon|atvaļinājumā|"
    r"this is an automatic|automatically generated|automatische antwort|automatikus válasz)",
    re.IGNORECASE,
)


def _first(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    return " ".join(value.split()).lower() if value else ""


def _strong_header_reason(headers: Mapping[str, str]) -> str:
    auto = _first(headers, "auto-submitted").split(";", 1)[0].strip()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"[:100]
    precedence = _first(headers, "precedence")
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    if "x-loop" in headers:
        return "X-Loop header"
    suppress = {item.strip() for item in _first(headers, "x-auto-response-suppress").split(",")} & _SUPPRESS
    if suppress:
        return "X-Auto-Response-Suppress: " + ", ".join(sorted(suppress))
    for name in _FLAG_HEADERS:
        if name in headers:
            return f"{name} header"
    if "list-id" in headers or "list-unsubscribe" in headers:
        return "mailing list or bulk mail (List-Id/List-Unsubscribe)"
    content_type = _first(headers, "content-type")
    if "feedback-report" in content_type or "delivery-status" in content_type:
        return "delivery or feedback report"
    if _first(headers, "return-path") in ("<>", "< >"):
        return "null return path (bounce or auto-reply)"
    return ""


def auto_submitted_reason(headers: Mapping[str, str], *, from_email: str, subject: str, text: str = "") -> str:
    """Why this mail is automatic (shown to admins), or "" when a human plausibly wrote it.

    `headers` maps lower-cased header names to their first decoded value (ParsedMail.headers).
    """
    reason = _strong_header_reason(headers)
    if reason:
        return reason
    local = from_email.rpartition("@")[0] if "@" in from_email else from_email
    if local and _SYSTEM_LOCALPARTS.match(local):
        return f"system sender ({local.lower()[:64]})"
    if _AUTO_SUBJECT.match(subject or ""):
        weak_signs = [
            bool(_AUTO_BODY.search((text or "")[:3000])),
            "x-ms-exchange-inbox-rules-loop" in headers,
            "auto" in _first(headers, "x-mailer"),
        ]
        if any(weak_signs):
            return "autoresponder subject and body"
    return ""
