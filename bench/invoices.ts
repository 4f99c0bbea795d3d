// `DATABASE_URL=… npm run bench:invoices`: the monthly invoice run for 2,000 accounts on the
// PostgreSQL server of DATABASE_URL, PDFs included, in a scratch database it creates and
// drops, beside rendering the same PDFs alone (no database) in the same run. Prints
// invoices per second both ways, their ratio, and how the process's peak memory moved
// from the first 500 invoices to the last 500, then zips every invoice into one streamed
// archive (bench/invoices-zip.ts); the last line is what CI reads.
import { createHash, randomBytes } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getInvoice, type InvoiceWithLines } from "@/lib/invoices/read";
import { accountBillingState, accounts, billingProfiles, invoices, resources } from "@/db/schema";
import { runBilling } from "@/lib/billing/run";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { rowsOf } from "@/db/rows";
import { atTime } from "@/lib/clock";
import { issuedViewModel, storeIssuedPdf } from "@/lib/invoices/documents";
import { ISSUE_CONCURRENCY, issuePeriod } from "@/lib/invoices/issue";
import { renderInvoicePdf } from "@/lib/invoices/pdf/render";
import { chargeUsage, setCreditLimit, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { DEMO_SELLER } from "@/lib/seller";
import { DEMO_TAX_RULES } from "@/lib/tax/rules";
import { benchZip } from "./invoices-zip";
import { benchServer, withScratchDatabase } from "./scratch";

// Every invoice carries the seller block and half of them a 9 % GST line (the Singapore accounts), as the demo configures them.
process.env.SELLER_NAME ??= DEMO_SELLER.name;
process.env.SELLER_ADDRESS ??= DEMO_SELLER.address;
process.env.SELLER_TAX_ID ??= DEMO_SELLER.taxId;
process.env.SELLER_BANK ??= DEMO_SELLER.bank;
process.env.SELLER_EMAIL ??= DEMO_SELLER.email;
process.env.SELLER_LOGO ??= DEMO_SELLER.logo;
process.env.TAX_RULES ??= JSON.stringify(DEMO_TAX_RULES);

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 2000);
const WINDOW = Math.min(500, Math.floor(ACCOUNTS / 2));
/** Accounts in flight at once, as in the job (issuePeriod's default). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? ISSUE_CONCURRENCY);
const DB_NAME = process.env.BENCH_DB ?? "billing_bench_invoices";
const PERIOD = "2030-01";
const ISSUE_AT = new Date("2030-02-05T00:30:00Z");
const system = { kind: "system" as const };
const MB = 1024 * 1024;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** Pay-as-you-go resources each account runs on the month's last evening: five to seven invoice lines. */
const HOURLY = [
  { productId: "ecs.g7.large", unitPrice: 96_000n, quantity: 1n },
  { productId: "gpu.a10.xlarge", unitPrice: 1_450_000n, quantity: 1n },
  { productId: "bw.premium.mbps", unitPrice: 12_500n, quantity: 100n },
  { productId: "eip.standard", unitPrice: 5_000n, quantity: 2n },
  { productId: "slb.standard", unitPrice: 25_000n, quantity: 1n },
];

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map((x, j) => fn(x, i + j)));
}

/**
 * January 2030 for every account, through the ledger's own API (so verifyLedger holds):
 * a top-up on the 2nd; every fifth account on credit with a small top-up, so its invoice
 * has an amount due; every third buys a monthly subscription on the 15th; every fourth has
 * a direct usage charge on the 20th; five hourly resources run from 18:00 to 20:00 on the
 * 31st and are charged by the billing run. A quarter of the team infos are in 简体中文, and
 * the English ones are half in Singapore (taxed) and half in the US.
 */
