-- Every user has a contact: users created before contacts existed get theirs now.
INSERT INTO "contacts" ("account_id", "user_id", "name", "all_companies", "language", "time_zone")
SELECT u."account_id", u."id", u."name",
       u."all_companies" OR NOT EXISTS (SELECT 1 FROM "user_companies" uc WHERE uc."user_id" = u."id"),
       u."language", u."time_zone"
FROM "users" u
WHERE NOT EXISTS (SELECT 1 FROM "contacts" c WHERE c."user_id" = u."id");
--> statement-breakpoint
INSERT INTO "contact_companies" ("account_id", "contact_id", "company_id")
SELECT c."account_id", c."id", uc."company_id"
FROM "contacts" c JOIN "user_companies" uc ON uc."user_id" = c."user_id"
WHERE NOT c."all_companies"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "contact_methods" ("account_id", "contact_id", "type", "value", "primary")
SELECT c."account_id", c."id", 'email', u."email", true
FROM "contacts" c JOIN "users" u ON u."id" = c."user_id"
WHERE NOT EXISTS (SELECT 1 FROM "contact_methods" m WHERE m."contact_id" = c."id" AND m."primary");
