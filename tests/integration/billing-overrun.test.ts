import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { paymentMethods, payments } from "@/db/schema";
import { chargeOverrun } from "@/lib/payments/charge-overrun";
import { TEST_CARDS, testToken } from "@/lib/payments/test-provider";
import { chargeUsage, setCreditLimit } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;

async function overdrawn(card?: string) {
  const acct = await createAccount(db());
  await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(5), reason: "test", actor: staff });
  await chargeUsage(db(), { accountId: acct, amount: 7_123_456n, idempotencyKey: key("usage"), actor: system });
  if (card) await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa", brand: "visa", last4: card.slice(-4), providerToken: testToken(card), isDefault: true });
  return acct;
}

describe("credit overrun", () => {
  it("charges the default card back to a zero balance, once per period", async () => {
    const acct = await overdrawn(TEST_CARDS.succeeds);
    const r = await chargeOverrun(db(), acct, "run-1");
    expect(r).toMatchObject({ status: "succeeded", outstanding: 7_130_000n });
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(6_544n);
    expect(await chargeOverrun(db(), acct, "run-1")).toEqual({ status: "not_needed" });
    expect(await db().select().from(payments).where(eq(payments.accountId, acct))).toHaveLength(1);
  });

  it.each([
    [TEST_CARDS.declined, "declined", "failed"],
    [TEST_CARDS.insufficientFunds, "insufficient_funds", "failed"],
    [TEST_CARDS.unknown, "unknown", "unknown"],
  ] as const)("records a failed attempt with card %s and leaves the balance", async (card, outcome, stored) => {
    const acct = await overdrawn(card);
    expect(await chargeOverrun(db(), acct, "run-1")).toMatchObject({ status: outcome });
    const [p] = await db().select().from(payments).where(eq(payments.accountId, acct));
    expect(p!.status).toBe(stored);
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(-7_123_456n);
  });

  it("reports an account without a method", async () => {
    const acct = await overdrawn();
    expect(await chargeOverrun(db(), acct, "run-1")).toMatchObject({ status: "no_method" });
  });
});
