"""Bounces: RFC 3464 delivery status notifications and the common non-standard formats.

A DSN names the failed recipient, a status code and (in the returned headers) the Message-ID of
our mail, so intake can mark that article failed instead of opening a ticket (BAD-INPUTS 4, 5).
Non-standard bounces (qmail, old Exim, Exchange, providers) are recognised by their sender or
subject and read with a few patterns; hard means a permanent 5.x.x status.
"""

from __future__ import annotations

import re
from email import message_from_string
from email.message import Message

from supportdesk.email_gateway.identity import normalize_message_id
from supportdesk.email_gateway.parsing.charsets import recover_surrogates
from supportdesk.email_gateway.parsing.types import DeliveryReport

_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_SMTP_CODE = re.compile(r"(?:^|[\s(:\[])([45])([0-9])([0-9])(?:[\s-]|$)", re.MULTILINE)
_EMAIL = re.compile(r"<?([A-Za-z0-9._%+=/'!#$&*?^`{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?")
_MESSAGE_ID = re.compile(r"^Message-ID:\s*<?([^\s<>]+@[^\s<>]+)>?", re.IGNORECASE | re.MULTILINE)
_BOUNCE_SENDER = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce)", re.IGNORECASE)
_BOUNCE_WORDS = (
    r"(undeliver|undelivered|delivery (status notification|failure|has failed|notification)|mail delivery|"
    r"returned mail|failure notice|non[- ]?delivery|nondeliverable|delivery problem|could not be delivered|"
    r"unzustellbar|nicht zugestellt|warning: could not send|mail system error|rejected|delivery report)"
)
# The lookahead holds the first letters of the words: it changes no match, but lets the regex
# engine pass over most positions without trying every word (a third of the time per subject).
_BOUNCE_SUBJECT = re.compile(r"(?=[cdfmnruw])" + _BOUNCE_WORDS, re.IGNORECASE)
# Phrases of non-standard bounces -> the status they mean (checked in order).
_PHRASES = [
    (
        re.compile(r"(mailbox|inbox|quota|disk|storage).{0,40}(full|exceeded|over)|over ?quota|insufficient (disk )?(space|storage)", re.I),
        "5.2.2",
    ),
    (
        re.compile(
            r"(user|mailbox|recipient|address|account).{0,40}(unknown|not (found|exist)|does not exist|doesn't exist|"
            r"no such|invalid|unavailable|disabled|rejected)|no (such )?(mailbox|user)|unknown (user|recipient|local)|"
            r"no mailbox here|not our customer|not listed in",
            re.I,
        ),
        "5.1.1",
    ),
    (
        re.compile(
            r"host (not found|unknown)|unrouteable|domain (not found|does not exist)|no (mx|dns|mail host)|name service error|hostunknown",
            re.I,
        ),
        "5.1.2",
    ),
    (re.compile(r"(timed? ?out|retry time|too long|delayed|could not be delivered for|deferred|temporar)", re.I), "4.4.7"),
    (re.compile(r"spam|blocked|blacklist|block ?list|reputation|policy|denied|refused|rejected", re.I), "5.7.1"),
]
# Where the human-readable part of a non-standard bounce ends and the returned mail begins.
_RETURNED = re.compile(
    r"^.*\b(original message|returned message|message headers follow|headers of the original|undelivered message|"
    r"below this line is a copy|original message headers)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)
_FAILED_ACTIONS = ("failed", "delayed", "")


def _text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload.decode("utf-8", errors="replace")
    return recover_surrogates(str(part.get_payload() or ""))


def _status(value: str) -> str:
    match = _STATUS.search(value or "")
    return ".".join(match.groups()) if match else ""


def _returned_message_id(message: Message) -> str:
    """The Message-ID of the bounced mail, from a message/rfc822 or text/rfc822-headers part."""
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type in ("message/rfc822", "message/global", "message/rfc822-headers"):
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message) and inner[0].get("Message-ID"):
                return normalize_message_id(recover_surrogates(str(inner[0]["Message-ID"])))
        if content_type == "text/rfc822-headers":
            value = message_from_string(_text(part)).get("Message-ID")
            if value:
                return normalize_message_id(str(value))
    return ""


def _dsn(message: Message) -> DeliveryReport | None:
    for part in message.walk():
        if part.get_content_type() not in ("message/delivery-status", "message/global-delivery-status"):
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            blocks = [message_from_string(block) for block in _text(part).split("\n\n") if block.strip()]
        for block in blocks[1:] or blocks:
            if not isinstance(block, Message):
                continue
            action = str(block.get("Action", "")).strip().lower()
            recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            if not recipient or action not in (*_FAILED_ACTIONS, "delivered", "relayed", "expanded"):
                continue
            diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
            status = _status(str(block.get("Status", ""))) or _status(diagnostic)
            if not status and action == "delayed":
                status = "4.0.0"
            email = _EMAIL.search(recipient.rpartition(";")[2] or recipient)
            return DeliveryReport(
                status=status,
                recipient=email.group(1).lower() if email else "",
                original_message_id=_returned_message_id(message),
                hard=status.startswith("5"),
                diagnostic=diagnostic[:1000],
            )
    return None


def _body_text(message: Message, limit: int = 200_000) -> str:
    texts: list[str] = []
    for part in message.walk():
        if part.get_content_maintype() == "text" and len(texts) < 20:
            texts.append(_text(part)[:limit])
    return "\n".join(texts)


def _non_standard(message: Message, from_email: str, subject: str) -> DeliveryReport | None:
    failed_header = recover_surrogates(str(message.get("X-Failed-Recipients", "")))
    local = from_email.partition("@")[0]
    if not (failed_header or _BOUNCE_SENDER.match(local) or _BOUNCE_SUBJECT.search(subject)):
        return None
    body = _body_text(message)
    returned = _RETURNED.search(body)
    head = body[: returned.start()] if returned and returned.start() > 0 else body
    status = _status(head)
    if not status:
        status = next((code for pattern, code in _PHRASES if pattern.search(head)), "")
        smtp = _SMTP_CODE.search(head)
        if smtp and not status:
            status = f"{smtp.group(1)}.0.0"
    recipient_match = _EMAIL.search(failed_header) or next(
        (m for m in _EMAIL.finditer(head) if not _BOUNCE_SENDER.match(m.group(1)) and m.group(1).lower() != from_email),
        None,
    )
    if not status and not recipient_match:
        return None
    message_ids = _MESSAGE_ID.findall(body)
    return DeliveryReport(
        status=status,
        recipient=recipient_match.group(1).lower() if recipient_match else "",
        original_message_id=normalize_message_id(message_ids[0]) if message_ids else _returned_message_id(message),
        hard=status.startswith("5"),
        diagnostic=" ".join(head.split())[:1000],
    )


def delivery_report(message: Message, *, from_email: str, subject: str) -> DeliveryReport | None:
    """The bounce this message reports, or None when it is not a bounce. Never raises on bad input."""
    if message.get_content_type() == "multipart/report" and str(message.get_param("report-type") or "").lower() == "feedback-report":
        return None  # ARF abuse complaints are not delivery failures (classify marks them automatic)
    report = _dsn(message)
    if report is not None:
        if not report.original_message_id:
            ids = _MESSAGE_ID.findall(_body_text(message))
            report = DeliveryReport(
                report.status, report.recipient, normalize_message_id(ids[0]) if ids else "", report.hard, report.diagnostic
            )
        return report
    return _non_standard(message, from_email, subject)
