import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBillingClient } from "@/lib/api/client";
import { freePort } from "../fixtures/fresh-database";
import { ACME, hydrated, useBrowser } from "./browser";

/**
 * The platform's side against the running app: the example receiver (its own process) at an
 * endpoint finance staff add in /staff/webhooks, with the secret the page shows once; a
 * platform key created in /staff/platform-keys activates and releases a resource through the
 * typed client, and the app's own delivery job (every 30 s) posts the events, which the
 * receiver only prints when their signature verifies. The overdue → stopped → resumed cycle
 * needs the app's clock to pass a product's protection period (2 h in the demo), which a
 * running server cannot be made to do; it runs against the real outbox and delivery job in
 * tests/integration/platform-receiver.test.ts.
 */
const b = useBrowser();
const RECEIVER = path.resolve(import.meta.dirname, "../../examples/platform-receiver/receiver.mjs");

function startReceiver(port: number, secret: string) {
  const lines: string[] = [];
  const proc: ChildProcess = spawn(process.execPath, [RECEIVER], { env: { ...process.env, BILLING_WEBHOOK_SECRET: secret, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  let buf = "";
  proc.stdout!.setEncoding("utf8").on("data", (d: string) => {
    buf += d;
    const parts = buf.split("\n");
    buf = parts.pop()!;
    lines.push(...parts);
  });
  proc.stderr!.setEncoding("utf8").on("data", (d: string) => lines.push(`stderr: ${d}`));
  return { lines, stop: () => new Promise<void>((r) => (proc.exitCode !== null ? r() : (proc.once("exit", () => r()), proc.kill("SIGTERM")))) };
}

describe("platform events at the example receiver", () => {
  it("an endpoint added in the staff console gets a platform key's activation and release, signed, each once, in order", { timeout: 240_000 }, async () => {
    const port = await freePort();
    const endpointUrl = `http://127.0.0.1:${port}/`;
    const { context, page } = await b.signedIn("staff@billing.example", "/staff/webhooks");
    await hydrated(page, "[data-testid=create-endpoint]");
    await page.getByLabel("URL").fill(endpointUrl);
    await page.getByLabel("Description").fill("Example receiver (e2e)");
    for (const type of ["resource.activated", "resource.stopped", "resource.resumed", "resource.released", "account.overdue", "account.recovered"]) {
      await page.getByRole("checkbox", { name: type }).check();
    }
    await page.getByTestId("create-endpoint").click();
    const secretBox = page.getByTestId("new-secret");
    await expect.poll(() => secretBox.innerText(), { timeout: 20_000 }).toMatch(/whsec_[A-Za-z0-9_-]{40,}/);
    const secret = /whsec_[A-Za-z0-9_-]+/.exec(await secretBox.innerText())![0];
    const receiver = startReceiver(port, secret);
    try {
      await expect.poll(() => receiver.lines.some((l) => l.startsWith("listening ")), { timeout: 10_000 }).toBe(true);

      await page.goto("/staff/platform-keys", { waitUntil: "networkidle" });
      await hydrated(page, "[data-testid=platform-key-create] button[type=submit]");
      await page.getByLabel("Key name").fill(`receiver e2e ${crypto.randomUUID().slice(0, 6)}`);
      await page.getByRole("button", { name: "Create platform key" }).click();
      await expect.poll(() => page.getByTestId("new-platform-key").count(), { timeout: 20_000 }).toBe(1);
      const key = (await page.getByTestId("new-platform-key").innerText()).trim();

      const api = createBillingClient(b.baseUrl(), key);
      const externalId = `vm-e2e-${crypto.randomUUID().slice(0, 8)}`;
      const made = await api.POST("/accounts/{accountId}/resources", {
        params: { path: { accountId: ACME }, header: { "Idempotency-Key": `e2e-${externalId}` } },
        body: { productId: "ecs.g7.large", quantity: 1, externalId },
      });
      expect(made.response.status).toBe(201);
      const resourceId = made.data!.resource.id;
      const ours = () => receiver.lines.filter((l) => l.includes(`resource=${externalId}`));
      await expect.poll(ours, { timeout: 90_000, interval: 1_000 }).toEqual([expect.stringMatching(new RegExp(`^event resource\\.activated account=${ACME} resource=${externalId} id=evt_[0-9a-f]{32}$`))]);

      const released = await api.DELETE("/accounts/{accountId}/resources/{id}", { params: { path: { accountId: ACME, id: resourceId } } });
      expect(released.response.status).toBe(200);
      await expect.poll(() => ours().length, { timeout: 90_000, interval: 1_000 }).toBe(2);
      expect(ours()[1]).toMatch(new RegExp(`^event resource\\.released account=${ACME} resource=${externalId} reason=customer id=evt_[0-9a-f]{32}$`));
      // Every request the app sent verified (the receiver prints nothing else for a bad one) and none came twice.
      expect(receiver.lines.filter((l) => l.startsWith("rejected") || l.startsWith("stderr"))).toEqual([]);
      expect(receiver.lines.filter((l) => l.startsWith("duplicate") && ours().some((o) => o.endsWith(l.split("id=")[1]!)))).toEqual([]);
    } finally {
      await receiver.stop();
      // A platform endpoint gets every account's events: disabled, so the rest of the suite queues nothing to a receiver that is gone.
      await page.goto("/staff/webhooks", { waitUntil: "networkidle" });
      await page.getByTestId("endpoint-row").filter({ hasText: endpointUrl }).getByRole("link", { name: endpointUrl }).click();
      await page.waitForURL("**/staff/webhooks/*");
      await hydrated(page, "[data-testid=toggle-endpoint]");
      await page.getByTestId("toggle-endpoint").click();
      await expect.poll(() => page.getByTestId("toggle-endpoint").innerText(), { timeout: 20_000 }).toBe("Enable");
      await context.close();
    }
  });
});
