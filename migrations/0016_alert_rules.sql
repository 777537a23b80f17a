CREATE TABLE "alert_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"subject_key" text NOT NULL,
	"company_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"cleared_at" timestamp with time zone,
	"duplicates" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_cursor" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL,
	"pending_event_id" bigint,
	"pending_xmax" bigint,
	"pending_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_handled_events" (
	"event_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rule_companies" (
	"account_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	CONSTRAINT "alert_rule_companies_rule_id_company_id_pk" PRIMARY KEY("rule_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "alert_rule_recipients" (
	"account_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"method_types" text[] NOT NULL,
	CONSTRAINT "alert_rule_recipients_rule_id_contact_id_pk" PRIMARY KEY("rule_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"event" text NOT NULL,
	"all_companies" boolean DEFAULT true NOT NULL,
	"delay_minutes" integer DEFAULT 0 NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_conditions" ADD CONSTRAINT "alert_conditions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_conditions" ADD CONSTRAINT "alert_conditions_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rule_companies" ADD CONSTRAINT "alert_rule_companies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rule_companies" ADD CONSTRAINT "alert_rule_companies_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rule_companies" ADD CONSTRAINT "alert_rule_companies_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rule_recipients" ADD CONSTRAINT "alert_rule_recipients_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rule_recipients" ADD CONSTRAINT "alert_rule_recipients_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rule_recipients" ADD CONSTRAINT "alert_rule_recipients_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_conditions_open_key" ON "alert_conditions" USING btree ("rule_id","subject_key") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX "alert_conditions_due_idx" ON "alert_conditions" USING btree ("due_at") WHERE cleared_at is null and fired_at is null;--> statement-breakpoint
CREATE INDEX "alert_conditions_rule_idx" ON "alert_conditions" USING btree ("rule_id","fired_at");--> statement-breakpoint
CREATE INDEX "alert_rule_companies_company_idx" ON "alert_rule_companies" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "alert_rule_recipients_contact_idx" ON "alert_rule_recipients" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "alert_rules_event_idx" ON "alert_rules" USING btree ("account_id","event");--> statement-breakpoint
CREATE INDEX "alert_rules_account_name_idx" ON "alert_rules" USING btree ("account_id",lower("name"),"id");