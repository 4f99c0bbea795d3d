import { afterEach, describe, expect, it, vi } from "vitest";

// The registry remembers whether Stripe is configured: each case loads the modules afresh.
async function report(env: Record<string, string>, jobs: "in-app" | "off" | "worker" = "in-app") {
  vi.resetModules();
  for (const [k, v] of Object.entries({ BILLING_DEMO: "", STRIPE_SECRET_KEY: "", RESEND_API_KEY: "", PAYMENTS_TEST_PROVIDER: "", HOST: "", DEMO_MAILBOX: "", ...env })) vi.stubEnv(k, v);
  const { modeReport } = await import("./mode-report");
  return modeReport(jobs).join("\n");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("start-up log", () => {
  it("production names the payment provider, email delivery and job mode", async () => {
    const bare = await report({}, "off");
    expect(bare).toContain("PRODUCTION mode");
    expect(bare).toContain("Payments: none: bank transfer only");
    expect(bare).toContain("Email delivery: local outbox only");
    expect(bare).toContain("Jobs: off in the app (IN_APP_JOBS=off): run them with `npm run worker`");

    const live = await report({ STRIPE_SECRET_KEY: "sk_test_x", RESEND_API_KEY: "re_x" });
    expect(live).toContain("Payments: Stripe");
    expect(live).toContain("Email delivery: Resend");
    expect(live).toContain("Jobs: in-app");

    expect(await report({ PAYMENTS_TEST_PROVIDER: "on" }, "worker")).toMatch(/Payments: built-in test provider \(PAYMENTS_TEST_PROVIDER=on: staging, no real money\)[\s\S]*Jobs: this worker runs/);
  });

  it("the demo warns when its mailbox can be reached from other machines, and only then", async () => {
    const local = await report({ BILLING_DEMO: "on", HOST: "127.0.0.1" });
    expect(local).toContain("DEMO mode");
    expect(local).not.toContain("WARNING");
    expect(await report({ BILLING_DEMO: "on", HOST: "::1" })).not.toContain("WARNING");

    const wide = await report({ BILLING_DEMO: "on", HOST: "0.0.0.0" });
    expect(wide).toContain("WARNING: listening on 0.0.0.0 (HOST=0.0.0.0): the demo mailbox /dev/mailbox, with live sign-in links, is reachable by anyone who can reach this port.");
    // Started without the demo scripts (next start binds every interface by default).
    expect(await report({ BILLING_DEMO: "on" })).toContain("WARNING: listening on every interface (HOST not set)");
    // No mailbox, nothing to warn about.
    expect(await report({ BILLING_DEMO: "on", HOST: "0.0.0.0", DEMO_MAILBOX: "off" })).not.toContain("WARNING");
  });
});
