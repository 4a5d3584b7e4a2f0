"""Local AI: what triage found out about each ticket, the trained models, and the cold-start rules.

`TicketInsight` is one row per ticket holding every prediction with its confidence, the detected
language, sentiment and urgency with the cues found, and which predictions were applied, so views,
triggers, reports and the API read them like ticket fields (joined one-to-one). Applied
predictions are also written to the ticket's history (TicketEvent data: source "ai", model
version) by the ticket actions. `TrainedModel` keeps a fitted scikit-learn pipeline as bytes
(joblib) in the database so every web and worker process loads the same version; only models this
instance trained are ever loaded. `KeywordRule` is the admin-editable cold start used while no
model is trained (or its confidence is low).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.ai.choices import ModelState, Target
from supportdesk.tickets.models import Ticket


class TicketInsight(models.Model):
    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, primary_key=True, related_name="insight")
    language = models.CharField(_("detected language"), max_length=8, blank=True)
    language_confidence = models.FloatField(default=0.0)
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("predicted group"))
    group_confidence = models.FloatField(default=0.0)
    priority = models.CharField(_("predicted priority"), max_length=10, blank=True)
    priority_confidence = models.FloatField(default=0.0)
    type = models.CharField(_("predicted type"), max_length=64, blank=True)
    type_confidence = models.FloatField(default=0.0)
    tags = models.JSONField(_("predicted tags"), default=list, blank=True, help_text="[[tag, confidence], ...]")
    sentiment = models.FloatField(_("sentiment"), default=0.0, help_text="-1 (angry) .. 1 (happy)")
    urgency = models.FloatField(_("urgency"), default=0.0, help_text="0 .. 1")
    cues = models.JSONField(default=list, blank=True, help_text="The words or patterns that moved sentiment and urgency.")
    applied = models.JSONField(default=list, blank=True, help_text="Names of the predictions applied to the ticket.")
    model_versions = models.JSONField(default=dict, blank=True, help_text="Target -> model version used (or 'rules').")
    triaged_at = models.DateTimeField(default=timezone.now)
    elapsed_ms = models.FloatField(default=0.0)

    class Meta:
        indexes = [
            models.Index(fields=["sentiment"], name="ai_insight_sentiment"),
            models.Index(fields=["urgency"], name="ai_insight_urgency"),
        ]

    def __str__(self) -> str:
        return f"insight of ticket {self.ticket_id}"


class TrainedModel(models.Model):
    target = models.CharField(max_length=16, choices=Target.choices)
    version = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=ModelState.choices, default=ModelState.TRAINING)
    trained_at = models.DateTimeField(default=timezone.now)
    trained_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    examples = models.PositiveIntegerField(default=0)
    labels = models.JSONField(default=list, blank=True)
    metrics = models.JSONField(default=dict, blank=True, help_text="Held-out accuracy, macro-F1, per-class figures.")
    payload = models.BinaryField(blank=True, help_text="joblib bytes of the fitted pipeline.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["target", "-version"]
        constraints = [models.UniqueConstraint(fields=["target", "version"], name="ai_model_unique_version")]

    def __str__(self) -> str:
        return f"{self.target} model v{self.version}"


class KeywordRule(models.Model):
    target = models.CharField(_("field"), max_length=16, choices=Target.choices)
    value = models.CharField(_("value"), max_length=120, help_text=_("Group id, priority, type or tag to predict."))
    keywords = models.JSONField(_("keywords"), default=list, help_text=_("Words or phrases; any one matches."))
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("Empty: every language."))
    weight = models.FloatField(_("confidence"), default=0.6)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["target", "position", "id"]

    def __str__(self) -> str:
        return f"{self.target} -> {self.value}"


class AiSettings(models.Model):
    """One row (pk=1): switches and thresholds."""

    triage_enabled = models.BooleanField(_("triage new tickets"), default=True)
    apply_threshold = models.FloatField(_("apply predictions at or above this confidence"), default=0.85)
    suggest_threshold = models.FloatField(_("suggest predictions at or above this confidence"), default=0.4)
    apply_group = models.BooleanField(_("apply the predicted group"), default=False)
    apply_priority = models.BooleanField(_("apply the predicted priority"), default=False)
    apply_tags = models.BooleanField(_("apply predicted tags"), default=False)
    apply_language = models.BooleanField(_("set the ticket language"), default=True)
    retrain_days = models.PositiveIntegerField(_("retrain every N days (0: only on demand)"), default=7)
    min_examples = models.PositiveIntegerField(_("minimum solved tickets to train"), default=50)
    llm_enabled = models.BooleanField(_("LLM drafting and summaries"), default=False)
    llm_base_url = models.URLField(_("OpenAI-compatible endpoint"), blank=True)
    llm_model = models.CharField(_("model name"), max_length=120, blank=True)
    llm_api_key = models.TextField(blank=True, help_text="Encrypted with core.crypto.")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "AI settings"
