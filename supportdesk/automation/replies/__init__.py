"""Reply templates (canned replies): per language and group, with variables, searchable from the composer."""
