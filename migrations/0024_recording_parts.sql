CREATE TABLE "support_session_recording_parts" (
	"session_id" uuid NOT NULL,
	"part" integer NOT NULL,
	"first_seq" integer NOT NULL,
	"byte_start" bigint NOT NULL,
	"bytes" bigint NOT NULL,
	"duration_ms" integer NOT NULL,
	"seekable_header" "bytea" NOT NULL,
	"replaced_bytes" integer NOT NULL,
	CONSTRAINT "support_session_recording_parts_session_id_part_pk" PRIMARY KEY("session_id","part")
);
--> statement-breakpoint
ALTER TABLE "support_session_recording_parts" ADD CONSTRAINT "support_session_recording_parts_session_id_support_session_recordings_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."support_session_recordings"("session_id") ON DELETE cascade ON UPDATE no action;