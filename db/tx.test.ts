import { PgTransaction } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { DbOrTx } from "./client";
import { retryDelayMs, shouldRetry, TX_TRIES, withTx } from "./tx";

const coded = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });
// Drizzle wraps the driver's error: the code is on the cause.
const wrapped = (code: string) => new Error("Failed query", { cause: coded(code) });

/** A database whose transactions fail with the given errors, one per attempt, then succeed. */
function failing(errors: unknown[]) {
  let calls = 0;
  const db = {
    transaction: async <T>(fn: (tx: unknown) => Promise<T>) => {
      const e = errors[calls++];
      if (e) throw e;
      return fn({});
    },
  };
  return { db: db as unknown as DbOrTx, calls: () => calls };
}

describe("the transaction retry rule", () => {
  it.each([
    ["40001 serialization failure", "40001"],
    ["40P01 deadlock", "40P01"],
  ])("retries a %s", async (_name, code) => {
    const f = failing([wrapped(code), coded(code)]);
    await expect(withTx(f.db, async () => "done")).resolves.toBe("done");
    expect(f.calls()).toBe(3);
  });

  it(`gives up after ${TX_TRIES} tries in all`, async () => {
    const f = failing(Array.from({ length: TX_TRIES + 1 }, () => coded("40001")));
    await expect(withTx(f.db, async () => "done")).rejects.toThrow("40001");
    expect(f.calls()).toBe(TX_TRIES);
    expect(TX_TRIES).toBe(4);
  });

  it("leaves a unique violation to the caller unless asked", async () => {
    const plain = failing([coded("23505")]);
    await expect(withTx(plain.db, async () => "done")).rejects.toThrow("23505");
    expect(plain.calls()).toBe(1);

    const ledger = failing([coded("23505"), wrapped("23505")]);
    await expect(withTx(ledger.db, async () => "done", { retryUniqueViolation: true })).resolves.toBe("done");
    expect(ledger.calls()).toBe(3);
  });

  it.each(["23503", "22P02", "57014", undefined])("does not retry other errors (%s)", async (code) => {
    const f = failing([code ? coded(code) : new Error("no code")]);
    await expect(withTx(f.db, async () => "done", { retryUniqueViolation: true })).rejects.toThrow();
    expect(f.calls()).toBe(1);
  });

  it("retries nothing inside the caller's transaction (a savepoint)", async () => {
    let calls = 0;
    const outer = Object.create(PgTransaction.prototype) as { transaction: unknown };
    outer.transaction = async () => {
      calls++;
      throw coded("40001");
    };
    await expect(withTx(outer as unknown as DbOrTx, async () => "done")).rejects.toThrow("40001");
    expect(calls).toBe(1);
  });

  it("decides per attempt", () => {
    expect(shouldRetry(coded("40P01"), 1)).toBe(true);
    expect(shouldRetry(coded("40P01"), TX_TRIES - 1)).toBe(true);
    expect(shouldRetry(coded("40P01"), TX_TRIES)).toBe(false);
    expect(shouldRetry(coded("23505"), 1)).toBe(false);
    expect(shouldRetry(coded("23505"), 1, { retryUniqueViolation: true })).toBe(true);
  });

  it("waits a jittered time, growing with the attempt, never over 100 ms", () => {
    expect(retryDelayMs(1, () => 0)).toBe(0);
    expect(retryDelayMs(1, () => 0.999)).toBe(19);
    expect(retryDelayMs(2, () => 0.999)).toBe(39);
    expect(retryDelayMs(10, () => 0.999)).toBe(99);
  });
});
