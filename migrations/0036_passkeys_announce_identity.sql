-- A passkey added or removed changes whether security.requireTwoFactor still asks its user to enrol:
-- every process forgets that account's remembered identities (see 0014_identity_changes.sql).
-- sign_count and last_used_at change at each use and change nothing an identity is made of.
CREATE TRIGGER passkeys_identity_changed AFTER INSERT OR DELETE OR UPDATE OF user_id, account_id ON "passkeys"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
