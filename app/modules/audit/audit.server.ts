// The append-only audit log. Database triggers refuse UPDATE and DELETE on it
// (prisma/migrations/*_init/extra.*.sql); this is the only writer.
import type { Tx } from "#app/utils/db.server";

export interface AuditRecord {
  actorId?: string | null;
  contestId?: string | null;
  action: string; // dotted verb, e.g. "auth.signIn", "contest.phase"
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** Writes one audit record inside the caller's transaction, so it commits with the change. */
export async function audit(tx: Tx, record: AuditRecord) {
  await tx.auditLog.create({
    data: {
      actorId: record.actorId ?? null,
      contestId: record.contestId ?? null,
      action: record.action,
      targetType: record.targetType ?? "",
      targetId: record.targetId ?? "",
      data: JSON.stringify(record.data ?? {}),
      ip: record.ip ?? null,
    },
  });
}
