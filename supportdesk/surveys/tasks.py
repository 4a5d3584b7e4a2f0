"""Background tasks of the surveys domain. Thin: they take ids and call one function.

The sweep enqueues `send_survey_mail` after its commit, once per mail; running it again does no
harm, because only invitations still `queued` are sent (see mail.deliver_survey_mail).
"""

from __future__ import annotations

from django_tasks import task

from supportdesk.surveys.mail import deliver_survey_mail


@task()
def send_survey_mail(invitation_ids: list[int]) -> str:
    """Send (or retry) the survey mail of invitations queued together; returns what happened."""
    return deliver_survey_mail(invitation_ids)
