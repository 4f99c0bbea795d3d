import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { ACME, hydrated, screenshot, signIn, useBrowser } from "./browser";

/**
 * Finance staff add a platform webhook endpoint (its secret shown once), replay an hour of
 * events to it, see the delivery and resend it, in English and 简体中文; support staff only
 * look. The event is written straight into the app's outbox, which only a PostgreSQL run can
 * reach (on PGlite the server holds the database alone); how replay, resend and rotation
 * behave in detail is tests/integration/webhook-endpoints.test.ts.
 */
const b = useBrowser();
const url = inject("databaseUrl");

describe.skipIf(!url)("the staff Webhooks page", () => {
  it("finance staff create an endpoint, see its secret once, replay an hour, see the delivery and resend it; support staff cannot manage", async () => {
    const sql = postgres(url!, { max: 1, onnotice: () => {} });
    const tag = crypto.randomUUID().slice(0, 8);
    const endpointUrl = `https://platform.example/e2e-${tag}`;
    const eventId = `evt_e2e_${tag}`;
    // An hour long past, so no event of the demo falls in the replayed range.
    const occurredAt = "2020-02-01T10:15:00.000Z";
    const body = JSON.stringify({ id: eventId, type: "resource.stopped", apiVersion: 1, createdAt: occurredAt, accountId: ACME, data: {} });
    try {
      await sql`insert into billing_events (event_id, account_id, type, body, occurred_at) values (${eventId}, ${ACME}, 'resource.stopped', ${body}, ${occurredAt})`;
      const { context, page } = await b.newPage();
      await signIn(page, "staff@billing.example");
      await page.getByTestId("nav-staff-webhooks").click();
      await page.waitForURL("**/staff/webhooks");
      await hydrated(page, "[data-testid=create-endpoint]");
      await page.getByLabel("URL").fill(endpointUrl);
      await page.getByLabel("Description").fill("Control plane (e2e)");
      await page.getByRole("checkbox", { name: "resource.stopped" }).check();
      await page.getByRole("checkbox", { name: "resource.resumed" }).check();
      await page.getByTestId("create-endpoint").click();
      const secretBox = page.getByTestId("new-secret");
      await expect.poll(() => secretBox.innerText()).toMatch(/whsec_[A-Za-z0-9_-]{40,}/);
      const secret = /whsec_[A-Za-z0-9_-]+/.exec(await secretBox.innerText())![0];
      expect(await secretBox.innerText()).toContain("it is shown only this once");
      const row = page.getByTestId("endpoint-row").filter({ hasText: endpointUrl });
      await expect.poll(() => row.count()).toBe(1);
      await screenshot(page, "staff-webhooks-created.en");

      // Shown once: the page afresh has no secret, the endpoint's page only its last characters.
      await page.reload({ waitUntil: "networkidle" });
      expect(await page.getByTestId("new-secret").count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      await row.getByRole("link", { name: endpointUrl }).click();
      await page.waitForURL("**/staff/webhooks/*");
      expect(await page.getByTestId("secret-hint").innerText()).toBe(`Current secret: whsec_…${secret.slice(-4)}`);

      await hydrated(page, "[data-testid=replay]");
      await page.getByLabel("From (UTC)").fill("2020-02-01T10:00");
      await page.getByLabel("To (UTC)").fill("2020-02-01T11:00");
      await page.getByTestId("replay").click();
      await expect.poll(() => page.getByRole("status").allInnerTexts()).toContain("1 event queued.");
      const delivery = page.locator(`[data-testid=delivery-row][data-event-id="${eventId}"]`);
      await expect.poll(() => delivery.count()).toBe(1);
      expect(await delivery.innerText()).toContain("resource.stopped");
      expect(await delivery.innerText()).toContain("Acme Cloud Ltd");

      await hydrated(page, "[data-testid=resend-delivery]");
      await delivery.getByTestId("resend-delivery").click();
      await expect.poll(() => delivery.innerText()).toContain("Queued again.");
      const [queued] = await sql<{ status: string; retry_until: Date; next_attempt_at: Date }[]>`
        select d.status, d.retry_until, d.next_attempt_at from webhook_deliveries d join billing_events e on e.seq = d.event_seq where e.event_id = ${eventId}`;
      expect(queued!.retry_until.getTime() - queued!.next_attempt_at.getTime()).toBeGreaterThan(71 * 3600_000);
      await screenshot(page, "staff-webhook-deliveries.en");

      await hydrated(page, "[data-testid=language-switch]");
      await page.getByTestId("language-switch").selectOption("zh-CN");
      await expect.poll(() => page.locator("h2").allInnerTexts()).toContain("投递记录");
      expect(await page.getByTestId("secret-hint").innerText()).toBe(`当前密钥：whsec_…${secret.slice(-4)}`);
      expect(await page.getByTestId("deliveries").innerText()).toContain("重新发送");
      await screenshot(page, "staff-webhook-deliveries.zh-CN");
      await page.goto("/staff/webhooks", { waitUntil: "networkidle" });
      expect(await page.locator("h1").innerText()).toBe("平台 Webhook");
      expect(await page.getByTestId("create-endpoint").innerText()).toBe("添加端点");
      await screenshot(page, "staff-webhooks.zh-CN");
      await page.getByTestId("language-switch").selectOption("en");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await context.close();

      const support = await b.signedIn("support@billing.example", "/staff/webhooks");
      expect(await support.page.getByTestId("create-endpoint").count()).toBe(0);
      expect(await support.page.getByText("only finance staff change them").count()).toBe(1);
      await support.page.getByTestId("endpoint-row").filter({ hasText: endpointUrl }).getByRole("link").click();
      await support.page.waitForURL("**/staff/webhooks/*");
      await expect.poll(() => support.page.locator(`[data-testid=delivery-row][data-event-id="${eventId}"]`).count()).toBe(1);
      expect(await support.page.getByTestId("resend-delivery").count()).toBe(0);
      expect(await support.page.getByTestId("replay").count()).toBe(0);
      await support.context.close();
    } finally {
      await sql`delete from webhook_endpoints where url = ${endpointUrl}`;
      await sql`delete from billing_events where event_id = ${eventId}`;
      await sql.end();
    }
  });
});
