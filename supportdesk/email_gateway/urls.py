from django.urls import path

from supportdesk.email_gateway import views

urlpatterns = [
    path("settings/mailboxes/", views.mailbox_list, name="mail-mailboxes"),
    path("settings/mailboxes/new/", views.mailbox_create, name="mail-mailbox-create"),
    path("settings/mailboxes/<int:mailbox_id>/", views.mailbox_edit, name="mail-mailbox-edit"),
    path("settings/mailboxes/<int:mailbox_id>/test/", views.mailbox_test, name="mail-mailbox-test"),
    path("settings/mailboxes/<int:mailbox_id>/delete/", views.mailbox_delete, name="mail-mailbox-delete"),
    path("settings/mail-quarantine/", views.quarantine, name="mail-quarantine"),
    path("settings/mail-quarantine/<int:inbound_id>/reprocess/", views.reprocess, name="mail-reprocess"),
    path("settings/mail-quarantine/<int:inbound_id>/raw/", views.raw_download, name="mail-raw"),
]
