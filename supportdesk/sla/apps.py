from django.apps import AppConfig
from django.conf import settings

# Ticket fields SLA clocks do not depend on: a change of only these (an assignment, a new subject)
# skips the SLA hook. Policies match on priority, group, organization, channel, tags and custom
# fields; clocks follow state and the message times.
SLA_IGNORES = frozenset({"owner_id", "owner", "subject", "language", "merged_into"})


class SlaConfig(AppConfig):
    name = "supportdesk.sla"
    label = "sla"

    def ready(self) -> None:
        """Keep SLA clocks in the same transaction as every ticket change (see sla.tracking), and
        fire due warnings, breaches and escalations from the worker's sweep loop (see sla.sweep)."""
        from supportdesk.core.sweeps import register_sweep
        from supportdesk.sla.sweep import run_sla_sweep
        from supportdesk.sla.tracking import sync_tickets
        from supportdesk.tickets.hooks import register_ticket_hook

        register_ticket_hook("sla", sync_tickets, ignores=SLA_IGNORES)
        register_sweep("sla.clocks", settings.SUPPORTDESK_SLA_SWEEP_SECONDS, run_sla_sweep)
        from supportdesk.sla.risk import run_risk_sweep  # predicted risk: cost grows with tickets on a running target

        register_sweep("sla.risk", 60, run_risk_sweep)
