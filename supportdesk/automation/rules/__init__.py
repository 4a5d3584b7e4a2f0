"""Rules: the condition language, the ticket actions, and the triggers, schedulers and macros built from them."""
