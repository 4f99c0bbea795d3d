import { describe, expect, it } from "vitest";
import { invoiceStatus, outstandingAmount } from "./status";

describe("outstanding amount", () => {
  it("is the amount due less what settled it, never below zero", () => {
    expect(outstandingAmount({ amountDue: 100n, settled: 30n })).toBe(70n);
    expect(outstandingAmount({ amountDue: 100n, settled: 100n })).toBe(0n);
    expect(outstandingAmount({ amountDue: 100n, settled: 130n })).toBe(0n);
    expect(outstandingAmount({ amountDue: 0n, settled: 0n })).toBe(0n);
  });
});

describe("invoice status", () => {
  const dueAt = new Date("2030-02-05T00:00:00Z");
  it("is paid once nothing is outstanding, else unpaid until the due date and overdue after", () => {
    expect(invoiceStatus({ amountDue: 100n, dueAt }, 100n, new Date("2031-01-01T00:00:00Z"))).toBe("paid");
    expect(invoiceStatus({ amountDue: 100n, dueAt }, 99n, dueAt)).toBe("unpaid");
    expect(invoiceStatus({ amountDue: 100n, dueAt }, 0n, new Date(dueAt.getTime() + 1))).toBe("overdue");
  });
});
