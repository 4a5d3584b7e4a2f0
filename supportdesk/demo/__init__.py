"""Demo data for a first look at Supportdesk: `supportdesk load_demo` (run by `supportdesk demo`)."""
