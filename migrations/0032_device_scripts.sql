CREATE TABLE "device_scripts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"company_id" uuid,
	"name" text NOT NULL,
	"shell" text NOT NULL,
	"body" text NOT NULL,
	"timeout_seconds" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "script_run_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"device_name" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"exit_code" integer,
	"output" text DEFAULT '' NOT NULL,
	"truncated" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "script_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"script_id" uuid,
	"script_name" text NOT NULL,
	"shell" text NOT NULL,
	"body" text NOT NULL,
	"body_sha256" text NOT NULL,
	"timeout_seconds" integer NOT NULL,
	"company_ids" uuid[] NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_scripts" ADD CONSTRAINT "device_scripts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_scripts" ADD CONSTRAINT "device_scripts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "script_run_results" ADD CONSTRAINT "script_run_results_run_id_script_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."script_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "script_run_results" ADD CONSTRAINT "script_run_results_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "script_run_results" ADD CONSTRAINT "script_run_results_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "script_runs" ADD CONSTRAINT "script_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "script_runs" ADD CONSTRAINT "script_runs_script_id_device_scripts_id_fk" FOREIGN KEY ("script_id") REFERENCES "public"."device_scripts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "script_runs" ADD CONSTRAINT "script_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_scripts_account_idx" ON "device_scripts" USING btree ("account_id","name");--> statement-breakpoint
CREATE INDEX "device_scripts_company_idx" ON "device_scripts" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "script_run_results_run_idx" ON "script_run_results" USING btree ("run_id","device_name","id");--> statement-breakpoint
CREATE INDEX "script_run_results_device_idx" ON "script_run_results" USING btree ("device_id","status");--> statement-breakpoint
CREATE INDEX "script_run_results_status_idx" ON "script_run_results" USING btree ("status","run_id");--> statement-breakpoint
CREATE INDEX "script_runs_account_idx" ON "script_runs" USING btree ("account_id","created_at");