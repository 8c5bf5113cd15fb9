-- The audit log is append-only: any UPDATE or DELETE of its rows fails with
-- "AuditLog is append-only". Rules rather than a PL/pgSQL trigger, because Prisma's migration
-- runner splits scripts at every semicolon, including those inside a function body.
CREATE RULE "AuditLog_no_update" AS ON UPDATE TO "AuditLog"
DO INSTEAD SELECT CAST('AuditLog is append-only: ' || old."id" AS integer);
CREATE RULE "AuditLog_no_delete" AS ON DELETE TO "AuditLog"
DO INSTEAD SELECT CAST('AuditLog is append-only: ' || old."id" AS integer);
