import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { listBillingContacts } from "@/db/queries/memberships";
import { accounts, type contracts, users } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { CONTRACT_EMAIL_EVENTS, type ContractUpdateProps } from "@/emails/contract-update";

type ContractRow = typeof contracts.$inferSelect;

/** Who hears of each step: what the customer does goes to finance staff, what staff or the system does goes to the customer. */
const TO_STAFF = new Set(["submit", "withdraw", "sign", "expire"]);
const TO_CUSTOMER = new Set(["countersign", "return", "activate", "terminate", "expire"]);

/** Queues the emails of one transition in its transaction (outbox), each recipient in their own language. */
export async function notifyContract(tx: DbOrTx, c: ContractRow, e: { action: string; comment: string | null; now: Date }): Promise<void> {
  if (!(CONTRACT_EMAIL_EVENTS as readonly string[]).includes(e.action)) return;
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, c.accountId));
  const recipients: { email: string; name: string; locale: "en" | "zh-CN"; url: string }[] = [];
  if (TO_CUSTOMER.has(e.action)) {
    for (const m of await listBillingContacts(tx, { accountId: c.accountId })) recipients.push({ ...m, url: `${appUrl()}/a/${c.accountId}/billing/contracts/${c.id}` });
  }
  if (TO_STAFF.has(e.action)) {
    const staff = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(and(eq(users.staffRole, "finance"), eq(users.disabled, false)));
    for (const s of staff) recipients.push({ ...s, url: `${appUrl()}/staff/contracts/${c.id}` });
  }
  for (const r of recipients) {
    const props: ContractUpdateProps = { name: r.name, account: account?.name ?? "", number: c.number, kind: c.kind, event: e.action as ContractUpdateProps["event"], comment: e.comment, url: r.url };
    await sendEmail(tx, { to: r.email, locale: r.locale, template: "contract-update", props, accountId: c.accountId, idempotencyKey: `contract:${c.id}:${e.action}:${c.updatedAt.toISOString()}:${r.email.toLowerCase()}` });
  }
}
