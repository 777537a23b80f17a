-- Every process may remember who a credential stands for (the identity cache). Whatever an
-- identity is made of announces its changes on the channel tandem_identity, with the account's
-- id, when the changing transaction commits; every process then forgets that account's entries.
CREATE FUNCTION tandem_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  column_name text := TG_ARGV[0];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pg_notify('tandem_identity', to_json(to_jsonb(OLD) ->> column_name)::text);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pg_notify('tandem_identity', to_json(to_jsonb(NEW) ->> column_name)::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_identity_changed AFTER UPDATE OR DELETE ON "accounts"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('id');
--> statement-breakpoint
CREATE TRIGGER users_identity_changed AFTER INSERT OR UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
--> statement-breakpoint
CREATE TRIGGER user_companies_identity_changed AFTER INSERT OR UPDATE OR DELETE ON "user_companies"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
--> statement-breakpoint
-- last_used_at is written once a minute per token and changes nothing an identity is made of
CREATE TRIGGER api_tokens_identity_changed AFTER UPDATE OF revoked_at, expires_at, user_id, token_hash OR DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
--> statement-breakpoint
-- likewise last_seen_at for sessions: only a session ending (or changing state) counts
CREATE TRIGGER sessions_identity_changed AFTER UPDATE OF second_factor_pending, expires_at, user_id OR DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
--> statement-breakpoint
CREATE TRIGGER account_settings_identity_changed AFTER INSERT OR UPDATE OR DELETE ON "account_settings"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
--> statement-breakpoint
CREATE TRIGGER company_settings_identity_changed AFTER INSERT OR UPDATE OR DELETE ON "company_settings"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
--> statement-breakpoint
CREATE TRIGGER user_totp_identity_changed AFTER INSERT OR UPDATE OR DELETE ON "user_totp"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
