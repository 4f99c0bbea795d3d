import { eq, sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { holds, ledgerAccounts, ledgerEntries, ledgerTransactions } from "@/db/schema";
import { formatVerifyReport, topUp, type VerifyReport, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;

/** Drizzle wraps a failed statement (the database's message is its cause) but not a failed COMMIT. */
async function expectRefused(attempt: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the database accepted it").not.toBeNull();
  const messages: string[] = [];
  for (let c = error as { message?: string; cause?: unknown } | undefined; c; c = c.cause as typeof c) messages.push(String(c.message));
  expect(messages.join(" | ")).toMatch(pattern);
}

async function postedTopUp() {
  const acct = await createAccount(db());
  const posting = await topUp(db(), { accountId: acct, amount: dollars(10), provider: "test", idempotencyKey: key("topup"), actor: system });
  return { acct, posting };
}

describe("the database guards the ledger", () => {
  it("refuses to change or remove entries and transactions", async () => {
    const { acct, posting } = await postedTopUp();
    const entryId = (await db().select().from(ledgerEntries).where(eq(ledgerEntries.transactionId, posting.transactionId)))[0]!.id;
    await expectRefused(db().update(ledgerEntries).set({ amount: dollars(1000) }).where(eq(ledgerEntries.id, entryId)), /append-only/);
    await expectRefused(db().delete(ledgerEntries).where(eq(ledgerEntries.id, entryId)), /append-only/);
    await expectRefused(db().update(ledgerTransactions).set({ description: "rewritten" }).where(eq(ledgerTransactions.id, posting.transactionId)), /append-only/);
    await expectRefused(db().delete(ledgerTransactions).where(eq(ledgerTransactions.id, posting.transactionId)), /append-only/);
    await expectRefused(db().execute(sql`truncate ledger_entries, ledger_transactions cascade`), /append-only/);
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(10));
  });

  it("refuses a cached balance changed other than by an entry", async () => {
    const { acct } = await postedTopUp();
    await expectRefused(db().update(ledgerAccounts).set({ balance: dollars(1_000_000) }).where(eq(ledgerAccounts.accountId, acct)), /only by inserting ledger entries/);
    await expectRefused(db().insert(ledgerAccounts).values({ kind: "voucher", accountId: acct, ref: "v-1", balance: dollars(5) }), /starts at zero/);
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(10));
  });

  it("refuses at commit a transaction whose entries do not sum to zero", async () => {
    const { acct } = await postedTopUp();
    const [cash] = await db().select().from(ledgerAccounts).where(eq(ledgerAccounts.accountId, acct));
    const attempt = db().transaction(async (tx) => {
      const [t] = await tx
        .insert(ledgerTransactions)
        .values({ accountId: acct, type: "adjustment", description: "money from nowhere", idempotencyKey: key("bad"), requestHash: "x", actorKind: "system" })
        .returning();
      await tx.insert(ledgerEntries).values({ transactionId: t!.id, ledgerAccountId: cash!.id, amount: dollars(500) });
    });
    await expectRefused(attempt, /unbalanced/);

    const empty = db().transaction(async (tx) => {
      await tx
        .insert(ledgerTransactions)
        .values({ accountId: acct, type: "adjustment", description: "no entries", idempotencyKey: key("empty"), requestHash: "x", actorKind: "system" });
    });
    await expectRefused(empty, /unbalanced/);

    // Appending a stray entry to an old, balanced transaction is refused too.
    const [old] = await db().select().from(ledgerTransactions).where(eq(ledgerTransactions.accountId, acct));
    await expectRefused(db().insert(ledgerEntries).values({ transactionId: old!.id, ledgerAccountId: cash!.id, amount: 1n }), /unbalanced/);

    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(10));
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});

describe("ledger verify", () => {
  it("reports what is wrong, readably", async () => {
    const { acct, posting } = await postedTopUp();
    // Corrupt inside a transaction that is rolled back, so no other test sees it.
    let captured: VerifyReport | undefined;
    await db()
      .transaction(async (tx) => {
        await tx.insert(holds).values({ id: crypto.randomUUID(), accountId: acct, amount: dollars(3), resourceRef: "ghost", placedTransactionId: posting.transactionId });
        captured = await verifyLedger(tx);
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof TransactionRollbackError)) throw e;
      });
    const report = captured!;
    expect(report.ok).toBe(false);
    const failed = Object.fromEntries(report.checks.filter((c) => c.violations > 0).map((c) => [c.name, c.samples]));
    expect(Object.keys(failed).sort()).toEqual(["frozen-equals-holds", "hold-postings"]);
    expect(failed["frozen-equals-holds"]).toEqual([`${acct}: frozen 0, active holds 3000000`]);
    const text = formatVerifyReport(report);
    expect(text).toMatch(/FAIL each account's frozen balance equals the sum of its active holds \(1 violations\)/);
    expect(text).toMatch(/Ledger has violations\.$/);
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});
