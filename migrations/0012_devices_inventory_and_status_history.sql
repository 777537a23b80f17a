CREATE TABLE "device_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "devices" ALTER COLUMN "last_seen_at" SET DEFAULT now();--> statement-breakpoint
UPDATE "devices" SET "last_seen_at" = "enrolled_at" WHERE "last_seen_at" IS NULL;--> statement-breakpoint
ALTER TABLE "devices" ALTER COLUMN "last_seen_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "platform" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "inventory_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "device_status_changes" ADD CONSTRAINT "device_status_changes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_status_changes" ADD CONSTRAINT "device_status_changes_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_status_changes_device_idx" ON "device_status_changes" USING btree ("device_id","at","id");--> statement-breakpoint
CREATE INDEX "devices_name_idx" ON "devices" USING btree ("account_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "devices_company_name_idx" ON "devices" USING btree ("account_id","company_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "devices_last_seen_idx" ON "devices" USING btree ("account_id","last_seen_at","id");--> statement-breakpoint
CREATE INDEX "devices_enrolled_idx" ON "devices" USING btree ("account_id","enrolled_at","id");--> statement-breakpoint
CREATE INDEX "devices_search_idx" ON "devices" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "devices_tags_idx" ON "devices" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "devices_online_idx" ON "devices" USING btree ("last_seen_at") WHERE "devices"."status" = 'online';