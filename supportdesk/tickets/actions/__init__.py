"""Every write to a ticket goes through these functions: one transaction, a TicketEvent per change,
effects (websocket pushes, later mail and webhooks) only after commit."""

from supportdesk.tickets.actions.articles import add_article
from supportdesk.tickets.actions.bulk import BulkResult, bulk_update
from supportdesk.tickets.actions.create import NewTicket, create_ticket
from supportdesk.tickets.actions.customer import customer_set_state
from supportdesk.tickets.actions.delete import delete_ticket
from supportdesk.tickets.actions.links import link_tickets, unlink_tickets
from supportdesk.tickets.actions.merge import merge_tickets, split_ticket
from supportdesk.tickets.actions.tags import add_tags, normalize_tag, remove_tags
from supportdesk.tickets.actions.update import UPDATABLE_FIELDS, update_ticket
from supportdesk.tickets.actions.watchers import add_watcher, remove_watcher

__all__ = [
    "UPDATABLE_FIELDS",
    "BulkResult",
    "NewTicket",
    "add_article",
    "add_tags",
    "add_watcher",
    "bulk_update",
    "create_ticket",
    "customer_set_state",
    "delete_ticket",
    "link_tickets",
    "merge_tickets",
    "normalize_tag",
    "remove_tags",
    "remove_watcher",
    "split_ticket",
    "unlink_tickets",
    "update_ticket",
]
