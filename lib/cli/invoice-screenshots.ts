// `DATABASE_URL=postgres://…/<empty scratch db> npx tsx lib/cli/invoice-screenshots.ts`:
// the invoice PDFs of docs/invoices.md, remade. Seeds the demo into the (empty) database at a
// fixed clock, picks three of its invoices (the usage-heavy one, one with a subscription and a
// discount, one paid partly by vouchers), downloads each as a reader would (the original in its
// language, the marked copy in the other) and writes the first page of each as a PNG into
// docs/screenshots/ (pdftoppm from poppler-utils, 80 dpi).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { col, rows } from "@/db/rows";
import { atTime } from "@/lib/clock";
import { DEMO_ACCOUNTS } from "@/lib/demo/logins";
import { invoicePdf } from "@/lib/invoices/documents";
import { getInvoice } from "@/lib/invoices/read";
import { openCliDb } from "./open";

/** The demo's "today": after the 5 November 2026 issue, so October's invoices are the latest. */
const NOW = new Date("2026-11-20T12:00:00Z");
const OUT = "docs/screenshots";

if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL to an empty scratch database: the demo is seeded into it.");
  process.exit(2);
}
// The seed reaches modules marked server-only (they throw outside React Server Components); a
// script runs server code directly, as the tests do (vitest.config.ts aliases it the same way).
const require = createRequire(import.meta.url);
const serverOnly = require.resolve("server-only");
require.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;
const { isEmpty, seedDemo } = await import("@/lib/demo/seed");

const handle = await openCliDb();
const db = handle.db;
if (await isEmpty(db)) await seedDemo(db, NOW);

const globex = DEMO_ACCOUNTS[1].id;
const picks = await rows(
  db,
  sql`with l as (
        select invoice_id, count(*) filter (where kind = 'usage') as usage_lines, bool_or(kind = 'subscription') as has_subscription
        from invoice_lines group by invoice_id)
      select * from (
        (select 'usage' as name, i.id, i.account_id from invoices i join l on l.invoice_id = i.id order by l.usage_lines desc, i.period desc limit 1)
        union all
        (select 'subscription', i.id, i.account_id from invoices i join l on l.invoice_id = i.id where l.has_subscription and i.discount > 0 order by i.period desc limit 1)
        union all
        (select 'vouchers', i.id, i.account_id from invoices i where i.voucher > 0 order by (i.account_id = ${globex}::uuid) desc, i.period desc limit 1)
      ) p`,
  { name: col.text, id: col.text, account_id: col.text },
);

const tmp = mkdtempSync(path.join(tmpdir(), "invoice-shots-"));
try {
  for (const p of picks) {
    const data = (await getInvoice(db, { accountId: p.account_id, invoiceId: p.id, now: NOW }))!;
    const other = data.invoice.locale === "en" ? "zh-CN" : "en";
    for (const locale of [data.invoice.locale, other] as const) {
      const doc = await atTime(NOW, () => invoicePdf(db, data, locale === data.invoice.locale ? {} : { copy: locale }));
      const name = `invoice-${p.name}.${locale}`;
      const file = path.join(tmp, `${name}.pdf`);
      writeFileSync(file, doc.pdf);
      execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, path.join(OUT, name)]);
      console.log(`${OUT}/${name}.png: ${data.invoice.number} (${data.invoice.period}), ${locale === data.invoice.locale ? "original" : "copy"}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
  await handle.close();
}
