import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invoiceLines } from "@/db/schema";
import { runBilling } from "@/lib/billing/run";
import { atTime } from "@/lib/clock";
import { issueInvoice } from "@/lib/invoices/issue";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { bulkFleet, stopFleet } from "./bulk-fleet";

const handle = useTestDb();
const db = () => handle().db;

describe.skipIf(!process.env.DATABASE_URL)("an invoice with thousands of lines", () => {
  it("issues one account's month of 3,500 resources: one line each, in order", async () => {
    await ensureCatalogue(db());
    const start = new Date("2017-06-10T00:00:00Z");
    const { accountIds } = await bulkFleet(db(), { label: "Many lines", accounts: 1, perAccount: 3500, start });
    const [acct] = accountIds;
    await atTime(new Date("2017-06-10T01:30:00Z"), () => runBilling(db(), { until: new Date("2017-06-10T01:00:00Z"), accountIds }));
    await stopFleet(db(), accountIds);
    const r = await issueInvoice(db(), { accountId: acct!, period: "2017-06", now: new Date("2017-07-05T00:30:00Z"), notify: false });
    expect(r.status).toBe("issued");
    if (r.status !== "issued") return;
    expect(r.lines.filter((l) => l.kind === "usage")).toHaveLength(3500);
    const [stored] = await db()
      .select({ n: sql<number>`count(*)::int`, lo: sql<number>`min(position)::int`, hi: sql<number>`max(position)::int` })
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, r.invoice.id));
    expect(stored).toEqual({ n: r.lines.length, lo: 1, hi: r.lines.length });
  });
});
