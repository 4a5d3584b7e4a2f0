"""Routing: agent skills, capacity, availability and absences; per-group rules (filters, then a
chooser) that assign tickets, with the reasons recorded."""
