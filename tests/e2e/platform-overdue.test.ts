import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBillingClient } from "@/lib/api/client";
import { freePort, freshAppDatabase } from "../fixtures/fresh-database";
import { appOnFreePort, type RunningApp, startApp } from "./app-server";
import { ACME, GLOBEX, hydrated, shownCents, useBrowser } from "./browser";
import { addCard, topUp } from "./pay";
import { addPlatformEndpoint, createPlatformKey, type Receiver, startReceiver } from "./platform";

/**
 * Issue 18's end-to-end cycle against a running app of this file's own (its own database,
 * port and process, so Acme can be made overdue and the server restarted without touching
 * the suite's app): finance staff add an endpoint for the example receiver and a platform
 * key; the key activates a resource for Acme and one for Globex; staff give Acme an overdue
 * protection of 0 hours and debit it below zero; the billing cycle (Run now) marks it overdue
 * and, in the same run, stops its resource. The receiver is then down while Acme's admin tops
 * up with a test card, and the payment resumes the resource as it succeeds; the app is stopped
 * with those events undelivered and started again on the same database, and the receiver,
 * back, gets them: overdue, stopped, resumed, recovered, each once, signed, and nothing for
 * Globex but its activation.
 *
 * The app's jobs run on the wall clock: the billing cycle claims the past hour once (at
 * minute 5, or Run now). So the app is started where minute 5 cannot pass before the debit.
 */
const MIN = 60_000;
let app: RunningApp | null = null;
let drop: (() => Promise<void>) | null = null;
const b = useBrowser({ baseUrl: () => app!.baseUrl });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let t0 = Date.now();
/** How long the steps take (most of it is waiting for the jobs' next slot): printed, to keep an eye on. */
const phase = (what: string) => console.log(`platform-overdue: ${what} at +${((Date.now() - t0) / 1000).toFixed(0)} s`);

/** When the billing cycle's hourly tick (minute 5) would come within `ms`, waits until it is past. */
async function clearOfBillingTick(ms: number) {
  // Minute 5 of the hour in the server's time zone, as the scheduler counts it.
  const now = new Date();
  const tick = new Date(now);
  tick.setMinutes(5, 0, 0);
  if (tick <= now) tick.setHours(tick.getHours() + 1);
  const wait = tick.getTime() - now.getTime();
  if (wait < ms) await sleep(wait + 10_000);
}

