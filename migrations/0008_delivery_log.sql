ALTER TABLE "outbox_messages" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "method_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "urgent" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "not_before" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox_messages" USING btree ("recipient","created_at");