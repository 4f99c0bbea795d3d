import { describe, expect, it } from "vitest";
import type { ContractTerms } from "@/db/schema";
import { monthCommitment } from "./commitments";
import { orderFormRate, termsOf } from "./order-forms";

const d = (iso: string) => new Date(iso);
const contract = (terms: Partial<ContractTerms>, extra: { signedAt?: Date | null; endedAt?: Date | null; accountId?: string } = {}) =>
  termsOf({
    id: crypto.randomUUID(), number: "CT000042", accountId: extra.accountId ?? "acct",
    terms: { startsOn: "2026-10-01", endsOn: "2026-10-31", committedMonthlySpend: "31000000", discountBps: 2000, items: [{ productId: "ecs", nameEn: "", nameZh: "", unitLabel: "", quantity: 1 }], ...terms },
    signedAt: extra.signedAt === undefined ? d("2026-09-20T09:00:00Z") : extra.signedAt, endedAt: extra.endedAt ?? null,
  });
const october = { start: d("2026-10-01T00:00:00Z"), end: d("2026-11-01T00:00:00Z") };

describe("when an order form is in force", () => {
  it("from its start date to the end of its end date (UTC days)", () => {
    const f = contract({});
    expect([f.from, f.until]).toEqual([d("2026-10-01T00:00:00Z"), d("2026-11-01T00:00:00Z")]);
    expect(orderFormRate([f], "acct", "ecs", d("2026-09-30T23:59:59Z"))).toBe(0);
    expect(orderFormRate([f], "acct", "ecs", d("2026-10-01T00:00:00Z"))).toBe(2000);
    expect(orderFormRate([f], "acct", "ecs", d("2026-10-31T23:00:00Z"))).toBe(2000);
    expect(orderFormRate([f], "acct", "ecs", d("2026-11-01T00:00:00Z"))).toBe(0);
  });

  it("from the signature when signed after the start, to the termination when terminated early; never before signing", () => {
    expect(contract({}, { signedAt: d("2026-10-10T15:00:00Z") }).from).toEqual(d("2026-10-10T15:00:00Z"));
    expect(contract({}, { endedAt: d("2026-10-20T08:00:00Z") }).until).toEqual(d("2026-10-20T08:00:00Z"));
    const unsigned = contract({}, { signedAt: null });
    expect(unsigned.until.getTime() - unsigned.from.getTime()).toBe(0);
    // Terminated before it started: in force for no time at all.
    const never = contract({}, { endedAt: d("2026-09-25T00:00:00Z") });
    expect(orderFormRate([never], "acct", "ecs", d("2026-10-05T00:00:00Z"))).toBe(0);
  });

  it("covers the listed products only (all when none are listed), its own account only, the best of two forms", () => {
    const f = contract({});
    expect(orderFormRate([f], "acct", "oss", d("2026-10-05T00:00:00Z"))).toBe(0);
    expect(orderFormRate([f], "other", "ecs", d("2026-10-05T00:00:00Z"))).toBe(0);
    expect(orderFormRate([contract({ items: [] })], "acct", "oss", d("2026-10-05T00:00:00Z"))).toBe(2000);
    expect(orderFormRate([f, contract({ discountBps: 2500 })], "acct", "ecs", d("2026-10-05T00:00:00Z"))).toBe(2500);
  });
});

describe("a month's commitment", () => {
  it("is the whole commitment in a month wholly in force, pro rata (to the cent) in a month in force in part", () => {
    expect(monthCommitment([contract({})], october.start, october.end)?.committed).toBe(31_000_000n);
    // From the 17th: 15 of 31 days of $31.
    expect(monthCommitment([contract({ startsOn: "2026-10-17", endsOn: "2027-01-31" })], october.start, october.end)?.committed).toBe(15_000_000n);
    // Ends on the 10th: 10 days of $100 in a 31-day month = $32.258… → $32.26.
    expect(monthCommitment([contract({ endsOn: "2026-10-10", committedMonthlySpend: "100000000" })], october.start, october.end)?.committed).toBe(32_260_000n);
  });

  it("is the larger of two forms in force, never their sum; none without a commitment or outside the month", () => {
    const small = contract({});
    const large = contract({ committedMonthlySpend: "50000000" });
    const c = monthCommitment([small, large], october.start, october.end)!;
    expect([c.committed, c.contract.contractId]).toEqual([50_000_000n, large.contractId]);
    expect(monthCommitment([contract({ committedMonthlySpend: "0" })], october.start, october.end)).toBeNull();
    expect(monthCommitment([contract({ startsOn: "2026-11-01", endsOn: "2026-12-31" })], october.start, october.end)).toBeNull();
  });
});
