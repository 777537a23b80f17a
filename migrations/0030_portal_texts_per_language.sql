-- A portal's welcome text and the offline notice (setting portal.offlineMessage) become one text per
-- language, {"en": …, "fr": …}; each existing single text goes to the account's language (general.language
-- of the account, English when unset).
ALTER TABLE "portals" ADD COLUMN "welcome_texts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
UPDATE "portals" p SET "welcome_texts" = jsonb_build_object(
  coalesce((SELECT s.value #>> '{}' FROM "account_settings" s WHERE s.account_id = p.account_id AND s.key = 'general.language'), 'en'),
  p."welcome")
WHERE p."welcome" <> '';--> statement-breakpoint
ALTER TABLE "portals" DROP COLUMN "welcome";--> statement-breakpoint
ALTER TABLE "portals" RENAME COLUMN "welcome_texts" TO "welcome";--> statement-breakpoint
UPDATE "account_settings" s SET "value" = jsonb_build_object(
  coalesce((SELECT l.value #>> '{}' FROM "account_settings" l WHERE l.account_id = s.account_id AND l.key = 'general.language'), 'en'),
  s.value #>> '{}')
WHERE s.key = 'portal.offlineMessage' AND jsonb_typeof(s.value) = 'string';--> statement-breakpoint
UPDATE "company_settings" c SET "value" = jsonb_build_object(
  coalesce((SELECT l.value #>> '{}' FROM "account_settings" l WHERE l.account_id = c.account_id AND l.key = 'general.language'), 'en'),
  c.value #>> '{}')
WHERE c.key = 'portal.offlineMessage' AND jsonb_typeof(c.value) = 'string';
