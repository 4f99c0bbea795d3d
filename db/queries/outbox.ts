import "server-only";
import { desc, eq, ilike } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { isUuid } from "./memberships";

const SUMMARY = {
  id: emailOutbox.id,
  to: emailOutbox.to,
  subject: emailOutbox.subject,
  template: emailOutbox.template,
  locale: emailOutbox.locale,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
};

export type OutboxSummary = Awaited<ReturnType<typeof listOutbox>>[number];

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first; `to` filters by recipient (case-insensitive, exact address). */
export async function listOutbox(db: DbOrTx, { to, limit = 100 }: { to?: string; limit?: number } = {}) {
  const q = db.select(SUMMARY).from(emailOutbox);
  const filtered = to ? q.where(ilike(emailOutbox.to, escapeLike(to.trim()))) : q;
  return filtered.orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id)).limit(limit);
}

/** One email with its rendered HTML, or null. */
export async function getOutboxEmail(db: DbOrTx, { id }: { id: string }) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ ...SUMMARY, accountId: emailOutbox.accountId, html: emailOutbox.html, text: emailOutbox.text })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id));
  return row ?? null;
}
