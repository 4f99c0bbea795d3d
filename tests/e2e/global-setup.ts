import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { freePort, freshAppDatabase } from "../fixtures/fresh-database";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The app's Postgres database, when the run is on a server (null on PGlite, which the app holds). */
    databaseUrl: string | null;
  }
}

/** Starts the production build (`next start`) on a free port and waits until it answers. */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A database of the end-to-end run's own, so the app starts empty and seeds the demo.
  const database = await freshAppDatabase("e2e");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...database.env,
    // Production on a database server refuses to start without a secret; the embedded demo makes its own.
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    PORT: String(port), AUTH_URL: baseUrl, NODE_ENV: "production", NEXT_MANUAL_SIG_HANDLE: "true",
    // The suite drives the demo (seeded users, test payments, mailbox); production is tests/e2e/production.test.ts.
    BILLING_DEMO: "on", HOST: "127.0.0.1" };
  const server: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));

  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the app exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/sign-in`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      stop(); // a server that never became ready must not outlive the run
      throw new Error(`the app did not start in 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", env.DATABASE_URL ?? null);

  return async () => {
    if (process.env.E2E_SERVER_LOG) console.log(log);
    stop();
    await new Promise((r) => setTimeout(r, 1500));
    if (env.PGLITE_DATA_DIR) await database.drop();
  };
}