beforeAll(async () => {
  await clearOfBillingTick(5 * MIN);
  const database = await freshAppDatabase("e2e_overdue");
  drop = database.drop;
  const started = Date.now();
  app = await startApp(await appOnFreePort(database.env), { readyMs: 240_000 });
  console.log(`platform-overdue: the app migrated, seeded the demo and answered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 600_000);

afterAll(async () => {
  if (process.env.E2E_SERVER_LOG) console.log(app?.log());
  await app?.stop();
  await drop?.();
}, 60_000);

/** Runs a period-keyed job from /staff/runs; true when it ran, false when its period had already run. */
async function runNow(page: Page, job: string): Promise<boolean> {
  await page.goto("/staff/runs", { waitUntil: "networkidle" });
  await hydrated(page, `[data-testid=run-${job}]`);
  await page.getByTestId(`run-${job}`).click();
  const result = page.getByTestId(`run-${job}-result`);
  await expect.poll(() => result.innerText(), { timeout: 60_000 }).toMatch(/Ran for the current period|already run/);
  return (await result.innerText()).includes("Ran for the current period");
}

/** A finance form on the staff account page: fill, review, confirm. */
async function staffForm(page: Page, form: string, fields: Record<string, string>) {
  await page.goto(`/staff/accounts/${ACME}`, { waitUntil: "networkidle" });
  await hydrated(page, `[data-testid=${form}-form] button[type=submit]`);
  const f = page.getByTestId(`${form}-form`);
  for (const [label, value] of Object.entries(fields)) {
    if (label === "Direction") await f.getByLabel(label).selectOption(value);
    else await f.getByLabel(label, { exact: true }).fill(value);
  }
  await f.getByRole("button", { name: /^Review/ }).click();
  await page.getByTestId(`${form}-submit`).click();
  await expect.poll(() => page.getByTestId(`${form}-confirm`).count(), { timeout: 20_000 }).toBe(0);
}

describe("an overdue cycle at the example receiver, across an app restart", () => {
  it("overdue, stopped, resumed and recovered reach the receiver once each, signed, though it was down and the app restarted in between", { timeout: 1_200_000 }, async () => {
    t0 = Date.now();
    const port = await freePort();
    const endpointUrl = `http://127.0.0.1:${port}/`;
    const staff = await b.signedIn("staff@billing.example");
    const page = staff.page;
    const types = ["resource.activated", "resource.stopped", "resource.resumed", "account.overdue", "account.recovered"];
    const secret = await addPlatformEndpoint(page, endpointUrl, "Example receiver (overdue e2e)", types);
    const receivers: Receiver[] = [await startReceiver(port, secret)];
    const lines = () => receivers.flatMap((r) => r.lines);
    try {
      const api = createBillingClient(app!.baseUrl, await createPlatformKey(page, "overdue e2e"));
      const ext = { acme: `vm-acme-${crypto.randomUUID().slice(0, 8)}`, globex: `vm-globex-${crypto.randomUUID().slice(0, 8)}` };
      const ids: Record<string, string> = {};
      for (const [who, accountId] of [["acme", ACME], ["globex", GLOBEX]] as const) {
        const made = await api.POST("/accounts/{accountId}/resources", {
          params: { path: { accountId }, header: { "Idempotency-Key": `overdue-e2e-${ext[who]}` } },
          body: { productId: "ecs.g7.large", quantity: 1, externalId: ext[who] },
        });
        expect(made.response.status, `activation for ${who}`).toBe(201);
        ids[who] = made.data!.resource.id;
      }
      const status = async (who: "acme" | "globex", accountId: string) => (await api.GET("/accounts/{accountId}/resources/{id}", { params: { path: { accountId, id: ids[who]! } } })).data?.resource.status;
      const event = (type: string, resource?: string) => lines().filter((l) => l.startsWith(`event ${type} account=${ACME}`) && (!resource || l.includes(` resource=${resource} `)));
      await expect.poll(() => lines().filter((l) => l.startsWith("event resource.activated")).length, { timeout: 90_000, interval: 1_000 }).toBe(2);

      // Staff: Acme's protection to 0 hours (support sees it, read-only), its credit limit to 0, then a debit below zero.
      await staffForm(page, "protection", { "Protection (hours)": "0", Reason: "Stops at once while the arrears are settled" });
      await expect.poll(() => page.getByTestId("staff-protection").innerText()).toContain("0 hours");
      const support = await b.signedIn("support@billing.example", `/staff/accounts/${ACME}`);
      expect(await support.page.getByTestId("staff-protection").innerText()).toContain("0 hours");
      expect(await support.page.getByTestId("protection-form").count()).toBe(0);
      await support.context.close();

      if (shownCents(await page.getByTestId("staff-credit-limit").innerText()) !== 0) {
        await staffForm(page, "credit-limit", { "New credit limit (USD)": "0", Reason: "Credit agreement suspended for arrears" });
        await expect.poll(async () => shownCents(await page.getByTestId("staff-credit-limit").innerText()), { timeout: 20_000 }).toBe(0);
      }
      const balance = shownCents(await page.getByTestId("staff-balance").innerText());
      const debit = balance + 100; // one dollar below zero
      await staffForm(page, "adjustment", { Direction: "debit", "Amount (USD)": (debit / 100).toFixed(2), Reason: "Unpaid migration services invoice" });
      await expect.poll(async () => shownCents(await page.getByTestId("staff-available").innerText()), { timeout: 20_000 }).toBeLessThan(0);
      phase(`Acme debited $${(debit / 100).toFixed(2)}`);

      // The billing cycle finds Acme below zero with no card: overdue, and with 0 hours of protection its resource stops in the same run.
      expect(await runNow(page, "billing-cycle"), "the billing cycle's hour had already run: minute 5 passed after the app started").toBe(true);
      expect(await status("acme", ACME)).toBe("stopped");
      await expect.poll(() => event("account.overdue").length, { timeout: 90_000, interval: 1_000 }).toBe(1);
      await expect.poll(() => event("resource.stopped", ext.acme).length, { timeout: 90_000, interval: 1_000 }).toBe(1);
      phase("stopped");
      expect(await status("acme", ACME)).toBe("stopped");
      expect(await status("globex", GLOBEX)).toBe("running");

      // The receiver goes down; Acme's admin tops up with a test card, and the payment resumes the resource.
      await receivers[0]!.stop();
      const admin = await b.signedIn("admin@acme.example");
      await addCard(admin.page, ACME, "4242 4242 4242 4242");
      await topUp(admin.page, ACME, /Visa •••• 4242/, ((debit + 50_000) / 100).toFixed(2));
      await admin.page.waitForURL(/\/billing\/top-up\/[0-9a-f-]{36}$/);
      expect(await admin.page.getByTestId("payment-status").first().innerText()).toBe("Paid");
      await admin.context.close();
      expect(await status("acme", ACME)).toBe("running");
      phase("resumed");

      // Restart with the resumption's events still undelivered; the receiver comes back on the same address.
      await staff.context.close();
      await app!.stop();
      app = await startApp(app!.env);
      phase("restarted");
      receivers.push(await startReceiver(port, secret));
      await expect.poll(() => event("account.recovered").length + event("resource.resumed", ext.acme).length, { timeout: 4 * MIN, interval: 2_000 }).toBe(2);
      phase("recovered and resumed delivered");

      // Each once (by event id; a redelivery the receiver answered as a duplicate is allowed), in the order the app emitted them.
      const ours = [...new Map(lines().filter((l) => l.startsWith(`event `) && l.includes(`account=${ACME}`) && (l.startsWith("event account.") || l.includes(` resource=${ext.acme} `))).map((l) => [l.split(" id=")[1], l])).values()];
      expect(ours.map((l) => l.split(" ")[1])).toEqual(["resource.activated", "account.overdue", "resource.stopped", "resource.resumed", "account.recovered"]);
      expect(ours[2]).toMatch(new RegExp(`^event resource\\.stopped account=${ACME} resource=${ext.acme} reason=overdue id=evt_[0-9a-f]{32}$`));
      // Globex: its activation, nothing else; every request verified.
      expect(lines().filter((l) => l.includes(`account=${GLOBEX}`))).toEqual([expect.stringMatching(new RegExp(`^event resource\\.activated account=${GLOBEX} resource=${ext.globex} id=evt_`))]);
      expect(lines().filter((l) => l.startsWith("rejected") || l.startsWith("stderr"))).toEqual([]);
    } finally {
      for (const r of receivers) await r.stop();
    }
  });
});
