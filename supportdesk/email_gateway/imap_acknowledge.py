"""Telling the IMAP server that a stored message is handled: flag it \\Seen, or move it to a folder.

Called only after intake.store_raw has committed the raw copy (imap.py keeps that order), so a crash
at any point here leaves the message where it was, unseen, and the next poll finds it stored and
only acknowledges it. Moving uses IMAP MOVE (RFC 6851) when the server offers it; otherwise COPY,
then \\Deleted, then EXPUNGE: a crash between COPY and \\Deleted can leave a second copy in the
target folder, never a lost message. Without UIDPLUS the EXPUNGE is the plain one, which also
removes other messages somebody else flagged \\Deleted in the folder (what any client's expunge does).
"""

from __future__ import annotations

import imaplib
import logging

from django.utils.translation import gettext as _
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from supportdesk.email_gateway.choices import AfterImport
from supportdesk.email_gateway.models import Mailbox

logger = logging.getLogger(__name__)

SEEN = b"\\Seen"
DELETED = b"\\Deleted"


class FolderUnavailable(Exception):
    """The target folder neither exists nor can be created; `str()` is safe to show and store."""


def moves(mailbox: Mailbox) -> bool:
    return mailbox.after_import == AfterImport.MOVE and bool(mailbox.move_folder)


def search_criteria(mailbox: Mailbox) -> list[str]:
    """Which messages of the folder are new. Moving also skips \\Deleted ones: those were copied
    already by an interrupted COPY fallback and only wait for an EXPUNGE."""
    return ["UNSEEN", "UNDELETED"] if moves(mailbox) else ["UNSEEN"]


class Acknowledger:
    """Acknowledges messages on one connection; checks (and creates) the target folder once."""

    def __init__(self, client: IMAPClient, mailbox: Mailbox) -> None:
        self.client = client
        self.mailbox = mailbox
        self._folder_ready = False

    def __call__(self, uids: list[int]) -> None:
        if not uids:
            return
        if not moves(self.mailbox):
            self.client.add_flags(uids, [SEEN])
            return
        self.ensure_folder()
        move_messages(self.client, uids, self.mailbox.move_folder)

    def ensure_folder(self) -> None:
        if self._folder_ready:
            return
        ensure_folder(self.client, self.mailbox.move_folder)
        self._folder_ready = True


def ensure_folder(client: IMAPClient, folder: str) -> None:
    """Create `folder` unless it exists. Another client creating it at the same moment is fine."""
    try:
        if client.folder_exists(folder):
            return
        client.create_folder(folder)
    except (IMAPClientError, imaplib.IMAP4.error) as exc:
        if isinstance(exc, imaplib.IMAP4.abort):
            raise  # the connection is gone: a network error, not a folder problem
        try:
            exists = client.folder_exists(folder)
        except (IMAPClientError, imaplib.IMAP4.error):
            exists = False
        if not exists:
            raise FolderUnavailable(_("The folder %(folder)s cannot be created.") % {"folder": folder}) from exc
        return
    logger.info("IMAP folder %r created for imported mail", folder)


def move_messages(client: IMAPClient, uids: list[int], folder: str) -> None:
    """Move `uids` of the selected folder to `folder`: MOVE, or COPY + \\Deleted + EXPUNGE."""
    if client.has_capability("MOVE"):
        client.move(uids, folder)
        return
    client.copy(uids, folder)
    client.add_flags(uids, [DELETED])
    if client.has_capability("UIDPLUS"):
        client.uid_expunge(uids)
    else:
        client.expunge()
