"""Suggestions for agents on an open ticket: similar solved tickets, KB articles, a suggested reply and
canned replies ranked by fit; the portal's KB deflection uses the same KB retrieval."""
