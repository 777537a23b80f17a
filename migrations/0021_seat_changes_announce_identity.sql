-- A seat is part of what a technician may see (chats need a Remote Support seat, offline questions
-- a Service Desk seat): assigning or releasing one announces the account on tandem_identity like
-- a role or company change, so open live sockets re-check what they follow at once.
CREATE TRIGGER seat_assignments_identity_changed AFTER INSERT OR UPDATE OR DELETE ON "seat_assignments"
  FOR EACH ROW EXECUTE FUNCTION tandem_identity_changed('account_id');
