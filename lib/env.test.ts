import { afterEach, describe, expect, it, vi } from "vitest";
import { appMode, authSecret, publicDemoMailbox, testPaymentsEnabled } from "./env";

afterEach(() => {
  vi.unstubAllEnvs();
});

const production = () => {
  vi.stubEnv("BILLING_DEMO", "");
  vi.stubEnv("DATABASE_URL", ""); // the embedded database: it used to decide the mode
  vi.stubEnv("RESEND_API_KEY", "");
  vi.stubEnv("DEMO_MAILBOX", "");
  vi.stubEnv("PAYMENTS_TEST_PROVIDER", "");
};

describe("one mode, decided by BILLING_DEMO alone", () => {
  it("production on the embedded database without Resend has no mailbox, no test payments and needs AUTH_SECRET", () => {
    production();
    vi.stubEnv("AUTH_SECRET", "");
    expect(appMode()).toBe("production");
    expect(publicDemoMailbox()).toBe(false);
    expect(testPaymentsEnabled()).toBe(false);
    expect(() => authSecret()).toThrow(/AUTH_SECRET must be set in production/);
  });

  it("the demo keeps its mailbox (unless DEMO_MAILBOX=off or Resend sends) and its test payments, on any database", () => {
    production();
    vi.stubEnv("BILLING_DEMO", "on");
    vi.stubEnv("DATABASE_URL", "postgres://db.invalid/billing");
    expect(appMode()).toBe("demo");
    expect(publicDemoMailbox()).toBe(true);
    expect(testPaymentsEnabled()).toBe(true);
    vi.stubEnv("DEMO_MAILBOX", "off");
    expect(publicDemoMailbox()).toBe(false);
  });

  it("a staging site turns on test payments only, not the mailbox", () => {
    production();
    vi.stubEnv("PAYMENTS_TEST_PROVIDER", "on");
    expect(testPaymentsEnabled()).toBe(true);
    expect(publicDemoMailbox()).toBe(false);
  });
});
