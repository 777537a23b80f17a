-- recordings finished before parts were kept become one part each, with the header they had
INSERT INTO "support_session_recording_parts" ("session_id", "part", "first_seq", "byte_start", "bytes", "duration_ms", "seekable_header", "replaced_bytes")
SELECT r."session_id", 0, coalesce((SELECT min(c."seq") FROM "support_session_recording_chunks" c WHERE c."session_id" = r."session_id"), 0), 0, r."bytes", coalesce(r."duration_ms", 0), r."seekable_header", r."replaced_bytes"
  FROM "support_session_recordings" r
 WHERE r."status" = 'ready' AND r."seekable_header" IS NOT NULL AND r."replaced_bytes" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "support_session_recordings" DROP COLUMN "seekable_header";--> statement-breakpoint
ALTER TABLE "support_session_recordings" DROP COLUMN "replaced_bytes";
