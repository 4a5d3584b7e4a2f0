"""Encryption of secrets at rest (mailbox passwords, OAuth tokens, later webhook secrets).

Fernet (AES-128-CBC + HMAC-SHA256) with a key from SUPPORTDESK_ENCRYPTION_KEY, or derived from
SECRET_KEY when that is not set. Rotating the key means re-entering the secrets.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored value was encrypted with another key or is corrupt."""


def _fernet() -> Fernet:
    configured = settings.SUPPORTDESK_ENCRYPTION_KEY
    if configured:
        return Fernet(configured.encode())
    derived = hashlib.sha256((settings.SECRET_KEY + ":secrets-at-rest").encode()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt_secret(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def decrypt_secret(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("The stored secret cannot be decrypted with the current key.") from exc
