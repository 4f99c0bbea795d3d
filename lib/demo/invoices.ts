import { sql } from "drizzle-orm";
import { col, rows } from "@/db/rows";
import { atTime, clockNow } from "@/lib/clock";
import { invoicesJob } from "@/lib/jobs/invoices";
import { issueDateOf, periodKeyAt, shiftPeriod } from "@/lib/invoices/period";
import type { Db } from "@/db/client";
import { billingProfiles } from "@/db/schema";
import { DEMO_ACCOUNTS } from "./logins";

/**
 * The demo's invoices: the issue job run as it would have run on the 5th of each month of
 * the demo's history, so every past month with activity has its invoice. Only the latest
 * month's are emailed (older links would have expired anyway), and PDFs are left to the
 * first download, so this stays quick. Acme's invoices are in English, Globex's in 简体中文.
 * Their tax IDs have their country's format (a US EIN, an 18-character 统一社会信用代码); the
 * demo's seller and tax rules (SG 9 % GST, the EU reverse charge) are the defaults of demo
 * mode (DEMO_SELLER in lib/seller.ts, DEMO_TAX_RULES in lib/tax/rules.ts), so neither demo
 * customer is taxed.
 */
export async function seedDemoInvoices(db: Db, now = clockNow()): Promise<void> {
  const [acme, globex] = DEMO_ACCOUNTS;
  await db
    .insert(billingProfiles)
    .values([
      { accountId: acme.id, companyName: "Acme Cloud Ltd", address: "221B Market Street, San Francisco, CA 94105", country: "United States", taxId: "94-1234567", billingEmail: "ap@acme.example", invoiceLocale: "en" },
      { accountId: globex.id, companyName: "上海格洛贝克斯研究有限公司", address: "上海市浦东新区张江路 88 号 5 楼", country: "中国", taxId: "91310115MA1K4A2B3A", billingEmail: null, invoiceLocale: "zh-CN" },
    ])
    .onConflictDoNothing();
  const [first] = await rows(db, sql`select min(created_at) as at from ledger_transactions where account_id is not null`, { at: col.dateOrNull });
  if (!first?.at) return;
  const periods: string[] = [];
  for (let p = periodKeyAt(first.at); issueDateOf(p) <= now; p = shiftPeriod(p, 1)) periods.push(p);
  for (const [i, p] of periods.entries()) {
    const at = issueDateOf(p);
    await atTime(at, () => invoicesJob(db, { now: at, pdf: false, notify: i === periods.length - 1 }));
  }
}
