import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { hydrated } from "./browser";

// The platform's side in the browser and beside it: the example receiver as its own process,
// the endpoint finance staff add for it in /staff/webhooks, and a platform key.

const RECEIVER = path.resolve(import.meta.dirname, "../../examples/platform-receiver/receiver.mjs");

export interface Receiver {
  /** Every line it printed, in order (stderr lines start with "stderr: "). */
  lines: string[];
  stop: () => Promise<void>;
}

/** Starts examples/platform-receiver/receiver.mjs on `port` with the endpoint's signing secret; waits until it listens. */
export async function startReceiver(port: number, secret: string): Promise<Receiver> {
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
  const stop = () => new Promise<void>((r) => (proc.exitCode !== null ? r() : (proc.once("exit", () => r()), proc.kill("SIGTERM"))));
  await expect.poll(() => lines.some((l) => l.startsWith("listening ")), { timeout: 10_000 }).toBe(true);
  return { lines, stop };
}

/** Adds a platform endpoint in /staff/webhooks (as finance staff) for `types`; returns the signing secret the page shows once. */
export async function addPlatformEndpoint(page: Page, url: string, description: string, types: string[]): Promise<string> {
  await page.goto("/staff/webhooks", { waitUntil: "networkidle" });
  await hydrated(page, "[data-testid=create-endpoint]");
  await page.getByLabel("URL").fill(url);
  await page.getByLabel("Description").fill(description);
  for (const type of types) await page.getByRole("checkbox", { name: type }).check();
  await page.getByTestId("create-endpoint").click();
  const secretBox = page.getByTestId("new-secret");
  await expect.poll(() => secretBox.innerText(), { timeout: 20_000 }).toMatch(/whsec_[A-Za-z0-9_-]{40,}/);
  return /whsec_[A-Za-z0-9_-]+/.exec(await secretBox.innerText())![0];
}

/** Disables the endpoint at `url` on its page in /staff/webhooks. */
export async function disableEndpoint(page: Page, url: string): Promise<void> {
  await page.goto("/staff/webhooks", { waitUntil: "networkidle" });
  await page.getByTestId("endpoint-row").filter({ hasText: url }).getByRole("link", { name: url }).click();
  await page.waitForURL("**/staff/webhooks/*");
  await hydrated(page, "[data-testid=toggle-endpoint]");
  await page.getByTestId("toggle-endpoint").click();
  await expect.poll(() => page.getByTestId("toggle-endpoint").innerText(), { timeout: 20_000 }).toBe("Enable");
}

/** Creates a platform key in /staff/platform-keys (as finance staff); returns the key, shown once. */
export async function createPlatformKey(page: Page, name: string): Promise<string> {
  await page.goto("/staff/platform-keys", { waitUntil: "networkidle" });
  await hydrated(page, "[data-testid=platform-key-create] button[type=submit]");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create platform key" }).click();
  await expect.poll(() => page.getByTestId("new-platform-key").count(), { timeout: 20_000 }).toBe(1);
  return (await page.getByTestId("new-platform-key").innerText()).trim();
}
