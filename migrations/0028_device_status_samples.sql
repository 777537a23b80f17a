CREATE TABLE "device_status_samples" (
	"account_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"online" integer NOT NULL,
	"offline" integer NOT NULL,
	CONSTRAINT "device_status_samples_account_id_at_company_id_pk" PRIMARY KEY("account_id","at","company_id")
);
--> statement-breakpoint
ALTER TABLE "device_status_samples" ADD CONSTRAINT "device_status_samples_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_status_samples" ADD CONSTRAINT "device_status_samples_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_status_samples_at_idx" ON "device_status_samples" USING btree ("at");