import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/**
 * Append-only record of every money, permission and setting change. The migration
 * installs a trigger that refuses UPDATE and DELETE on this table.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    at: ts("at").notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorKind: text("actor_kind").notNull(), // user | staff | system | api_key
    accountId: uuid("account_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    reason: text("reason"),
    data: jsonb("data"),
    ip: text("ip"),
  },
  (t) => [index("audit_log_account_idx").on(t.accountId, t.at), index("audit_log_action_idx").on(t.action, t.at)],
);
