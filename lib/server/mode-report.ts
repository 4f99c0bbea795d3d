import { appMode, emailDeliveryMode, isLoopbackHost, listenHost, publicDemoMailbox } from "@/lib/env";
import { paymentsSetup } from "@/lib/payments/registry";

export type JobsMode = "in-app" | "off" | "worker";

/** How the server runs its scheduled jobs: in the app, or off (IN_APP_JOBS=off) for `npm run worker` to run them. */
export const inAppJobsMode = (): JobsMode => (process.env.IN_APP_JOBS === "off" ? "off" : "in-app");

const PAYMENTS = {
  stripe: "Stripe",
  test: "built-in test provider (PAYMENTS_TEST_PROVIDER=on: staging, no real money)",
  none: "none: bank transfer only (set STRIPE_SECRET_KEY for cards, PayPal, Alipay)",
} as const;

const JOBS: Record<JobsMode, string> = {
  "in-app": "in-app (this server runs the scheduled jobs)",
  off: "off in the app (IN_APP_JOBS=off): run them with `npm run worker`",
  worker: "this worker runs the scheduled jobs",
};

/**
 * The start-up lines of the app server and of the worker: which mode, and in production
 * which payment provider, email delivery and job mode are active, so an operator sees at
 * once what a deployment will do. Demo mode also warns when its mailbox is reachable from
 * other machines.
 */
export function modeReport(jobs: JobsMode): string[] {
  if (appMode() === "demo") {
    const lines = ["Billing Center in DEMO mode (BILLING_DEMO=on): demo users and data, test payments (no real money), local mailbox at /dev/mailbox."];
    const host = listenHost();
    if (publicDemoMailbox() && !isLoopbackHost(host)) {
      lines.push(
        `WARNING: listening on ${host ?? "every interface"} (HOST${host ? `=${host}` : " not set"}): the demo mailbox /dev/mailbox, with live sign-in links, is reachable by anyone who can reach this port. Use HOST=127.0.0.1 (the default of npm run demo / npm run dev) or DEMO_MAILBOX=off.`,
      );
    }
    return lines;
  }
  return [
    "Billing Center in PRODUCTION mode (no demo data, no test payments; BILLING_DEMO=on for the demo).",
    `  Payments: ${PAYMENTS[paymentsSetup()]}`,
    `  Email delivery: ${emailDeliveryMode() === "resend" ? "Resend" : "local outbox only (nothing is sent; set RESEND_API_KEY)"}`,
    `  Jobs: ${JOBS[jobs]}`,
  ];
}
