"""Processing stored inbound mail, one message or a whole batch: plan, then write together.

Every stored message goes through the same steps, in order (issue 3):
1. parse (a failure quarantines the message with the reason);
2. our own mail coming back is dropped; the content fingerprint makes a second copy a duplicate;
3. a delivery status notification marks the mail it bounces and opens nothing;
4. the thread is found (reply token, In-Reply-To/References, ticket number for participants);
5. auto-replies are kept but never answered and never open tickets;
6. a participant's mail joins its ticket; anything else opens a ticket (or waits for review).

Planning reads what it needs for the whole batch in a handful of queries (fingerprints, known
Message-IDs, candidate tickets, participants, senders) and keeps an index of what the batch itself
creates, so a reply later in the same batch threads into a ticket opened earlier in it. All writes
then happen together (tickets.actions.channel_intake, bulk inserts), in one transaction with the
row locks of the messages. If the batch cannot be written (a race on a unique key with another
worker, an unexpected error), it is rolled back and every message is processed alone, so one bad
message is quarantined without blocking the rest. A database outage propagates: the messages
stay pending and are retried.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.actions import default_group, get_or_create_customers
from supportdesk.accounts.models import Group, GroupMembership, User
from supportdesk.core.bulk import insert_rows, update_rows
from supportdesk.core.errors import ValidationFailed
from supportdesk.email_gateway import outbound
from supportdesk.email_gateway.choices import InboundSource, InboundStatus
from supportdesk.email_gateway.identity import is_own_message_id
from supportdesk.email_gateway.intake_bounces import record_bounce
from supportdesk.email_gateway.intake_raw import read_raw
from supportdesk.email_gateway.intake_tickets import forwarded_sender, incoming_message
from supportdesk.email_gateway.models import ArticleEmail, InboundFingerprint, InboundMessage, ParticipantRole, TicketParticipant
from supportdesk.email_gateway.parsing import Address, ParsedMail, ParseError, parse_message
from supportdesk.email_gateway.participants import new_participants, own_addresses
from supportdesk.email_gateway.threading import subject_numbers, survivor, thread_ids, token_ticket
from supportdesk.tickets.actions.articles import MAX_BODY
from supportdesk.tickets.actions.channel_intake import IncomingReply, IncomingTicket, write_incoming
from supportdesk.tickets.choices import Channel, State
from supportdesk.tickets.models import Article, Ticket

logger = logging.getLogger("supportdesk.email.intake")

# Statuses processing acts on; everything else is final and returned unchanged.
PROCESSABLE = frozenset({InboundStatus.PENDING, InboundStatus.QUARANTINED})
# Control headers of ours (and of the helpdesks we migrate from) are never believed from outside
# (BAD-INPUTS 13): they are dropped before any rule looks at the headers.
CONTROL_HEADER_PREFIXES = ("x-supportdesk-", "x-helpdesk-")


@dataclass(frozen=True)
class IntakeResult:
    """What processing did: the message (status, reason, ticket, article) and whether it opened a ticket."""

    inbound: InboundMessage
    created_ticket: bool = False


def content_key(parsed: ParsedMail) -> str:
    """'The same message' across re-deliveries: Message-ID plus a hash of From, Subject, Date and body
    text. IMAP re-deliveries differ only in transport headers (Received...), which are left out."""
    date = parsed.date.isoformat() if parsed.date else ""
    parts = [parsed.message_id, parsed.from_address.email, parsed.subject, date, parsed.text.strip()]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def rule_headers(parsed: ParsedMail) -> dict[str, str]:
    """The headers rules may read: the parser's decoded set, without our control headers (BAD-INPUTS 13)."""
    return {k.lower(): v for k, v in parsed.headers.items() if not k.lower().startswith(CONTROL_HEADER_PREFIXES)}


# The columns intake writes for the mail side of an imported article (ArticleEmail).
MAIL_COLUMNS = (
    "article",
    "mailbox",
    "message_id",
    "in_reply_to",
    "references",
    "inbound",
    "is_outbound",
    "delivery_status",
    "delivery_attempts",
    "delivery_error",
)

# A ticket a message relates to: one in the database, or one this batch opens.
Target = Ticket | IncomingTicket


