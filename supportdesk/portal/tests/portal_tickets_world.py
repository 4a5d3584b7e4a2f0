"""A small world for the portal ticket tests, built with the real actions: two organizations (one
shared, one not), two customers in each, an agent, and tickets with public replies, internal notes
and attachments on both sides."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.choices import GroupAccess
from supportdesk.accounts.models import Group, Organization, User
from supportdesk.portal.models import Topic
from supportdesk.testing.factories import AgentFactory, CustomerFactory, GroupFactory, OrganizationFactory, add_member
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.models import Article, Attachment, Ticket


def verified(user: User) -> User:
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user


def customer(email: str, name: str, organization: Organization | None = None, *, verify: bool = True) -> User:
    user = CustomerFactory.create(email=email, full_name=name)
    if organization is not None:
        user.organizations.add(organization)
    return verified(user) if verify else user


def upload(user: User, name: str = "report.txt", content: bytes = b"hello") -> Attachment:
    return create_attachment(chunks=[content], filename=name, content_type="text/plain", uploaded_by_id=user.pk)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def file(name: str = "notes.txt", content: bytes = b"file content", content_type: str = "text/plain") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@dataclass
class World:
    support: Group
    billing: Group
    agent: User
    shared_org: Organization
    private_org: Organization
    alice: User  # shared org
    bob: User  # shared org, Alice's colleague
    carol: User  # private org
    dave: User  # private org, Carol's colleague
    alice_ticket: Ticket
    carol_ticket: Ticket
    alice_reply: Article  # the agent's public reply on Alice's ticket, with an attachment
    alice_note: Article  # an internal note on Alice's ticket, with an attachment
    carol_note: Article
    alice_public_file: Attachment
    alice_note_file: Attachment
    carol_file: Attachment  # attached to Carol's own first message


def build_world() -> World:
    support = GroupFactory.create(name="Support")  # the oldest group: the default group
    billing = GroupFactory.create(name="Billing")
    agent = AgentFactory.create(email="agent@support.example", full_name="Alex Agent")
    add_member(support, agent, GroupAccess.FULL)
    add_member(billing, agent, GroupAccess.FULL)
    shared_org = OrganizationFactory.create(name="Shared Ltd", shared=True)
    private_org = OrganizationFactory.create(name="Private GmbH", shared=False)
    alice = customer("alice@shared.example", "Alice Shared", shared_org)
    bob = customer("bob@shared.example", "Bob Shared", shared_org)
    carol = customer("carol@private.example", "Carol Private", private_org)
    dave = customer("dave@private.example", "Dave Private", private_org)

    alice_ticket = create_ticket(alice, NewTicket(subject="Alice printer jam", body="The printer jams on page two."))
    alice_public_file = upload(agent, "manual.pdf", b"%PDF manual")
    alice_reply = add_article(agent, alice_ticket, body_text="Please try the manual.", attachment_ids=[alice_public_file.pk])
    alice_note_file = upload(agent, "internal-log.txt", b"secret log")
    alice_note = add_article(
        agent, alice_ticket, body_text="INTERNAL: customer is on the watch list", is_internal=True, attachment_ids=[alice_note_file.pk]
    )
    carol_file = upload(carol, "carol-invoice.pdf", b"%PDF carol")
    carol_ticket = create_ticket(
        carol, NewTicket(subject="Carol invoice question", body="Invoice 4711 is wrong.", attachment_ids=[carol_file.pk])
    )
    carol_note = add_article(agent, carol_ticket, body_text="INTERNAL: refund approved by finance", is_internal=True)
    return World(
        support=support,
        billing=billing,
        agent=agent,
        shared_org=shared_org,
        private_org=private_org,
        alice=alice,
        bob=bob,
        carol=carol,
        dave=dave,
        alice_ticket=alice_ticket,
        carol_ticket=carol_ticket,
        alice_reply=alice_reply,
        alice_note=alice_note,
        carol_note=carol_note,
        alice_public_file=alice_public_file,
        alice_note_file=alice_note_file,
        carol_file=carol_file,
    )


def make_topic(
    group: Group,
    *,
    names: dict[str, str] | None = None,
    fields: list[str] | None = None,
    required: list[str] | None = None,
    position: int = 0,
) -> Topic:
    return Topic.objects.create(
        names=names or {"en": "Billing", "de": "Abrechnung"},
        group=group,
        fields=fields or [],
        required_fields=required or [],
        position=position,
    )
