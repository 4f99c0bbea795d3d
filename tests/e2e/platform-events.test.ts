import { describe, expect, it } from "vitest";
import { createBillingClient } from "@/lib/api/client";
import { freePort } from "../fixtures/fresh-database";
import { ACME, useBrowser } from "./browser";
import { addPlatformEndpoint, createPlatformKey, disableEndpoint, startReceiver } from "./platform";

/**
 * The platform's side against the running app: the example receiver (its own process) at an
 * endpoint finance staff add in /staff/webhooks, with the secret the page shows once; a
 * platform key created in /staff/platform-keys activates and releases a resource through the
 * typed client, and the app's own delivery job (every 30 s) posts the events, which the
 * receiver only prints when their signature verifies. The overdue → stopped → top-up →
 * resumed cycle, across an app restart, is tests/e2e/platform-overdue.test.ts: it needs an
 * app of its own (an account made overdue, a server stopped and started again).
 */
const b = useBrowser();

describe("platform events at the example receiver", () => {
  it("an endpoint added in the staff console gets a platform key's activation and release, signed, each once, in order", { timeout: 240_000 }, async () => {
    const port = await freePort();
    const endpointUrl = `http://127.0.0.1:${port}/`;
    const { context, page } = await b.signedIn("staff@billing.example");
    const secret = await addPlatformEndpoint(page, endpointUrl, "Example receiver (e2e)", ["resource.activated", "resource.stopped", "resource.resumed", "resource.released", "account.overdue", "account.recovered"]);
    const receiver = await startReceiver(port, secret);
    try {
      const key = await createPlatformKey(page, `receiver e2e ${crypto.randomUUID().slice(0, 6)}`);

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
      await disableEndpoint(page, endpointUrl);
      await context.close();
    }
  });
});
