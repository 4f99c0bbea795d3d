import "server-only";
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { isUuid } from "@/db/queries/memberships";
import { accountBillingState, accounts, auditLog, contracts, jobHeartbeats, jobRuns, memberships, staffApprovals, users } from "@/db/schema";

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Accounts whose name or a member's email contains `q`, or whose ID is `q`; every account when `q` is empty. */
export async function searchAccounts(db: DbOrTx, { q, limit = 100 }: { q: string; limit?: number }) {
  const term = q.trim();
  const pattern = `%${likeEscape(term)}%`;
  const member = alias(users, "member");
  const where = term
    ? or(
        ilike(accounts.name, pattern),
        isUuid(term) ? eq(accounts.id, term) : undefined,
        inArray(
          accounts.id,
          db.select({ id: memberships.accountId }).from(memberships).innerJoin(member, eq(member.id, memberships.userId)).where(ilike(member.email, pattern)),
        ),
      )
    : undefined;
  return db
    .select({ id: accounts.id, name: accounts.name, createdAt: accounts.createdAt, members: count(memberships.userId) })
    .from(accounts)
    .leftJoin(memberships, eq(memberships.accountId, accounts.id))
    .where(where)
    .groupBy(accounts.id)
    .orderBy(asc(accounts.name))
    .limit(limit);
}

/** Whether and since when the account is overdue, and the overdue steps taken. */
export async function getOverdueState(db: DbOrTx, { accountId }: { accountId: string }) {
  const [row] = await db
    .select({ overdueSince: accountBillingState.overdueSince, steps: accountBillingState.overdueSteps, protectionHours: accountBillingState.protectionHours })
    .from(accountBillingState)
    .where(eq(accountBillingState.accountId, accountId));
  /** protectionHours: the staff-set overdue protection period, null for each product's own. */
  return { overdueSince: row?.overdueSince ?? null, steps: row?.steps ?? [], protectionHours: row?.protectionHours ?? null };
}

const requester = alias(users, "requester");
const decider = alias(users, "decider");

/** Four-eyes requests, newest first: pending ones of every account, or all of one account. */
export async function listApprovals(db: DbOrTx, { accountId, status, limit = 50 }: { accountId?: string; status?: "pending" | "approved" | "rejected"; limit?: number }) {
  return db
    .select({
      id: staffApprovals.id, kind: staffApprovals.kind, accountId: staffApprovals.accountId, accountName: accounts.name, amount: staffApprovals.amount, before: staffApprovals.before,
      reason: staffApprovals.reason, status: staffApprovals.status, requestedAt: staffApprovals.requestedAt, requestedByUserId: staffApprovals.requestedByUserId,
      requestedBy: requester.email, decidedBy: decider.email, decidedAt: staffApprovals.decidedAt, decisionNote: staffApprovals.decisionNote,
      contractId: staffApprovals.contractId, contractNumber: contracts.number,
    })
    .from(staffApprovals)
    .innerJoin(accounts, eq(accounts.id, staffApprovals.accountId))
    .innerJoin(requester, eq(requester.id, staffApprovals.requestedByUserId))
    .leftJoin(decider, eq(decider.id, staffApprovals.decidedByUserId))
    .leftJoin(contracts, eq(contracts.id, staffApprovals.contractId))
    .where(and(accountId ? eq(staffApprovals.accountId, accountId) : undefined, status ? eq(staffApprovals.status, status) : undefined))
    .orderBy(desc(staffApprovals.requestedAt))
    .limit(limit);
}

export interface AuditFilters {
  /** The actor's email (exact, any case) or user ID. */
  actor?: string;
  accountId?: string;
  /** Part of the account's name (any case), when no ID is given. */
  accountName?: string;
  /** An action, or a prefix ending in "." (e.g. "billing."). */
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

function auditWhere(f: AuditFilters): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (f.actor) {
    const a = f.actor.trim();
    where.push(isUuid(a) ? eq(auditLog.actorUserId, a) : inArray(auditLog.actorUserId, sql`(select ${users.id} from ${users} where lower(${users.email}) = lower(${a}))`));
  }
  if (f.accountId) where.push(eq(auditLog.accountId, f.accountId));
  else if (f.accountName) where.push(inArray(auditLog.accountId, sql`(select ${accounts.id} from ${accounts} where ${accounts.name} ilike ${`%${likeEscape(f.accountName.trim())}%`})`));
  if (f.action) where.push(f.action.endsWith(".") ? ilike(auditLog.action, `${likeEscape(f.action)}%`) : eq(auditLog.action, f.action));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  return and(...where);
}

const actor = alias(users, "actor");

/** Audit records, newest first, keyset-paged by id (`before`: the last id of the previous page). */
export async function listAudit(db: DbOrTx, f: AuditFilters & { limit: number; before?: bigint }) {
  return db
    .select({
      id: auditLog.id, at: auditLog.at, actorKind: auditLog.actorKind, actorUserId: auditLog.actorUserId, actorEmail: actor.email, accountId: auditLog.accountId, accountName: accounts.name,
      action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, reason: auditLog.reason, data: auditLog.data, ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    .leftJoin(accounts, eq(accounts.id, auditLog.accountId))
    .where(and(auditWhere(f), f.before !== undefined ? lt(auditLog.id, f.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(f.limit);
}

/** The distinct actions on record, for the filter's list. */
export async function listAuditActions(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

/** The latest tick of every scheduled job, by job name (lib/jobs/schedule.ts writes them). */
export async function jobHeartbeatsByName(db: DbOrTx) {
  const rows = await db.select().from(jobHeartbeats);
  return new Map(rows.map((r) => [r.job, r]));
}

/** Per job: its latest run, its latest failure, and how many runs failed in the last week. */
export async function jobRunSummary(db: DbOrTx, { jobs, now }: { jobs: string[]; now: Date }) {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const out = new Map<string, { last: typeof jobRuns.$inferSelect | null; lastFailure: typeof jobRuns.$inferSelect | null; failedThisWeek: number }>();
  for (const job of jobs) {
    const [last] = await db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.startedAt)).limit(1);
    const [lastFailure] = await db.select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.status, "failed"))).orderBy(desc(jobRuns.startedAt)).limit(1);
    const [failed] = await db.select({ n: count() }).from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.status, "failed"), gte(jobRuns.startedAt, weekAgo)));
    out.set(job, { last: last ?? null, lastFailure: lastFailure ?? null, failedThisWeek: failed?.n ?? 0 });
  }
  return out;
}
