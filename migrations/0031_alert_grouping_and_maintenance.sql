CREATE TABLE "alert_firings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"company_id" uuid,
	"subject_key" text,
	"subject" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"group_id" uuid,
	"maintenance_window_id" uuid
);
--> statement-breakpoint
CREATE TABLE "alert_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_rate_limits" (
	"method_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"held_by_rule" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"reason" text NOT NULL,
	"summarized_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_groups" ADD CONSTRAINT "alert_groups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_groups" ADD CONSTRAINT "alert_groups_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rate_limits" ADD CONSTRAINT "alert_rate_limits_method_id_contact_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."contact_methods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rate_limits" ADD CONSTRAINT "alert_rate_limits_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rate_limits" ADD CONSTRAINT "alert_rate_limits_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_firings_group_idx" ON "alert_firings" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "alert_firings_window_idx" ON "alert_firings" USING btree ("maintenance_window_id");--> statement-breakpoint
CREATE INDEX "alert_firings_rule_idx" ON "alert_firings" USING btree ("rule_id","fired_at");--> statement-breakpoint
CREATE INDEX "alert_firings_subject_idx" ON "alert_firings" USING btree ("rule_id","subject_key");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_groups_open_key" ON "alert_groups" USING btree ("rule_id","kind") WHERE sent_at is null;--> statement-breakpoint
CREATE INDEX "alert_groups_due_idx" ON "alert_groups" USING btree ("due_at") WHERE sent_at is null;--> statement-breakpoint
CREATE INDEX "alert_rate_limits_held_idx" ON "alert_rate_limits" USING btree ("period_start") WHERE held > 0;--> statement-breakpoint
CREATE INDEX "maintenance_windows_company_idx" ON "maintenance_windows" USING btree ("company_id","starts_at");--> statement-breakpoint
CREATE INDEX "maintenance_windows_account_idx" ON "maintenance_windows" USING btree ("account_id","starts_at");--> statement-breakpoint
CREATE INDEX "maintenance_windows_unsummarized_idx" ON "maintenance_windows" USING btree ("ends_at") WHERE summarized_at is null and mode = 'hold';