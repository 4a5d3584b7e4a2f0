"""The customer's tickets and the new-ticket form under /portal/, and the topics admin page."""

from django.urls import URLPattern, path

from supportdesk.portal import views_tickets, views_topics

urlpatterns: list[URLPattern] = [
    path("", views_tickets.ticket_list, name="portal-home"),
    path("tickets/<int:number>/", views_tickets.ticket_detail, name="portal-ticket"),
    path("tickets/<int:number>/reply/", views_tickets.ticket_reply, name="portal-ticket-reply"),
    path("tickets/<int:number>/state/", views_tickets.ticket_state, name="portal-ticket-state"),
    path("new/", views_tickets.new_ticket, name="portal-new"),
    path("new/received/", views_tickets.new_ticket_received, name="portal-new-received"),
    path("new/fields/", views_tickets.new_ticket_fields, name="portal-new-fields"),
    path("new/suggestions/", views_tickets.new_ticket_suggestions, name="portal-new-suggestions"),
    path("topics/", views_topics.topic_list, name="portal-topics"),
    path("topics/new/", views_topics.topic_create, name="portal-topic-create"),
    path("topics/<int:topic_id>/", views_topics.topic_edit, name="portal-topic-edit"),
    path("topics/<int:topic_id>/deactivate/", views_topics.topic_deactivate, name="portal-topic-deactivate"),
]
