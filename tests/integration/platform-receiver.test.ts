import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingEvents, paymentMethods, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { newWebhookSecret, signatureHeader, signatureHeaderAll } from "@/lib/alerts/signature";
import { activateResource } from "@/lib/billing/activate";
import { billingCycleJob } from "@/lib/jobs/billing-cycle";
import { deliverWebhooks } from "@/lib/jobs/deliver-webhooks";
import { overdueJob } from "@/lib/jobs/overdue";
import { topUp } from "@/lib/ledger";
import { TEST_CARDS, testToken } from "@/lib/payments/test-provider";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { freePort } from "../fixtures/fresh-database";
import { key, system } from "../fixtures/ledger";

/**
 * The platform's side of issue 18, with the code a platform engineer copies: the signature
 * snippets of docs/platform.md (Node and Python, taken from the document itself) against the
 * app's signer, and examples/platform-receiver/receiver.mjs run as its own process receiving
 * an overdue → stopped → top-up → resumed cycle from the outbox and the delivery job.
 */
const handle = useTestDb({ max: 6 });
const db = () => handle().db;
const ROOT = path.resolve(import.meta.dirname, "../..");
const DOC = readFileSync(path.join(ROOT, "docs/platform.md"), "utf8");
const snippet = (lang: string) => {
  const m = DOC.match(new RegExp("```" + lang + "\\n([\\s\\S]*?)```"));
  if (!m) throw new Error(`docs/platform.md has no ${lang} snippet`);
  return m[1]!;
};
const tmp = mkdtempSync(path.join(tmpdir(), "bc-platform-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hasPython = (() => {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("the signature snippets of docs/platform.md", () => {
  const secret = newWebhookSecret();
  const previous = newWebhookSecret();
  const body = JSON.stringify({ id: "evt_" + "a".repeat(32), type: "resource.stopped", note: "名字 ü" });
  const t = 2_600_000_000;
  const cases: { name: string; header: string; body: string; secret: string; ok: boolean }[] = [
    { name: "good", header: signatureHeader(secret, body, t), body, secret, ok: true },
    { name: "rotation, receiver on the new secret", header: signatureHeaderAll([secret, previous], body, t), body, secret, ok: true },
    { name: "rotation, receiver still on the previous secret", header: signatureHeaderAll([secret, previous], body, t), body, secret: previous, ok: true },
    { name: "wrong secret", header: signatureHeader(previous, body, t), body, secret, ok: false },
    { name: "changed body", header: signatureHeader(secret, body, t), body: body.replace("stopped", "resumed"), secret, ok: false },
    { name: "stale t (over 5 minutes)", header: signatureHeader(secret, body, t - 301), body, secret, ok: false },
    { name: "t within 5 minutes", header: signatureHeader(secret, body, t - 299), body, secret, ok: true },
    { name: "no header", header: "", body, secret, ok: false },
    { name: "no v1", header: `t=${t}`, body, secret, ok: false },
  ];

  it("Node: accepts exactly the good, in-tolerance and either-secret-during-rotation signatures", async () => {
    const file = path.join(tmp, "verify.mjs");
    writeFileSync(file, snippet("js"));
    const { verify } = (await import(file)) as { verify: (h: string, b: string, s: string, tol?: number, now?: number) => boolean };
    expect(cases.map((c) => [c.name, verify(c.header, c.body, c.secret, 300, t)])).toEqual(cases.map((c) => [c.name, c.ok]));
  });

  it.skipIf(!hasPython)("Python: the same answers", () => {
    const file = path.join(tmp, "verify.py");
    writeFileSync(
      file,
      `${snippet("python")}\nimport json, sys\nfor c in json.load(sys.stdin):\n    print(json.dumps(verify(c["header"], c["body"].encode(), c["secret"], 300, ${t})))\n`,
    );
    const out = execFileSync("python3", [file], { input: JSON.stringify(cases), encoding: "utf8" }).trim().split("\n").map((l) => JSON.parse(l) as boolean);
    expect(cases.map((c, i) => [c.name, out[i]])).toEqual(cases.map((c) => [c.name, c.ok]));
  });
});

