// The app as the benches run it: a production build in a dist folder of its own, started
// with `next start` on a port of its own against the bench's database, and stopped as a
// whole process group.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/** Builds the app into `dist` (unless BENCH_SKIP_BUILD=1); next build rewrites tsconfig.json, which is put back. */
export function buildApp(dist: string): void {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  try {
    const r = spawnSync("npx", ["next", "build"], { env: { ...process.env, NEXT_DIST_DIR: dist }, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  }
}

/** Starts the built app and waits until its sign-in page answers (60 s at most). */
export async function startApp(opts: { dist: string; port: number; databaseUrl: string; secret: string; env?: Record<string, string> }): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: opts.databaseUrl,
    AUTH_SECRET: opts.secret,
    IN_APP_JOBS: "off",
    NEXT_DIST_DIR: opts.dist,
    NEXT_TELEMETRY_DISABLED: "1",
    ...opts.env,
  };
  const child = spawn("npx", ["next", "start", "-p", String(opts.port)], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${opts.port}/sign-in`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`next start did not answer within 60 s:\n${log}`);
}

/** Stops the whole group: npx and the next server under it. */
export function stopApp(child: ChildProcess): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
