// `npm run staff:create -- --email you@example.com --role finance [--name "Ada Lovelace"] [--locale en|zh-CN]`
// Creates a staff user (finance or support) and prints a one-time sign-in link, valid for
// 15 minutes: how the first staff member of a new deployment gets in. No password is taken
// on the command line (it would stay in the shell's history). Exit codes: 0 done, 1 refused
// (the email belongs to someone else), 2 bad arguments or a busy embedded database.
import { parseArgs } from "node:util";
import { clockNow } from "@/lib/clock";
import { dataDir } from "@/db/data-dir";
import { appUrl } from "@/lib/env";
import { createStaffUser, StaffCreateSchema } from "@/lib/staff/create-staff";
import { openCliDb } from "./open";

const USAGE = "Usage: npm run staff:create -- --email you@example.com --role finance|support [--name \"Full Name\"] [--locale en|zh-CN]";

function fail(lines: string[], code: number): never {
  for (const l of lines) console.error(l);
  process.exit(code);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, locale: { type: "string" } },
    strict: true,
    allowPositionals: false,
  }));
} catch (e) {
  const message = (e as Error).message;
  const passwordGiven = process.argv.slice(2).some((a) => /^--?pass/i.test(a));
  fail([passwordGiven ? "staff:create takes no password: the new staff member signs in with the link it prints." : message.split(". ")[0]!, USAGE], 2);
}

// Everything is checked before the database is opened, so bad input writes nothing.
const parsed = StaffCreateSchema.safeParse(values);
if (!parsed.success) fail([...parsed.error.issues.map((i) => i.message), USAGE], 2);

const handle = await openCliDb();
try {
  const r = await createStaffUser(handle.db, parsed.data, clockNow());
  if (r.kind === "refused") {
    const why = {
      customer: `${r.email} already belongs to a customer user; a customer's sign-in does not become staff. Use another email for the staff member.`,
      other_role: `${r.email} is already a staff member (staff-${r.role}); staff:create does not change roles.`,
      disabled: `${r.email} is a staff member (staff-${r.role}) who has been disabled; no link was issued.`,
    }[r.reason];
    console.error(`Nothing changed: ${why}`);
    process.exitCode = 1; // not exit(): the database is closed below first
  } else {
    console.log(r.kind === "created" ? `Created staff user ${r.email} (staff-${r.role}).` : `${r.email} is already a staff member (staff-${r.role}); nothing changed but a new sign-in link.`);
    // Said, so a command run without the server's DATABASE_URL cannot go unnoticed.
    console.log(handle.url ? `Database: PostgreSQL server ${new URL(handle.url).host}${new URL(handle.url).pathname}` : `Database: embedded PGlite in ${dataDir()}`);
    const until = r.link.expiresAt.toISOString().slice(11, 16);
    console.log(`One-time sign-in link, valid for 15 minutes (until ${until} UTC) and for one sign-in:\n\n  ${r.link.url}\n`);
    if (!process.env.AUTH_URL && !process.env.APP_URL) {
      console.log(`AUTH_URL is not set, so the link points at ${appUrl()}. Set AUTH_URL to the app's public address (as for the server) and run this again if that is not where the app is.`);
    }
  }
} finally {
  await handle.close();
}