@dataclass
class _Plan:
    """What one message will become; written by _Batch.flush."""

    inbound: InboundMessage
    parsed: ParsedMail | None = None
    claimed: bool = False  # its content fingerprint is recorded (every message past the duplicate check)
    created: bool = False
    opens: IncomingTicket | None = None
    reply: IncomingReply | None = None
    related: Target | None = None  # ticket of an ignored auto-reply, a mail held for review, a duplicate
    duplicate_of: _Plan | None = None
    fingerprint: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # rule_headers(parsed), read once
    participants: list[tuple[str, str]] = field(default_factory=list)  # (address, role)


def import_batch(
    inbound_ids: list[int], *, raw: dict[str, bytes] | None = None, stored: list[InboundMessage] | None = None
) -> list[IntakeResult]:
    """Process stored messages in the given order; idempotent (final messages are returned unchanged).

    `raw` may hold the stored bytes by hash when the caller has them in memory (the import command),
    saving a read per message. `stored` may hold rows the caller has just committed itself
    (store_raw_batch, with their mailbox): they are still locked here, but only read again when the
    lock shows another worker has touched them. Never raises for bad mail; only a database outage
    propagates (the messages stay pending).
    """
    if not inbound_ids:
        return []
    try:
        with transaction.atomic():
            return _Batch(inbound_ids, raw or {}, stored or []).run()
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        if len(inbound_ids) == 1:
            return [_quarantine_failed(inbound_ids[0], exc)]
        logger.warning("batch of %s inbound messages failed; processing them one by one", len(inbound_ids), exc_info=True)
        return [result for inbound_id in inbound_ids for result in import_batch([inbound_id])]


def _quarantine_failed(inbound_id: int, exc: Exception) -> IntakeResult:
    """A message whose import raised: quarantined with the reason, for a retry after a fix."""
    logger.warning("inbound %s could not be imported: %s", inbound_id, type(exc).__name__, exc_info=True)
    message = getattr(exc, "message", None) or str(exc)
    with transaction.atomic():
        inbound = InboundMessage.objects.select_for_update(of=("self",)).get(pk=inbound_id)
        inbound.attempts += 1
        inbound.processed_at = timezone.now()
        _quarantine(inbound, f"import failed: {type(exc).__name__}: {message}"[:500])
        inbound.save()
    return IntakeResult(inbound)


def _quarantine(inbound: InboundMessage, reason: str) -> None:
    inbound.status = InboundStatus.QUARANTINED
    inbound.reason = reason[:2000]
    logger.info("inbound %s quarantined (attempt %s): %s", inbound.pk, inbound.attempts, reason[:200])


def _finish(plan: _Plan, status: str, reason: str = "") -> None:
    plan.inbound.status = status
    plan.inbound.reason = reason[:2000]


