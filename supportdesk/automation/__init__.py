"""Automation: routing, triggers, schedulers, macros, reply templates, webhooks and processes.

Each part is its own Django app under this package (own models and migrations), so they can grow
independently: `routing`, `rules` (conditions, actions, triggers, schedulers, macros), `replies`
(reply templates), `webhooks` and `processes`. They meet in two places only: the after-commit
domain events of core.events (what happened to a ticket, and which automation caused it), and the
action registry in `registry.py` (what a trigger, scheduler or macro can do).
"""
