"""Outgoing webhooks for ticket and article events: signed JSON, retries with backoff, a delivery log, SSRF-safe."""
