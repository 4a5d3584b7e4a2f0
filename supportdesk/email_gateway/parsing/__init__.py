"""Turning raw RFC 5322 bytes into a ParsedMail. Entry point: parse_message(raw, limits=...)."""

from supportdesk.email_gateway.parsing.types import (
    Address,
    DeliveryReport,
    ParsedAttachment,
    ParsedMail,
    ParseError,
    ParseLimits,
)

__all__ = ["Address", "DeliveryReport", "ParseError", "ParseLimits", "ParsedAttachment", "ParsedMail"]

from supportdesk.email_gateway.parsing.parser import parse_message

__all__ += ["parse_message"]