/** The example receiver as a child process on `port`, its Date.now() on the test's clock file. */
class Receiver {
  lines: string[] = [];
  private proc: ChildProcess | null = null;
  constructor(private port: number, private secret: string, private clockFile: string) {}
  async start() {
    const proc = spawn(process.execPath, ["--import", path.join(ROOT, "tests/fixtures/receiver-clock.mjs"), path.join(ROOT, "examples/platform-receiver/receiver.mjs")], {
      env: { ...process.env, BILLING_WEBHOOK_SECRET: this.secret, PORT: String(this.port), HOST: "127.0.0.1", TEST_CLOCK_FILE: this.clockFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    const started = this.lines.filter((l) => l.startsWith("listening ")).length;
    let buf = "";
    proc.stdout!.setEncoding("utf8").on("data", (d: string) => {
      buf += d;
      const parts = buf.split("\n");
      buf = parts.pop()!;
      this.lines.push(...parts);
    });
    proc.stderr!.setEncoding("utf8").on("data", (d: string) => this.lines.push(`stderr: ${d}`));
    await this.waitFor((l) => l.startsWith("listening "), "the receiver did not start", started + 1);
  }
  async stop() {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((r) => {
      proc.once("exit", () => r());
      proc.kill("SIGTERM");
    });
    this.proc = null;
  }
  async waitFor(pred: (l: string) => boolean, message: string, n = 1) {
    for (let i = 0; i < 200; i++) {
      if (this.lines.filter(pred).length >= n) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${message}:\n${this.lines.join("\n")}`);
  }
  post(body: string, signature: string) {
    return fetch(`http://127.0.0.1:${this.port}/`, { method: "POST", headers: { "content-type": "application/json", "billing-signature": signature }, body });
  }
}

describe("the example receiver against the outbox", () => {
  const secret = newWebhookSecret();
  const clockFile = path.join(tmp, "clock");
  let receiver: Receiver;
  let port = 0;
  let endpointId = "";
  beforeAll(async () => {
    await ensureCatalogue(db());
    port = await freePort();
    receiver = new Receiver(port, secret, clockFile);
    const [row] = await db()
      .insert(webhookEndpoints)
      .values({ accountId: null, url: `http://127.0.0.1:${port}/`, eventTypes: ["resource.activated", "resource.stopped", "resource.resumed", "resource.released", "account.overdue", "account.recovered"], secret })
      .returning();
    endpointId = row!.id;
  });
  afterAll(async () => {
    // A platform endpoint gets every account's events: disabled when done, so no other file's events queue to it.
    await db().update(webhookEndpoints).set({ disabledAt: new Date("2000-01-01T00:00:00Z") }).where(eq(webhookEndpoints.id, endpointId));
    await receiver?.stop();
  });

  it("prints activated, overdue, stopped, then — after the receiver was down — resumed and recovered, each once, in order, signed", async () => {
    const { account } = await createAccount(db(), ["admin"]);
    const acct = account.id;
    const t0 = new Date("2053-07-01T10:00:00Z");
    const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    const setClock = (d: Date) => writeFileSync(clockFile, String(d.getTime()));
    const deliver = async (d: Date) => {
      setClock(d);
      return deliverWebhooks(db(), { now: d, accountIds: [acct] });
    };
    const tick = async (h: number) => {
      for (let i = 0; i < 2; i++) {
        await billingCycleJob(db(), { now: at(h), accountIds: [acct] });
        await overdueJob(db(), { now: at(h), accountIds: [acct] });
      }
    };
    setClock(t0);
    await receiver.start();
    const ours = () => receiver.lines.filter((l) => l.startsWith("event ") && l.includes(`account=${acct}`));

    // A little money and a card that declines: the first billing hour makes the account overdue.
    await topUp(db(), { accountId: acct, amount: 100_000n, provider: "test", idempotencyKey: key("topup"), actor: system });
    await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa", brand: "visa", last4: "0002", providerToken: testToken(TEST_CARDS.declined), isDefault: true });
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: t0 });
    expect(await deliver(t0)).toMatchObject({ delivered: 1, failed: 0 });
    await tick(1.1);
    await tick(3.1);
    expect(await deliver(at(3.1))).toMatchObject({ delivered: 2, failed: 0 });
    await receiver.waitFor((l) => l.includes(`account=${acct}`) && l.startsWith("event resource.stopped"), "no resource.stopped");
    expect(ours()).toEqual([
      expect.stringMatching(new RegExp(`^event resource\\.activated account=${acct} resource=${resource.id} id=evt_`)),
      expect.stringMatching(new RegExp(`^event account\\.overdue account=${acct} id=evt_`)),
      expect.stringMatching(new RegExp(`^event resource\\.stopped account=${acct} resource=${resource.id} reason=overdue id=evt_`)),
    ]);

    // The receiver answers a redelivery of an event it has handled with 2xx and does not act again.
    const [stopped] = await db().select().from(billingEvents).where(eq(billingEvents.accountId, acct)).orderBy(asc(billingEvents.seq)).then((r) => r.filter((e) => e.type === "resource.stopped"));
    const unix = Math.floor(at(3.1).getTime() / 1000);
    expect((await receiver.post(stopped!.body, signatureHeader(secret, stopped!.body, unix))).status).toBe(204);
    await receiver.waitFor((l) => l === `duplicate resource.stopped id=${stopped!.eventId}`, "no duplicate line");
    // A bad, a stale or a missing signature is 400 and nothing is printed for it.
    expect((await receiver.post(stopped!.body, signatureHeader(newWebhookSecret(), stopped!.body, unix))).status).toBe(400);
    expect((await receiver.post(stopped!.body, signatureHeader(secret, stopped!.body, unix - 301))).status).toBe(400);
    expect((await receiver.post(stopped!.body, "")).status).toBe(400);
    expect(receiver.lines.filter((l) => l.startsWith("rejected bad signature"))).toHaveLength(3);

    // The receiver is down while the customer pays: resumed and recovered are written to the
    // outbox with the change, the delivery attempt fails, and nothing is lost.
    await receiver.stop();
    await topUp(db(), { accountId: acct, amount: 10_000_000n, provider: "test", idempotencyKey: key("fund"), actor: system });
    await tick(3.2);
    expect(await deliver(at(3.2))).toMatchObject({ delivered: 0, failed: 1 }); // in order: the second waits behind the first
    const pending = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).then((r) => r.filter((d) => d.accountId === acct && d.status === "pending"));
    expect(pending).toHaveLength(2);

    // A new receiver process (it remembers nothing) and a fresh delivery run a minute later (the first backoff).
    await receiver.start();
    expect(await deliver(new Date(at(3.2).getTime() + 60_000))).toMatchObject({ delivered: 2, failed: 0 });
    await receiver.waitFor((l) => l.includes(`account=${acct}`) && l.startsWith("event account.recovered"), "no account.recovered");
    expect(ours().map((l) => l.split(" ")[1])).toEqual(["resource.activated", "account.overdue", "resource.stopped", "resource.resumed", "account.recovered"]);
    expect(ours()[3]).toMatch(new RegExp(`^event resource\\.resumed account=${acct} resource=${resource.id} id=evt_`));
    // Each event once, every one of the account's deliveries to this endpoint delivered.
    const ids = ours().map((l) => l.split("id=")[1]);
    expect(new Set(ids).size).toBe(5);
    const all = await db().select().from(webhookDeliveries).where(inArray(webhookDeliveries.accountId, [acct])).then((r) => r.filter((d) => d.endpointId === endpointId));
    expect(all.map((d) => d.status)).toEqual(Array(5).fill("delivered"));
  });
});
