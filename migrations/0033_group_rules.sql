CREATE TABLE "group_disabled_users" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"previous_status" text NOT NULL,
	"disabled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_rule_companies" (
	"rule_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	CONSTRAINT "group_rule_companies_rule_id_company_id_pk" PRIMARY KEY("rule_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "group_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"group_name" text NOT NULL,
	"role" text NOT NULL,
	"all_companies" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "group_disabled_users" ADD CONSTRAINT "group_disabled_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_disabled_users" ADD CONSTRAINT "group_disabled_users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_rule_companies" ADD CONSTRAINT "group_rule_companies_rule_id_group_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."group_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_rule_companies" ADD CONSTRAINT "group_rule_companies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_rule_companies" ADD CONSTRAINT "group_rule_companies_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_rules" ADD CONSTRAINT "group_rules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_rule_companies_company_idx" ON "group_rule_companies" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_rules_account_group_key" ON "group_rules" USING btree ("account_id",lower("group_name"));