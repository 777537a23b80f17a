-- Seat limits and throttled sign-ins belong to no company: rules watching them apply to the whole
-- account (a list of companies is refused from now on). Earlier rules with a list are widened.
UPDATE "alert_rules" SET "all_companies" = true, "updated_at" = now()
WHERE "event" IN ('seat_limit_reached', 'signin_throttled') AND "all_companies" = false;
--> statement-breakpoint
DELETE FROM "alert_rule_companies" rc USING "alert_rules" r
WHERE rc."rule_id" = r."id" AND r."event" IN ('seat_limit_reached', 'signin_throttled');
