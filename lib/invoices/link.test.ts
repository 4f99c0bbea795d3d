import { beforeAll, describe, expect, it } from "vitest";
import { signInvoiceLink, verifyInvoiceLink } from "./link";

const invoiceId = "7d0c6f2e-0000-4000-8000-000000000001";
const accountId = "0a1c0000-0000-4000-8000-000000000001";
const now = new Date("2026-03-05T00:00:00Z");
const expiresAt = new Date("2026-04-04T00:00:00Z");

beforeAll(() => {
  process.env.AUTH_SECRET = "unit-test-secret";
});

describe("signed invoice links", () => {
  it("open their invoice until they expire, and not a second later", () => {
    const token = signInvoiceLink({ invoiceId, accountId, expiresAt });
    expect(verifyInvoiceLink(token, now)).toEqual({ invoiceId, accountId, expiresAt });
    expect(verifyInvoiceLink(token, new Date(expiresAt.getTime() - 1000))).not.toBeNull();
    expect(verifyInvoiceLink(token, expiresAt)).toBeNull();
  });

  it("refuse any change: another invoice, another account, a later expiry, a cut or altered MAC", () => {
    const token = signInvoiceLink({ invoiceId, accountId, expiresAt });
    const [inv, acct, exp, mac] = token.split(".");
    const other = "7d0c6f2e-0000-4000-8000-000000000002";
    expect(verifyInvoiceLink([other, acct, exp, mac].join("."), now)).toBeNull();
    expect(verifyInvoiceLink([inv, other, exp, mac].join("."), now)).toBeNull();
    expect(verifyInvoiceLink([inv, acct, String(Number(exp) + 86_400), mac].join("."), now)).toBeNull();
    expect(verifyInvoiceLink([inv, acct, exp, mac!.slice(0, -2)].join("."), now)).toBeNull();
    expect(verifyInvoiceLink([inv, acct, exp, (mac![0] === "A" ? "B" : "A") + mac!.slice(1)].join("."), now)).toBeNull();
    expect(verifyInvoiceLink("", now)).toBeNull();
    expect(verifyInvoiceLink("a.b.c.d", now)).toBeNull();
  });

  it("are bound to the secret: a link signed with another AUTH_SECRET is refused", () => {
    const token = signInvoiceLink({ invoiceId, accountId, expiresAt });
    process.env.AUTH_SECRET = "another-secret";
    try {
      expect(verifyInvoiceLink(token, now)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = "unit-test-secret";
    }
  });
});
