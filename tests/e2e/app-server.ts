import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort } from "../fixtures/fresh-database";

export interface RunningApp {
  baseUrl: string;
  port: number;
  /** The environment it runs with (the same one starts it again after a stop). */
  env: NodeJS.ProcessEnv;
  /** What it printed so far. */
  log: () => string;
  /** SIGTERM to its process group, then waits until it has exited. */
  stop: () => Promise<void>;
}

/**
 * The environment the suite runs the production build (`next start`) with: the database's
 * `env` (freshAppDatabase), a port, the demo on (seeded users, test payments, mailbox).
 */
export function appEnv(databaseEnv: Record<string, string>, port: number, authSecret?: string): NodeJS.ProcessEnv {
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...process.env,
    ...databaseEnv,
    // Production on a database server refuses to start without a secret; the embedded demo makes its own.
    AUTH_SECRET: authSecret ?? process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    PORT: String(port), AUTH_URL: baseUrl, NODE_ENV: "production", NEXT_MANUAL_SIG_HANDLE: "true",
    // The suite drives the demo (seeded users, test payments, mailbox); production is tests/e2e/production.test.ts.
    BILLING_DEMO: "on", HOST: "127.0.0.1" };
}

/**
 * Starts the production build (`next start`, from NEXT_DIST_DIR when set) with `env` (appEnv)
 * in a process group of its own and waits until it answers; an empty database is migrated
 * and seeded with the demo first. A server that never becomes ready is stopped.
 */
export async function startApp(env: NodeJS.ProcessEnv, opts: { readyMs?: number } = {}): Promise<RunningApp> {
  const port = Number(env.PORT);
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((r) => server.once("exit", () => r()));
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    // npx exits before `next start` under it has closed the database: wait for the whole group
    // (the embedded database's folder is not to be opened twice).
    for (let i = 0; i < 100 && groupAlive(server.pid!); i++) await new Promise((r) => setTimeout(r, 100));
  };
  const readyMs = opts.readyMs ?? 90_000;
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the app exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/sign-in`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop(); // a server that never became ready must not outlive the run
      throw new Error(`the app did not start in ${readyMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { baseUrl, port, env, log: () => log, stop };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A free port and the suite's environment for an app on `databaseEnv`. */
export async function appOnFreePort(databaseEnv: Record<string, string>): Promise<NodeJS.ProcessEnv> {
  return appEnv(databaseEnv, await freePort());
}