async function makeMonth(db: Db): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < ACCOUNTS; i += 500) {
    const rows = await db.insert(accounts).values(Array.from({ length: Math.min(500, ACCOUNTS - i) }, (_, j) => ({ name: `Bench ${i + j}` }))).returning({ id: accounts.id });
    ids.push(...rows.map((r) => r.id));
  }
  await db.insert(billingProfiles).values(
    ids.map((accountId, i) =>
      i % 4 === 3
        ? { accountId, companyName: `北京示例云计算有限公司 ${i}`, address: "北京市海淀区中关村大街 1 号", country: "中国", taxId: `91110108MA0${i}`, billingEmail: `finance${i}@example.cn`, invoiceLocale: "zh-CN" as const }
        : i % 2 === 0
          ? { accountId, companyName: `Example Cloud Pte Ltd ${i}`, address: "8 Marina View, Singapore 018960", country: "Singapore", taxId: "201912345R", billingEmail: `billing${i}@example.sg` }
          : { accountId, companyName: `Example Cloud Ltd ${i}`, address: "1 Market Street, San Francisco, CA", country: "United States", taxId: `US-${i}`, billingEmail: `billing${i}@example.com` },
    ),
  );
  await db.insert(accountBillingState).values(ids.map((accountId) => ({ accountId })));
  await atTime(new Date(`${PERIOD}-02T09:00:00Z`), () =>
    inBatches(ids, 8, async (accountId, i) => {
      if (i % 5 === 0) await setCreditLimit(db, { accountId, creditLimit: dollars(1_000), reason: "bench", actor: system });
      await topUp(db, { accountId, amount: i % 5 === 0 ? dollars(5) : dollars(500), provider: "test", idempotencyKey: `bench-topup:${accountId}`, actor: system, description: "Top-up by Visa •••• 4242" });
    }),
  );
  await atTime(new Date(`${PERIOD}-15T10:00:00Z`), () =>
    inBatches(
      ids.filter((_, i) => i % 3 === 0),
      8,
      (accountId) => purchaseSubscription(db, { accountId, productId: "ecs.g7.large.sub", quantity: 1, termMonths: 1, autoRenew: false, actor: system, idempotencyKey: `bench-sub:${accountId}` }),
    ),
  );
  await atTime(new Date(`${PERIOD}-20T10:00:00Z`), () =>
    inBatches(
      ids.filter((_, i) => i % 4 === 0),
      8,
      (accountId) => chargeUsage(db, { accountId, amount: 3_141_592n, idempotencyKey: `bench-usage:${accountId}`, actor: system, description: "Data transfer out 公网流量" }),
    ),
  );
  const start = new Date(`${PERIOD}-31T18:00:00Z`);
  const rows = ids.flatMap((accountId) =>
    HOURLY.map((p, k) => ({ accountId, ...p, name: `res-${k}`, status: "running" as const, billingMode: "payg_hourly" as const, startedAt: start, billedUntil: start, requestKey: `bench-${k}` })),
  );
  for (let i = 0; i < rows.length; i += 2000) await db.insert(resources).values(rows.slice(i, i + 2000));
  await db.execute("analyze");
  await atTime(new Date(`${PERIOD}-31T20:00:00Z`), () => runBilling(db, { until: new Date(`${PERIOD}-31T20:00:00Z`), batchSize: 100 }));
  await db.execute("analyze");
  return ids;
}

/** Peak resident memory seen so far, sampled after each invoice (process.resourceUsage's maxRSS never goes down, so sample rss). */
function memorySampler() {
  const peaks: number[] = [];
  const live: number[] = [];
  return {
    sample() {
      peaks.push(process.memoryUsage().rss);
    },
    /** Peak RSS over invoices [from, to). */
    peak(from: number, to: number) {
      return Math.max(...peaks.slice(from, to));
    },
    get count() {
      return peaks.length;
    },
    /** What is still reachable after a full collection (with --expose-gc): flat if nothing leaks per invoice. */
    liveHeap() {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) return;
      gc();
      live.push(process.memoryUsage().heapUsed);
    },
    live,
  };
}