class _Batch:
    """One batch: locks its messages, plans each in order, writes everything at the end."""

    def __init__(self, inbound_ids: list[int], raw: dict[str, bytes], stored: list[InboundMessage]) -> None:
        self.raw = raw
        by_id = _lock_rows(inbound_ids, stored)
        self.order = [by_id[pk] for pk in dict.fromkeys(inbound_ids) if pk in by_id]
        self.now = timezone.now()
        self.plans: list[_Plan] = []
        # Filled by _prefetch: what the database already knows about this batch's mail.
        self.fingerprints: dict[str, InboundMessage] = {}
        self.stored_keys: dict[str, set[str]] = {}  # Message-ID -> content keys of processed messages
        self.known_ids: dict[str, int] = {}  # Message-ID -> ticket id (first article wins)
        self.tickets: dict[int, Ticket] = {}
        self.by_number: dict[int, Ticket] = {}
        self.participants: set[tuple[int, str]] = set()
        self.group_staff: dict[int, set[str]] = {}
        self.senders: dict[str, User | ValidationFailed] = {}
        self.organizations: dict[int, int | None] = {}  # user id -> first organization id
        self.group: Group | None = None
        # What the batch itself creates, for messages later in the batch.
        self.batch_ids: dict[str, Target] = {}
        self.batch_keys: dict[str, _Plan] = {}
        self.batch_participants: set[tuple[int, str]] = set()  # (id(target), address)
        self._own: set[str] | None = None

    # --- the run ------------------------------------------------------------------------------

    def run(self) -> list[IntakeResult]:
        parsed_plans = []
        for inbound in self.order:
            plan = _Plan(inbound)
            self.plans.append(plan)
            if inbound.status not in PROCESSABLE:
                continue
            inbound.attempts += 1
            inbound.processed_at = self.now
            try:
                data = self.raw.get(inbound.raw_id)
                plan.parsed = parse_message(data if data is not None else read_raw(inbound))
            except (ParseError, OSError) as exc:
                reason = exc.reason if isinstance(exc, ParseError) else f"raw mail unreadable: {type(exc).__name__}"
                _quarantine(inbound, reason)
                continue
            parsed_plans.append(plan)
        self._prefetch(parsed_plans)
        for plan in parsed_plans:
            try:
                self._plan(plan)
            except _PlanError as exc:  # this message only; nothing of it was planned for writing
                plan.opens = plan.reply = plan.related = None
                plan.claimed = False
                plan.participants = []
                _quarantine(plan.inbound, f"import failed: ValidationFailed: {exc.message}")
                continue
            if plan.claimed:
                self.batch_keys.setdefault(plan.fingerprint, plan)
        self._flush()
        return [self._result(plan) for plan in self.plans]

    def _result(self, plan: _Plan) -> IntakeResult:
        return IntakeResult(plan.inbound, created_ticket=plan.created)

    # --- reading ahead ------------------------------------------------------------------------

    def _prefetch(self, plans: list[_Plan]) -> None:
        keys: dict[str, _Plan] = {}
        referenced: set[str] = set()
        ticket_ids: set[int] = set()
        numbers: set[int] = set()
        senders: dict[str, str] = {}
        for plan in plans:
            parsed = plan.parsed
            assert parsed is not None
            plan.fingerprint = content_key(parsed)
            keys.setdefault(plan.fingerprint, plan)
            referenced.update(thread_ids(parsed))
            plan.headers = rule_headers(parsed)
            token = token_ticket(parsed, plan.headers)
            if token is not None:
                ticket_ids.add(token)
            numbers.update(subject_numbers(parsed.subject)[:1])
            if not (parsed.auto_submitted_reason or parsed.delivery_report or is_own_message_id(parsed.message_id)):
                senders.setdefault(parsed.from_address.email, parsed.from_address.name)
        if keys:
            found = InboundFingerprint.objects.filter(key__in=list(keys)).select_related("inbound")
            self.fingerprints = {fp.key: fp.inbound for fp in found}
        message_ids = {plan.parsed.message_id for plan in plans if plan.parsed and not plan.parsed.message_id_was_missing}
        if message_ids:
            stored = InboundMessage.objects.filter(message_id__in=message_ids).exclude(status__in=PROCESSABLE)
            for message_id, key in stored.values_list("message_id", "dedupe_key"):
                self.stored_keys.setdefault(message_id, set()).add(key)
        if referenced:
            rows = ArticleEmail.objects.filter(message_id__in=list(referenced)).order_by("article_id")
            for message_id, ticket_id in rows.values_list("message_id", "article__ticket_id"):
                self.known_ids.setdefault(message_id, ticket_id)
            ticket_ids.update(self.known_ids.values())
        if ticket_ids or numbers:
            query = Ticket.objects.select_related("customer", "group").filter(pk__in=ticket_ids) | Ticket.objects.select_related(
                "customer", "group"
            ).filter(number__in=numbers)
            for ticket in query:
                self.tickets[ticket.pk] = ticket
                self.by_number[ticket.number] = ticket
        if self.tickets:
            known = TicketParticipant.objects.filter(ticket_id__in=list(self.tickets)).values_list("ticket_id", "address")
            self.participants = set(known)
            groups = {ticket.group_id for ticket in self.tickets.values()}
            members = GroupMembership.objects.filter(group_id__in=groups, user__is_active=True).values_list("group_id", "user__email")
            for group_id, email in members:
                self.group_staff.setdefault(group_id, set()).add(email.lower())
        self.senders = get_or_create_customers(senders) if senders else {}
        users = [user.pk for user in self.senders.values() if isinstance(user, User)]
        self.organizations = dict.fromkeys(users)
        if users:
            memberships = User.organizations.through.objects.filter(user_id__in=users).order_by("organization_id")
            for user_id, organization_id in memberships.values_list("user_id", "organization_id"):
                if self.organizations[user_id] is None:
                    self.organizations[user_id] = organization_id

    # --- planning one message -----------------------------------------------------------------

    def _plan(self, plan: _Plan) -> None:
        parsed = plan.parsed
        inbound = plan.inbound
        assert parsed is not None
        inbound.message_id = parsed.message_id
        if is_own_message_id(parsed.message_id):
            logger.info("inbound %s is our own mail coming back (%s); dropped", inbound.pk, parsed.message_id)
            _finish(plan, InboundStatus.IGNORED, "our own message came back")
            return
        inbound.dedupe_key = plan.fingerprint
        original = self.fingerprints.get(plan.fingerprint)
        earlier = self.batch_keys.get(plan.fingerprint)
        if original is not None and original.pk != inbound.pk:
            inbound.ticket_id, inbound.article_id = original.ticket_id, original.article_id
            _finish(plan, InboundStatus.DUPLICATE, f"duplicate of inbound message {original.pk}")
            return
        if earlier is not None:
            plan.duplicate_of = earlier
            _finish(plan, InboundStatus.DUPLICATE, f"duplicate of inbound message {earlier.inbound.pk}")
            return
        plan.claimed = True
        others = self.stored_keys.setdefault(parsed.message_id, set())
        if not parsed.message_id_was_missing and others - {plan.fingerprint}:
            # BAD-INPUTS 8: never silently discarded; imported as its own message, and logged.
            logger.warning("inbound %s reuses Message-ID %s with different content; imported separately", inbound.pk, parsed.message_id)
        others.add(plan.fingerprint)
        if parsed.delivery_report is not None:
            with transaction.atomic():
                status, reason, ticket_id, article_id = record_bounce(parsed.delivery_report, now=self.now)
            inbound.ticket_id, inbound.article_id = ticket_id, article_id
            _finish(plan, status, reason)
            return
        match, method = self._thread(parsed, plan.headers)
        reason = parsed.auto_submitted_reason
        if reason:
            plan.related = match
            _finish(plan, InboundStatus.IGNORED, f"auto-submitted ({reason})")
            return
        self._import(plan, parsed, match, method)

    def _import(self, plan: _Plan, parsed: ParsedMail, match: Target | None, method: str) -> None:
        sender = parsed.from_address.email
        if match is not None:
            if not self._is_participant(match, sender):
                logger.info("inbound %s: %s is not a participant of ticket %s", plan.inbound.pk, sender, _label(match))
                if settings.SUPPORTDESK_MAIL_NON_PARTICIPANT_POLICY == "review":
                    plan.related = match
                    _finish(plan, InboundStatus.REVIEW, f"sender is not a participant of ticket {_label(match)}")
                    return
            elif (
                isinstance(match, Ticket) and match.state == State.CLOSED and settings.SUPPORTDESK_MAIL_CLOSED_TICKET_POLICY == "new_ticket"
            ):
                pass
            else:
                author = self._user(parsed.from_address)
                message = incoming_message(parsed, author)
                _check_size(message.body_html)
                plan.reply = IncomingReply(
                    message,
                    ticket=match if isinstance(match, Ticket) else None,
                    new_ticket=match if isinstance(match, IncomingTicket) else None,
                )
                self._remember(parsed, match)
                self._add_participants(plan, match, [a.email for a in parsed.cc])
                _finish(plan, InboundStatus.PROCESSED, f"reply (matched by {method})")
                return
        self._open(plan, parsed)

    def _open(self, plan: _Plan, parsed: ParsedMail) -> None:
        """A new ticket for the From address (or for the original sender of an agent's forward)."""
        sender = self._user(parsed.from_address)
        reason = "new ticket"
        forwarder: User | None = None
        if sender.is_helpdesk_staff:
            original = forwarded_sender(parsed)
            if original is not None:
                forwarder, sender = sender, self._user(original)
                reason = "new ticket (forwarded by an agent)"
        message = incoming_message(parsed, sender)
        _check_size(message.body_html)
        mailbox = plan.inbound.mailbox
        if mailbox is not None:
            group = mailbox.group
        else:
            self.group = self.group or default_group()
            group = self.group
        opens = IncomingTicket(
            customer=sender,
            group=group,
            subject=parsed.subject.strip() or _("(no subject)"),
            channel=Channel.EMAIL,
            first=message,
            organization_id=self._organization_id(sender),
        )
        plan.opens, plan.created = opens, True
        self._remember(parsed, opens)
        self._add_participants(plan, opens, [a.email for a in parsed.cc])
        if forwarder is not None:
            self._add_participants(plan, opens, [forwarder.email], role=ParticipantRole.FORWARDER)
        _finish(plan, InboundStatus.PROCESSED, reason)

    # --- lookups from the prefetched data -----------------------------------------------------

    def _thread(self, parsed: ParsedMail, headers: dict[str, str]) -> tuple[Target | None, str]:
        """Reply token, then In-Reply-To/References (database, then this batch), then the subject number."""
        found: Target | None = None
        method = "token"
        token = token_ticket(parsed, headers)
        if token is not None:
            found = self.tickets.get(token) or Ticket.objects.select_related("customer", "group").filter(pk=token).first()
        if found is None:
            method = "headers"
            ids = thread_ids(parsed)
            for message_id in ids:
                ticket_id = self.known_ids.get(message_id)
                if ticket_id is not None:
                    found = self.tickets.get(ticket_id)
                    break
                if message_id in self.batch_ids:
                    found = self.batch_ids[message_id]
                    break
        if found is None:
            method = "subject"
            numbers = subject_numbers(parsed.subject)
            if numbers:
                found = self.by_number.get(numbers[0])
        if isinstance(found, Ticket) and found.state == State.MERGED:
            found = survivor(found)
        return found, method

    def _is_participant(self, target: Target, address: str) -> bool:
        address = (address or "").strip().lower()
        if not address:
            return False
        if target.customer.email.lower() == address:
            return True
        if (id(target), address) in self.batch_participants:
            return True
        if isinstance(target, IncomingTicket):
            return False  # opened in this batch: only its customer and the batch's participants
        if (target.pk, address) in self.participants:
            return True
        if target.group_id not in self.group_staff:
            members = GroupMembership.objects.filter(group_id=target.group_id, user__is_active=True).values_list("user__email", flat=True)
            self.group_staff[target.group_id] = {email.lower() for email in members}
        return address in self.group_staff[target.group_id]

    def _user(self, address: Address) -> User:
        if not address.email:
            raise _PlanError(ValidationFailed(_("The mail has no valid sender address.")))
        found = self.senders.get(address.email)
        if found is None:
            found = get_or_create_customers({address.email: address.name})[address.email]
            self.senders[address.email] = found
        if isinstance(found, ValidationFailed):
            raise _PlanError(found)
        return found

    def _organization_id(self, user: User) -> int | None:
        if user.pk not in self.organizations:  # a sender found outside the prefetch (a forward's original sender)
            self.organizations[user.pk] = user.organizations.order_by("id").values_list("id", flat=True).first()
        return self.organizations[user.pk]

    def _remember(self, parsed: ParsedMail, target: Target) -> None:
        self.batch_ids.setdefault(parsed.message_id, target)

    def _own_addresses(self) -> set[str]:
        if self._own is None:
            self._own = own_addresses()
        return self._own

    def _add_participants(self, plan: _Plan, target: Target, addresses: list[str], *, role: str = ParticipantRole.CC) -> None:
        """Plan the mail's new participants of `target` (written at flush); known ones are skipped."""
        if not addresses:
            return  # most mail has no Cc: no mailbox query
        for address in new_participants(addresses, customer_email=target.customer.email, ours=self._own_addresses(), role=role):
            key = (id(target), address)
            if key in self.batch_participants or (isinstance(target, Ticket) and (target.pk, address) in self.participants):
                continue
            self.batch_participants.add(key)
            plan.participants.append((address, role))

    # --- writing ------------------------------------------------------------------------------

    def _flush(self) -> None:
        opens = [plan.opens for plan in self.plans if plan.opens is not None]
        replies = [plan.reply for plan in self.plans if plan.reply is not None]
        write_incoming(opens, replies, now=self.now)
        mails: list[tuple[object, ...]] = []
        participants: list[tuple[object, ...]] = []
        fingerprints: list[tuple[object, ...]] = []
        for plan in self.plans:
            inbound, parsed = plan.inbound, plan.parsed
            ticket, article = _outcome(plan.duplicate_of or plan)
            if ticket is not None:
                inbound.ticket = ticket
            if article is not None:
                inbound.article = article
            if parsed is not None and article is not None and plan.duplicate_of is None:
                in_reply_to = (parsed.in_reply_to[0] if parsed.in_reply_to else "")[:998]
                references = " ".join(parsed.references)
                mails.append((article.pk, inbound.mailbox_id, parsed.message_id, in_reply_to, references, inbound.pk, False, "", 0, ""))
            if ticket is not None:
                participants += [(ticket.pk, address, role, self.now) for address, role in plan.participants]
            if plan.claimed:
                fingerprints.append((plan.fingerprint, inbound.pk, self.now))
        insert_rows(ArticleEmail, MAIL_COLUMNS, mails)
        insert_rows(TicketParticipant, ("ticket", "address", "role", "created_at"), participants, ignore_conflicts=True)
        insert_rows(InboundFingerprint, ("key", "inbound", "created_at"), fingerprints)
        changed = [plan.inbound for plan in self.plans if plan.inbound.processed_at == self.now]
        update_rows(changed, ["status", "reason", "attempts", "processed_at", "message_id", "dedupe_key", "ticket", "article"])
        for plan in self.plans:
            # A backfill (import) never mails old customers; live mail is acknowledged per mailbox.
            if plan.opens is not None and plan.opens.ticket is not None and plan.inbound.source != InboundSource.IMPORT:
                transaction.on_commit(partial(outbound.queue_acknowledgement, plan.opens.ticket.pk, plan.inbound.mailbox_id))


