"""Optional LLM drafting and summaries through an OpenAI-compatible HTTP endpoint the admin configures
(off by default): nothing leaves the server unless an admin switched it on."""