async function bench(db: Db, version: string): Promise<void> {
  let t = performance.now();
  const ids = await makeMonth(db);
  const setupSeconds = (performance.now() - t) / 1000;
  if (!(await verifyLedger(db)).ok) throw new Error("ledger verify failed after making the month");

  // The same path as the monthly job (invoicesJob): issue, then render and store the PDF;
  // in two halves, each followed by rendering its invoices alone, so a change in the
  // machine's load during the run falls on both sides alike.
  const memory = memorySampler();
  let issueSeconds = 0;
  let issueCpu = 0;
  let renderCpu = 0;
  let renderSeconds = 0;
  let issued = 0;
  let rendered = 0;
  let renderedBytes = 0;
  for (const half of [ids.slice(0, ids.length / 2), ids.slice(ids.length / 2)]) {
    // The rendering-alone pass before the second half leaves garbage of its own: collect it
    // (the script runs with --expose-gc), so the memory figures are the job's.
    (globalThis as { gc?: () => void }).gc?.();
    t = performance.now();
    let cpu = process.cpuUsage();
    const r = await issuePeriod(db, {
      period: PERIOD,
      now: ISSUE_AT,
      accountIds: half,
      concurrency: CONCURRENCY,
      afterIssue: async (issued) => {
        await storeIssuedPdf(db, issued);
        memory.sample();
        if (memory.count % WINDOW === 0) memory.liveHeap();
      },
    });
    issueSeconds += (performance.now() - t) / 1000;
    issueCpu += cpuMs(process.cpuUsage(cpu));
    issued += r.issued;
    if (r.issued !== half.length) throw new Error(`expected ${half.length} invoices, issued ${r.issued} (${r.skipped} without activity)`);

    // Rendering alone: the same invoices, read beforehand, through the same view-model and renderer, hashed as the job does.
    const rows = await db.select({ id: invoices.id, accountId: invoices.accountId }).from(invoices).where(inArray(invoices.accountId, half));
    const data: InvoiceWithLines[] = [];
    for (const row of rows) data.push((await getInvoice(db, { accountId: row.accountId, invoiceId: row.id }))!);
    t = performance.now();
    cpu = process.cpuUsage();
    for (const d of data) {
      const pdf = await renderInvoicePdf(issuedViewModel(d));
      createHash("sha256").update(pdf).digest("hex");
      renderedBytes += pdf.length;
      rendered++;
    }
    renderSeconds += (performance.now() - t) / 1000;
    renderCpu += cpuMs(process.cpuUsage(cpu));
  }
  const [stored] = await rowsOf(db, sql`select count(*)::int as n, avg(size)::int as size from invoice_documents`);
  if (Number(stored!.n) !== ids.length) throw new Error(`expected ${ids.length} stored PDFs, found ${stored!.n}`);
  const [lines] = await rowsOf(db, sql`select count(*)::int as n from invoice_lines`);
  const [taxed] = await rowsOf(db, sql`select count(*)::int as n from invoices where tax > 0`);
  if (Number(taxed!.n) === 0) throw new Error("no invoice carries tax: the Singapore accounts should");
  if (!(await verifyLedger(db)).ok) throw new Error("ledger verify failed after the bench");

  const issueRate = issued / issueSeconds;
  const renderRate = rendered / renderSeconds;
  const first = memory.peak(0, WINDOW);
  const last = memory.peak(memory.count - WINDOW, memory.count);
  const f1 = (n: number) => n.toFixed(1).padStart(6);
  console.log(`PostgreSQL ${version}; ${ids.length} accounts, ${Number(lines!.n)} invoice lines (${(Number(lines!.n) / ids.length).toFixed(1)} per invoice), ${Number(taxed!.n)} invoices with a GST line; month made in ${setupSeconds.toFixed(1)} s; ${CONCURRENCY} accounts in flight, like the job`);
  console.log(`issue with PDFs (issue, render, store):  ${f1(issueRate)} invoices/s (${issued} in ${issueSeconds.toFixed(1)} s; PDFs ${Math.round(Number(stored!.size) / 1024)} KiB on average; this process's CPU ${(issueCpu / issued).toFixed(0)} ms per invoice)`);
  console.log(`render the same PDFs alone (no database): ${f1(renderRate)} invoices/s (${rendered} in ${renderSeconds.toFixed(1)} s, ${Math.round(renderedBytes / rendered / 1024)} KiB on average; CPU ${(renderCpu / rendered).toFixed(0)} ms per invoice)`);
  const windows = Array.from({ length: Math.floor(memory.count / WINDOW) }, (_, w) => (memory.peak(w * WINDOW, (w + 1) * WINDOW) / MB).toFixed(0));
  console.log(`peak RSS per ${WINDOW} invoices, in order: ${windows.join(", ")} MiB; live heap after a full GC at the end of each: ${memory.live.map((b) => (b / MB).toFixed(0)).join(", ") || "n/a (run with --expose-gc)"} MiB`);
  console.log(`peak RSS: first ${WINDOW} invoices ${(first / MB).toFixed(0)} MiB, last ${WINDOW} ${(last / MB).toFixed(0)} MiB: growth ${((last - first) / MB).toFixed(1)} MiB (${(((last - first) / first) * 100).toFixed(1)}%)`);
  const scratch = new URL(server);
  scratch.pathname = `/${DB_NAME}`;
  const zip = await benchZip(scratch.toString(), PERIOD, ids.length);
  console.log(zip.line);
  if (zip.peakMiB >= 500) throw new Error(`the ZIP of ${ids.length} invoices peaked at ${zip.peakMiB.toFixed(0)} MiB, over 500 MiB`);
  console.log(`bench invoices: ratio ${(issueRate / renderRate).toFixed(2)} (target 0.7)`);
}

const server = benchServer("bench:invoices measures a PostgreSQL server: set DATABASE_URL (it creates and drops its own scratch database there).");
// The issue emails carry signed links; the scratch database needs a secret like any server.
process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
await withScratchDatabase(server, DB_NAME, { max: 8, dropFirst: true, keep: !!process.env.BENCH_KEEP }, bench);
