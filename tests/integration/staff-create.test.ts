import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, type DbHandle, openDatabase } from "@/db/client";
import { auditLog, magicLinkTokens, users } from "@/db/schema";
import { consumeMagicLink } from "@/lib/auth/sign-in";
import { createUser } from "../fixtures/factories";
import { onPostgres } from "../fixtures/db";
import { dropPostgresDatabase, freshPostgresDatabase } from "../fixtures/fresh-database";

// `npm run staff:create` as an operator runs it: a child process on a database of this
// file's own, created empty (a fresh PGlite folder, or a fresh PostgreSQL database).
const APP = "https://billing.test.example";
const tsx = path.resolve("node_modules/.bin/tsx");
let target: { PGLITE_DATA_DIR?: string; DATABASE_URL?: string };
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "bc-staff-create-"));
  if (!onPostgres()) {
    target = { PGLITE_DATA_DIR: path.join(scratch, "pglite") };
    return;
  }
  target = { DATABASE_URL: await freshPostgresDatabase(`staffcli_${process.pid}`) };
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  if (target?.DATABASE_URL) await dropPostgresDatabase(target.DATABASE_URL);
});

function env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, AUTH_URL: APP, ...target, ...extra };
  if (!e.DATABASE_URL) delete e.DATABASE_URL;
  return e;
}

