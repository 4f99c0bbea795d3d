import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPostgresDatabase, freePort, freshPostgresDatabase } from "../fixtures/fresh-database";
import { DEMO_PASSWORD, screenshot, useBrowser } from "./browser";

// A new operator's first minutes: the same production build started with no BILLING_DEMO on
// an empty database of its own, the first staff member made with `npm run staff:create`.
// On PGlite the server holds the folder and the command must refuse it, so the operator
// stops the server, runs the command and starts it again; on PostgreSQL the command runs
// beside the running server.

const b = useBrowser();
let dbEnv: { PGLITE_DATA_DIR?: string; DATABASE_URL?: string };
let scratch: string;
let port: number;
let baseUrl: string;
let server: ChildProcess | undefined;
let log = "";

const secret = randomBytes(32).toString("base64url");
function productionEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv, AUTH_SECRET: secret, AUTH_URL: baseUrl, PORT: String(port), NODE_ENV: "production", NEXT_MANUAL_SIG_HANDLE: "true" };
  delete env.BILLING_DEMO; // the suite runs in demo mode; this server is production
  if (!dbEnv.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

async function startProduction(): Promise<void> {
  server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env: productionEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const deadline = Date.now() + 90_000;
  while (!(await fetch(`${baseUrl}/sign-in`).then((r) => r.ok, () => false))) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the production server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function stopProduction(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  const exited = new Promise((r) => s.once("exit", r));
  process.kill(-s.pid!, "SIGTERM");
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  scratch = path.resolve("tests/.tmp", `first-staff-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  dbEnv = process.env.DATABASE_URL ? { DATABASE_URL: await freshPostgresDatabase("first_staff") } : { PGLITE_DATA_DIR: path.join(scratch, "pglite") };
  await startProduction();
});

afterAll(async () => {
  if (process.env.E2E_SERVER_LOG) console.log(log);
  await stopProduction();
  rmSync(scratch, { recursive: true, force: true });
  if (dbEnv?.DATABASE_URL) await dropPostgresDatabase(dbEnv.DATABASE_URL);
});

async function passwordSignInFails(email: string) {
  const { context, page } = await b.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  const form = page.locator("form").first();
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => form.getByRole("alert").innerText()).toBe("The email or password is not correct.");
  expect(new URL(page.url()).pathname).toBe("/sign-in");
  await context.close();
}

describe("the first staff member of a production deployment", () => {
  it("the sign-in page of an empty production database says how to create the first staff user, in both languages", async () => {
    expect(log).toContain("Billing Center in PRODUCTION mode");
    expect(log).not.toContain("Demo sign-ins");
    for (const [locale, title, body] of [
      ["en-US", "No one can sign in yet", "On the server, in the app's folder, run:"],
      ["zh-CN", "还没有人可以登录", "请在服务器上的应用目录中运行："],
    ] as const) {
      const { context, page } = await b.newPage({ locale });
      await page.goto(`${baseUrl}/sign-in`);
      const hint = page.getByRole("note");
      await expect.poll(() => hint.innerText()).toContain(title);
      expect(await hint.innerText()).toContain(body);
      expect(await hint.locator("code").innerText()).toBe("npm run staff:create -- --email you@example.com --role finance");
      await screenshot(page, `sign-in-first-staff.${locale === "zh-CN" ? "zh-CN" : "en"}`);
      await context.close();
    }
    // Nobody was seeded: the demo's staff sign-in does not exist.
    await passwordSignInFails("staff@billing.example");
  });

  it("staff:create prints a link that signs the new staff member in to the staff console, once", async () => {
    const onPglite = !!dbEnv.PGLITE_DATA_DIR;
    const create = () => spawnSync("npx", ["tsx", "lib/cli/staff-create.ts", "--email", "first@example.com", "--role", "finance", "--name", "First Staff"], { env: productionEnv(), encoding: "utf8" });
    if (onPglite) {
      // The running server holds the embedded database: the command refuses it and writes nothing.
      const refused = create();
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/held by a running server/);
      await stopProduction();
    }
    const made = create();
    expect(made.stderr).toBe("");
    expect(made.status).toBe(0);
    expect(made.stdout).toContain("Created staff user first@example.com (staff-finance).");
    const link = made.stdout.match(/(\S+\/sign-in\/link\?token=[A-Za-z0-9_-]+)/)?.[1];
    expect(link?.startsWith(`${baseUrl}/sign-in/link?token=`)).toBe(true);
    if (onPglite) await startProduction();

    const { context, page } = await b.newPage();
    await page.goto(link!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/staff"), { timeout: 30_000 });
    await expect.poll(() => page.getByText("First Staff").first().isVisible()).toBe(true);
    await context.close();

    // Once only.
    const again = await b.newPage();
    await again.page.goto(link!);
    await again.page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => again.page.locator("form").getByRole("alert").innerText()).toMatch(/invalid, used or expired/);
    // Someone exists now: no more hint; and still no demo user.
    await again.page.goto(`${baseUrl}/sign-in`);
    await expect.poll(() => again.page.getByRole("heading", { level: 1 }).innerText()).toBe("Sign in");
    expect(await again.page.getByRole("note").count()).toBe(0);
    await again.context.close();
    await passwordSignInFails("staff@billing.example");
  });
});
