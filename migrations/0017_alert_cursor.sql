-- Alert rules read domain events after this id; an existing installation starts from now, not from its history.
INSERT INTO "alert_cursor" ("id", "last_event_id") SELECT 1, coalesce(max("id"), 0) FROM "domain_events" ON CONFLICT DO NOTHING;