function staffCreate(args: string[], extra?: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["lib/cli/staff-create.ts", ...args], { env: env(extra), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens the command's database while no command runs (PGlite is one process at a time). */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const handle: DbHandle = target.DATABASE_URL ? openDatabase({ url: target.DATABASE_URL, max: 2 }) : openDatabase({ dir: target.PGLITE_DATA_DIR });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

function printedToken(stdout: string): string {
  const m = stdout.match(new RegExp(`${APP.replace(/\./g, "\\.")}/sign-in/link\\?token=([A-Za-z0-9_-]{40,})`));
  if (!m) throw new Error(`no sign-in link printed:\n${stdout}`);
  return m[1]!;
}

const userByEmail = (db: Db, email: string) => db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
const tally = (db: Db) =>
  Promise.all([db.select({ n: count() }).from(users), db.select({ n: count() }).from(magicLinkTokens), db.select({ n: count() }).from(auditLog)]).then((r) => r.map((x) => x[0]!.n));

describe("npm run staff:create", () => {
  it("creates a staff-finance user on an empty database and prints a link that signs in once, and not after 15 minutes", async () => {
    const before = Date.now();
    const r = await staffCreate(["--email", " Ops@Example.COM ", "--role", "finance", "--name", "Olga Ops", "--locale", "zh-CN"]);
    const after = Date.now();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Created staff user ops@example.com (staff-finance).");
    expect(r.stdout).toContain("valid for 15 minutes");
    const token = printedToken(r.stdout);

    await withDb(async (db) => {
      const [user] = await userByEmail(db, "ops@example.com");
      expect(user).toMatchObject({ email: "ops@example.com", name: "Olga Ops", staffRole: "finance", locale: "zh-CN", passwordHash: null, disabled: false });
      const records = await db.select().from(auditLog).where(eq(auditLog.targetId, user!.id));
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ actorKind: "system", action: "staff.user.create", targetType: "user", data: { via: "cli", role: "finance" } });

      const [link] = await db.select().from(magicLinkTokens).where(eq(magicLinkTokens.userId, user!.id));
      expect(link!.tokenHash).not.toContain(token); // only the hash is stored
      const expires = link!.expiresAt.getTime();
      expect(expires).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1000);
      expect(expires).toBeLessThanOrEqual(after + 15 * 60_000 + 1000);
      // The clock set to the end of the 15 minutes: refused, and that does not spend it.
      expect(await consumeMagicLink(db, token, new Date(expires))).toEqual({ ok: false, reason: "invalid" });
      // Just before: it signs in, once.
      expect(await consumeMagicLink(db, token, new Date(expires - 1000))).toEqual({ ok: true, userId: user!.id });
      expect(await consumeMagicLink(db, token, new Date(expires - 500))).toEqual({ ok: false, reason: "invalid" });
    });
  });

  it("makes support staff too; a rerun only gives the same staff member a new link; a customer's email and a role change are refused", async () => {
    const first = await staffCreate(["--email", "help@example.com", "--role", "support"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Created staff user help@example.com (staff-support).");
    const again = await staffCreate(["--email", "HELP@example.com", "--role", "support"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("help@example.com is already a staff member (staff-support); nothing changed but a new sign-in link.");
    expect(printedToken(again.stdout)).not.toBe(printedToken(first.stdout));

    const customer = await withDb((db) => createUser(db, { email: `customer-${process.pid}@example.com` }));
    const promote = await staffCreate(["--email", customer.email, "--role", "finance"]);
    expect(promote.code).toBe(1);
    expect(promote.stderr).toContain(`Nothing changed: ${customer.email} already belongs to a customer user`);
    expect(promote.stdout).not.toContain("token=");
    const otherRole = await staffCreate(["--email", "help@example.com", "--role", "finance"]);
    expect(otherRole.code).toBe(1);
    expect(otherRole.stderr).toContain("already a staff member (staff-support); staff:create does not change roles");

    await withDb(async (db) => {
      const [help] = await userByEmail(db, "help@example.com");
      expect(help!.staffRole).toBe("support");
      expect((await db.select().from(auditLog).where(eq(auditLog.targetId, help!.id))).map((a) => a.action)).toEqual(["staff.user.create", "staff.user.sign_in_link"]);
      // Both links work: the second run did not spend the first.
      for (const out of [first.stdout, again.stdout]) expect((await consumeMagicLink(db, printedToken(out))).ok).toBe(true);
      const [still] = await userByEmail(db, customer.email);
      expect(still!.staffRole).toBeNull();
      expect(await db.select().from(magicLinkTokens).where(eq(magicLinkTokens.userId, customer.id))).toEqual([]);
      expect(await db.select().from(auditLog).where(eq(auditLog.targetId, customer.id))).toEqual([]);
    });
  });

  it.runIf(onPostgres())("three runs at once for one email make one staff user; the others say it exists", async () => {
    const runs = await Promise.all([0, 1, 2].map(() => staffCreate(["--email", "twice@example.com", "--role", "finance"])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.filter((r) => r.stdout.includes("Created staff user twice@example.com"))).toHaveLength(1);
    expect(runs.filter((r) => r.stdout.includes("twice@example.com is already a staff member"))).toHaveLength(2);
    expect(await withDb((db) => userByEmail(db, "twice@example.com"))).toHaveLength(1);
  });

  it("bad arguments exit 2 with a message saying what is wrong, and write nothing", async () => {
    const counts = await withDb(tally);
    const cases: [string[], RegExp][] = [
      [[], /--email is required/],
      [["--email", "not-an-email", "--role", "finance"], /--email must be an email address/],
      [["--email", "a@example.com", "--role", "admin"], /--role must be finance or support/],
      [["--email", "a@example.com", "--role", "finance", "--locale", "fr"], /--locale must be en or zh-CN/],
      [["--email", "a@example.com", "--role", "finance", "--name", "Eve\u202egnp.exe"], /--name must not contain control or text-direction characters/],
      [["--email", "a@example.com", "--role", "finance", "--password", "hunter2"], /takes no password/],
      [["--email", "a@example.com", "--role", "finance", "--admin"], /Unknown option '--admin'/],
      [["a@example.com", "--role", "finance"], /Unexpected argument 'a@example.com'/],
    ];
    const results = await Promise.all(cases.map(([args]) => staffCreate(args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(" ")).toBe(2);
      expect(r.stderr, cases[i]![0].join(" ")).toMatch(cases[i]![1]);
      expect(r.stderr).toContain("Usage: npm run staff:create -- --email");
      expect(r.stdout).toBe("");
    });
    expect(await withDb(tally)).toEqual(counts);
    expect(await withDb((db) => userByEmail(db, "a@example.com"))).toEqual([]);
  });

  it.skipIf(onPostgres())("refuses an embedded database folder a running server holds, and writes nothing to it", async () => {
    // Holds the folder the way the app server does (db/client.ts getDbHandle: owner "server").
    const holder: ChildProcess = spawn(
      tsx,
      [
        "--input-type=module",
        "--eval",
        `import { openDatabase } from "./db/client.ts";
         const h = openDatabase({ dir: process.env.PGLITE_DATA_DIR, owner: "server" });
         await h.raw.query("select 1");
         console.log("holding");
         process.on("SIGTERM", async () => { await h.close(); process.exit(0); });
         setInterval(() => {}, 1000);`,
      ],
      { env: env(), stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on("data", (d) => String(d).includes("holding") && resolve());
        holder.on("exit", (code) => reject(new Error(`the holder exited (${code})`)));
      });
      const r = await staffCreate(["--email", "held@example.com", "--role", "finance"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/held by a running server \(pid \d+\)\. Stop the server first/);
      expect(r.stdout).not.toContain("token=");
    } finally {
      const gone = new Promise((resolve) => holder.once("exit", resolve));
      holder.kill("SIGTERM");
      await gone;
    }
    expect(existsSync(`${target.PGLITE_DATA_DIR}.lock`)).toBe(false);
    expect(await withDb((db) => userByEmail(db, "held@example.com"))).toEqual([]);
  });
});