def _lock_rows(inbound_ids: list[int], stored: list[InboundMessage]) -> dict[int, InboundMessage]:
    """Lock the messages (FOR UPDATE) and return them by id. Rows in `stored` are used as they are
    when the locked status and attempt count still match (nobody has processed them meanwhile):
    the lock then reads two columns instead of building every row again."""
    locked = InboundMessage.objects.select_for_update(of=("self",)).filter(pk__in=inbound_ids)
    known = {row.pk: row for row in stored}
    wanted = set(inbound_ids)
    if known and wanted <= known.keys():
        current = {pk: (status, attempts) for pk, status, attempts in locked.values_list("pk", "status", "attempts")}
        if current.keys() == wanted and all(current[pk] == (known[pk].status, known[pk].attempts) for pk in wanted):
            return {pk: known[pk] for pk in wanted}
    return {row.pk: row for row in locked.select_related("mailbox__group").order_by("pk")}


def _outcome(plan: _Plan) -> tuple[Ticket | None, Article | None]:
    """The ticket and article a planned message ended in (after write_incoming)."""
    if plan.opens is not None:
        return plan.opens.ticket, plan.opens.first.article
    if plan.reply is not None:
        return plan.reply.target(), plan.reply.message.article
    return _ticket_of(plan.related), None


class _PlanError(Exception):
    """A message that cannot be imported as planned (e.g. no valid sender); quarantined alone."""

    def __init__(self, error: ValidationFailed) -> None:
        super().__init__(error.message)
        self.message = error.message


def _check_size(body_html: str) -> None:
    if len(body_html) > MAX_BODY:
        raise _PlanError(ValidationFailed(_("The message is too long.")))


def _closed_opens_new() -> bool:
    return settings.SUPPORTDESK_MAIL_CLOSED_TICKET_POLICY == "new_ticket"


def _ticket_of(target: Target | None) -> Ticket | None:
    if isinstance(target, IncomingTicket):
        return target.ticket
    return target


def _label(target: Target) -> str:
    return target.display_number if isinstance(target, Ticket) else "(new)"
