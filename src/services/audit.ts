/** Audit log: who did what, when. */
import type { Db } from "../db/client.ts";

type Tx = Pick<Db, "auditLog">;

export interface AuditEntry {
  actor: string;
  action: string;
  branchId?: number | null;
  targetMemberId?: number | null;
  details?: Record<string, unknown>;
}

export async function audit(db: Tx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      branchId: entry.branchId ?? null,
      targetMemberId: entry.targetMemberId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

export const memberActor = (memberId: number) => `member:${memberId}`;
