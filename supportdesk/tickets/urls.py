from django.urls import path

from supportdesk.tickets.downloads import attachment_download_view

urlpatterns = [
    path("attachments/<int:attachment_id>/", attachment_download_view, name="attachment-download"),
]
