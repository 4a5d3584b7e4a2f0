"""Views of the agent workspace, one module per page (inbox, ticket, search, notifications)."""
