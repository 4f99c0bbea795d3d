import { and, eq } from "drizzle-orm";
import { activateResource } from "@/lib/billing/activate";
import { setAccountDiscount } from "@/lib/billing/discounts";
import { releaseResource } from "@/lib/billing/release";
import { setResourceTags } from "@/lib/billing/resource-tags";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import type { Tags } from "@/lib/billing/tags";
import { addMonths, floorTo, fromWall, toWall } from "@/lib/billing/time";
import { recordUsage } from "@/lib/billing/usage";
import { atTime, clockNow } from "@/lib/clock";
import { billingCycleJob } from "@/lib/jobs/billing-cycle";
import { overdueJob } from "@/lib/jobs/overdue";
import { subscriptionsJob } from "@/lib/jobs/subscriptions";
import { voucherExpiryJob } from "@/lib/jobs/voucher-expiry";
import { type Actor, post, setCreditLimit, staffAdjustment, topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import type { Db } from "@/db/client";
import { promotions, resources, users, vouchers } from "@/db/schema";
import { DEMO_ACCOUNTS } from "./logins";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The demo resources' cost allocation tags, by name prefix: the GPU render bursts and the
 * batch job are the ML team's, the web product runs in prod with CI in staging, so a finance
 * user can ask the cost explorer what team:ml or env:staging cost this year.
 */
const DEMO_TAGS: [prefix: string, tags: Tags][] = [
  ["render-burst-", { team: "ml", env: "prod", project: "render" }],
  ["batch-worker-", { team: "ml", env: "staging", project: "feature-backfill" }],
  ["db-primary", { team: "web", env: "prod" }],
  ["web-frontend", { team: "web", env: "prod" }],
  ["assets-bucket", { team: "web", env: "prod" }],
  ["edge-", { team: "web", env: "prod" }],
  ["ci-runner-", { team: "web", env: "staging" }],
  ["bm-trial", { team: "research", env: "staging" }],
  ["trial-vm", { team: "research", env: "staging" }],
];
const demoTags = (name: string): Tags => DEMO_TAGS.find(([prefix]) => name.startsWith(prefix))?.[1] ?? {};

/** One thing a demo customer or the platform did, at a moment of simulated time. */
interface DemoEvent {
  at: Date;
  run: () => Promise<unknown>;
}

/**
 * The demo's year of history, made by the real engine over simulated time: starting on
 * the first day of the month a year ago, the demo customers top up, activate and release
 * resources, buy a subscription, report storage usage, get a discount, a promotion and a
 * voucher — each at its own moment — and the scheduled jobs (billing cycle, overdue,
 * subscriptions, voucher expiry) run once a simulated day for the demo accounts, up to
 * the current hour. Everything is stamped with its simulated time (`atTime`), so the
 * transactions, orders, charges and monthly figures read like a year of use.
 *
 * Mostly daily-priced products and short hourly spans keep this to a few thousand
 * charges: the embedded demo starts in seconds. Runs once: a database that already has
 * the demo's resources is left alone (the jobs of the running app carry it on from there).
 */
export async function seedDemoHistory(db: Db, now = clockNow()): Promise<void> {
  const [acme, globex] = DEMO_ACCOUNTS;
  const [done] = await db.select({ id: resources.id }).from(resources).where(and(eq(resources.accountId, acme.id), eq(resources.name, "db-primary")));
  if (done) return;

  const [staffUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, "staff@billing.example"));
  const [acmeFinance] = await db.select({ id: users.id }).from(users).where(eq(users.email, "finance@acme.example"));
  const [acmeAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@acme.example"));
  const [globexAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@globex.example"));
  const staff: Actor = { kind: "staff", userId: staffUser?.id ?? null };
  const finance: Actor = { kind: "user", userId: acmeFinance?.id ?? null };
  const admin: Actor = { kind: "user", userId: acmeAdmin?.id ?? null };
  const globexUser: Actor = { kind: "user", userId: globexAdmin?.id ?? null };

  const end = floorTo(now, "hour");
  const start = firstOfMonth(addMonths(now, -12));
  /** Day d of month m of the history (m = 0 is the first month), at hh:mm. */
  const on = (m: number, d: number, hh = 0, mm = 0) => new Date(addMonths(start, m).getTime() + (d - 1) * DAY + hh * HOUR + mm * 60_000);
  const daysBefore = (n: number, hh = 0) => new Date(floorTo(end, "day").getTime() - n * DAY + hh * HOUR);

  const ids = new Map<string, string>();
  const events: DemoEvent[] = [];
  const at = (t: Date, run: () => Promise<unknown>) => {
    if (t < end) events.push({ at: t, run });
  };
  const activate = (t: Date, account: string, actor: Actor, productId: string, name: string, quantity = 1, promotionCode?: string) =>
    at(t, async () => {
      const r = await activateResource(db, { accountId: account, productId, quantity, name, promotionCode, tags: demoTags(name), actor, idempotencyKey: `demo:activate:${name}`, now: t });
      ids.set(name, r.resource.id);
    });
  const release = (t: Date, account: string, actor: Actor, name: string) =>
    at(t, () => releaseResource(db, { accountId: account, resourceId: ids.get(name)!, actor, now: t }));

  // —— Acme Cloud Ltd: a steady customer with a credit agreement and a negotiated rate ——
  at(on(0, 1, 9), () => topUp(db, { accountId: acme.id, amount: dollars(6000), provider: "bank_transfer", idempotencyKey: "demo:acme:wire-1", actor: staff, description: "Wire transfer received" }));
  at(on(0, 1, 9, 5), () => setCreditLimit(db, { accountId: acme.id, creditLimit: dollars(1000), reason: "Demo: credit agreement for Acme", actor: staff }));
  at(on(0, 1, 9, 10), () => setAccountDiscount(db, { accountId: acme.id, productId: "bms.c6.metal", rateBps: 500, reason: "Committed-use agreement: 5% on bare metal", actor: staff }));
  activate(on(0, 1, 10), acme.id, admin, "bms.c6.metal", "db-primary");
  at(on(0, 1, 10, 30), () =>
    purchaseSubscription(db, { accountId: acme.id, productId: "ecs.g7.large.sub", quantity: 2, termMonths: 12, autoRenew: true, name: "web-frontend", tags: demoTags("web-frontend"), actor: admin, idempotencyKey: "demo:subscribe:web-frontend", now: on(0, 1, 10, 30) }),
  );
  activate(on(0, 1, 11), acme.id, admin, "oss.standard.gb", "assets-bucket");
  for (let m = 1; m <= 12; m++) {
    at(on(m, 3, 10), () => topUp(db, { accountId: acme.id, amount: dollars(1500), provider: "test", idempotencyKey: `demo:acme:card-${m}`, actor: finance, description: "Card top-up •••• 4242" }));
  }
  // Storage grows from 8 TB to 20 TB over the year; one usage report a day.
  for (let d = 0; ; d++) {
    const t = new Date(on(0, 1, 23, 30).getTime() + d * DAY);
    if (t >= end) break;
    const gb = 8000 + Math.round((12000 * d) / 365) + ((d * 37) % 90);
    at(t, () => recordUsage(db, { accountId: acme.id, eventId: `demo:oss:${d}`, resourceId: ids.get("assets-bucket")!, quantity: gb, occurredAt: t }));
  }
  // A spring promotion on GPUs (20%), used by two render bursts; two more bursts at list price.
  at(on(1, 1), () =>
    db.insert(promotions).values({ code: "GPU-SPRING", description: "20% off GPU instances", discountBps: 2000, productIds: ["gpu.a10.xlarge"], validFrom: on(1, 1), validUntil: on(6, 1) }).onConflictDoNothing(),
  );
  for (const [i, m] of [2, 5, 8, 11].entries()) {
    activate(on(m, 12, 8), acme.id, admin, "gpu.a10.xlarge", `render-burst-${i + 1}`, 2, m < 6 ? "GPU-SPRING" : undefined);
    release(on(m, 15, 8, 20), acme.id, admin, `render-burst-${i + 1}`);
  }
  // A migration credit: a $200 voucher for object storage, valid four months.
  at(on(3, 20, 9), async () => {
    const [v] = await db.insert(vouchers).values({ codeHash: "demo:acme:migration-credit", accountId: acme.id, faceValue: dollars(200), productIds: ["oss.standard.gb"], validFrom: on(3, 21), validUntil: on(7, 21) }).returning();
    await post(db, {
      idempotencyKey: "demo:acme:voucher-1",
      accountId: acme.id,
      type: "voucher_issue",
      description: "Voucher: storage migration credit",
      entries: [{ account: { kind: "voucher", ref: v!.id }, amount: dollars(200) }, { account: { kind: "voucher_issuance" }, amount: -dollars(200) }],
      actor: staff,
      audit: { action: "voucher.issue", reason: "Storage migration credit" },
    });
  });
  // A batch job in month six, on three hourly instances for ten days.
  for (let n = 1; n <= 3; n++) {
    activate(on(6, 4, 9, n), acme.id, finance, "ecs.g7.large", `batch-worker-${n}`);
    release(on(6, 14, 17, 45), acme.id, finance, `batch-worker-${n}`);
  }
  // Mid-year the database moves to the new data team: its charges before keep team:web.
  at(on(6, 1, 9), () => setResourceTags(db, { accountId: acme.id, resourceId: ids.get("db-primary")!, tags: { team: "data", env: "prod" }, actor: admin, now: on(6, 1, 9) }));
  // What runs now: the network edge since a month ago, CI runners for the last two weeks.
  activate(daysBefore(30, 9), acme.id, admin, "eip.standard", "edge-ip-1");
  activate(daysBefore(30, 9), acme.id, admin, "eip.standard", "edge-ip-2");
  activate(daysBefore(30, 10), acme.id, admin, "bw.premium.mbps", "edge-bandwidth", 50);
  activate(daysBefore(30, 10), acme.id, admin, "slb.standard", "edge-lb");
  activate(daysBefore(14, 8), acme.id, finance, "ecs.g7.large", "ci-runner-1");
  activate(daysBefore(14, 8), acme.id, finance, "ecs.g7.large", "ci-runner-2");

  // —— Globex Research: a small trial that ran a bare-metal test, then went quiet ——
  at(on(1, 2, 14), () => topUp(db, { accountId: globex.id, amount: dollars(150), provider: "test", idempotencyKey: "demo:globex:card-1", actor: globexUser, description: "Card top-up •••• 4242" }));
  at(on(1, 6, 9), () => staffAdjustment(db, { accountId: globex.id, amount: dollars(25), reason: "Goodwill credit for the March network incident", idempotencyKey: "demo:globex:adjust-1", actor: staff }));
  activate(on(1, 8), globex.id, globexUser, "bms.c6.metal", "bm-trial");
  release(on(1, 11, 23), globex.id, globexUser, "bm-trial"); // 4 days in full: $153.60
  activate(on(1, 12, 9), globex.id, globexUser, "ecs.g7.large", "trial-vm");
  release(on(1, 19, 22, 30), globex.id, globexUser, "trial-vm"); // 182 hours: $17.472

  // The jobs run for the demo accounts only (as jobs of their own name): seeding a
  // database that has other customers never bills them over simulated time.
  const demo = DEMO_ACCOUNTS.map((a) => a.id);
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  let next = 0;
  for (let tick = new Date(start.getTime() + DAY); ; tick = new Date(Math.min(tick.getTime() + DAY, end.getTime()))) {
    while (next < events.length && events[next]!.at < tick) {
      const e = events[next++]!;
      await atTime(e.at, e.run);
    }
    await atTime(tick, () => runJobs(db, tick, demo));
    if (tick.getTime() >= end.getTime()) break;
  }
}

/** The scheduled jobs, in the order the scheduler runs them, for these accounts at `now`. */
async function runJobs(db: Db, now: Date, accountIds: string[]): Promise<void> {
  await billingCycleJob(db, { now, accountIds });
  await overdueJob(db, { now, accountIds });
  await subscriptionsJob(db, { now, accountIds });
  await voucherExpiryJob(db, { now, accountIds });
}

/** Midnight of the first day of t's month, in the platform's calendar. */
function firstOfMonth(t: Date): Date {
  return fromWall({ ...toWall(t), day: 1, hour: 0, minute: 0, second: 0, ms: 0 });
}
