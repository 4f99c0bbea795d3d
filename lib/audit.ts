import { simulatedTime } from "@/lib/clock";
import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";

export interface AuditEntry {
  actorUserId?: string | null;
  actorKind: "user" | "staff" | "system" | "api_key";
  accountId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  reason?: string;
  data?: unknown;
  ip?: string | null;
}

/** Writes one audit record inside the caller's transaction. */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    ...entry,
    at: simulatedTime() ?? undefined,
    data: entry.data === undefined ? null : JSON.parse(JSON.stringify(entry.data, (_k, v) => (typeof v === "bigint" ? v.toString() : v))),
  });
}
