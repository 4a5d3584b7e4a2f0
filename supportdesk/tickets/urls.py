from django.urls import path
from django.views.generic import RedirectView

from supportdesk.tickets.downloads import attachment_download_view
from supportdesk.tickets.views import inbox, notifications, search, ticket, ticket_actions

urlpatterns = [
    path("attachments/<int:attachment_id>/", attachment_download_view, name="attachment-download"),
    path("", RedirectView.as_view(pattern_name="inbox", permanent=False), name="home"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/bulk/", inbox.bulk, name="inbox-bulk"),
    path("inbox/views/", inbox.save_view, name="saved-view-create"),
    path("inbox/views/<int:view_id>/delete/", inbox.delete_view, name="saved-view-delete"),
    path("tickets/<int:ticket_id>/", ticket.ticket_detail, name="ticket"),
    path("tickets/<int:ticket_id>/reply/", ticket_actions.reply, name="ticket-reply"),
    path("tickets/<int:ticket_id>/properties/", ticket_actions.update_properties, name="ticket-properties"),
    path("tickets/<int:ticket_id>/tags/add/", ticket_actions.tag_add, name="ticket-tag-add"),
    path("tickets/<int:ticket_id>/tags/remove/", ticket_actions.tag_remove, name="ticket-tag-remove"),
    path("tickets/<int:ticket_id>/links/add/", ticket_actions.link_add, name="ticket-link-add"),
    path("tickets/<int:ticket_id>/links/<int:link_id>/remove/", ticket_actions.link_remove, name="ticket-link-remove"),
    path("tickets/<int:ticket_id>/merge/", ticket_actions.merge, name="ticket-merge"),
    path("tickets/<int:ticket_id>/split/", ticket_actions.split, name="ticket-split"),
    path("search/", search.search, name="search"),
    path("notifications/", notifications.notification_list, name="notifications"),
]
