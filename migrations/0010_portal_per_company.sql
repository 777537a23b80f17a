-- Every company has exactly one customer portal: existing companies get theirs now, and a
-- trigger gives each new company its own, whatever path creates it.
CREATE OR REPLACE FUNCTION tandem_portal_slug(name text, id uuid) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(nullif(trim(both '-' from left(regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g'), 36)), ''), 'portal')
         || '-' || substr(replace(id::text, '-', ''), 1, 8)
$$;
--> statement-breakpoint
INSERT INTO "portals" ("account_id", "company_id", "slug", "title")
SELECT c."account_id", c."id", tandem_portal_slug(c."name", c."id"), c."name"
FROM "companies" c
WHERE NOT EXISTS (SELECT 1 FROM "portals" p WHERE p."company_id" = c."id");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tandem_create_portal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "portals" ("account_id", "company_id", "slug", "title")
  VALUES (NEW."account_id", NEW."id", tandem_portal_slug(NEW."name", NEW."id"), NEW."name");
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER companies_create_portal AFTER INSERT ON "companies"
FOR EACH ROW EXECUTE FUNCTION tandem_create_portal();
