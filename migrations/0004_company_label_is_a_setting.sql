-- general.companyLabel moves behind the settings resolver: keep any value already chosen
INSERT INTO "account_settings" ("account_id", "key", "value")
  SELECT "id", 'general.companyLabel', "company_label" FROM "accounts" WHERE "company_label" IS NOT NULL
  ON CONFLICT ("account_id", "key") DO UPDATE SET "value" = EXCLUDED."value";
--> statement-breakpoint
ALTER TABLE "accounts" DROP COLUMN "company_label";
