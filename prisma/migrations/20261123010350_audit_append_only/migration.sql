-- Written by hand: Prisma's diff does not see functions or triggers, so the drift check ignores them.
-- "AuditLog" is append-only: any UPDATE, DELETE or TRUNCATE is rejected. Statement-level triggers so that
-- even a statement matching no rows fails loudly instead of looking allowed.

-- CreateFunction
CREATE FUNCTION "audit_log_reject_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only: % on "AuditLog" is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Record a correcting entry instead of changing or removing one.';
END;
$$;

-- CreateTrigger
CREATE TRIGGER "AuditLog_append_only"
BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_reject_change"();
