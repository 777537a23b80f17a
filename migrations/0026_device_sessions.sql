CREATE TABLE "agent_connections" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"connection_id" text NOT NULL,
	"process_id" text NOT NULL,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disconnected_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agent_grant_keys" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_key" "bytea" NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_grant_keys_one_row" CHECK ("agent_grant_keys"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "kind" text DEFAULT 'attended' NOT NULL;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "device_id" uuid;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "mode" text;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "reboot_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agent_connections" ADD CONSTRAINT "agent_connections_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_connections_process_idx" ON "agent_connections" USING btree ("process_id");--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_sessions_device_idx" ON "support_sessions" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_sessions_device_open_key" ON "support_sessions" USING btree ("device_id") WHERE device_id is not null and status in ('waiting', 'joined', 'active');