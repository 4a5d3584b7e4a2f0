"""Reports and KPI dashboards (issue 8): facts kept by the worker, read-only over the other apps.
See docs/decisions/0002-reports-facts.md for the design."""
