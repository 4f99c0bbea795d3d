import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clockNow } from "@/lib/clock";
import { accounts, memberships, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { seedCatalogue } from "./catalogue";
import { seedDemoAlerts } from "./alerts";
import { seedDemoContracts } from "./contracts";
import { seedDemoInvoices } from "./invoices";
import { seedDemoHistory } from "./history";
import { seedDemoVouchers } from "./vouchers";
import type { MemberRole, StaffRole } from "@/lib/auth/permissions";
import { CONSULTANT, DEMO_ACCOUNTS, DEMO_PASSWORD } from "./logins";
import { withTx } from "@/db/tx";

const ROLE_NAMES: Record<MemberRole, string> = { owner: "Olivia Owner", admin: "Adam Admin", finance: "Fiona Finance", member: "Max Member" };

export interface DemoLogin {
  email: string;
  role: string;
  account: string | null;
}

export function demoLogins(): DemoLogin[] {
  const out: DemoLogin[] = [
    { email: "staff@billing.example", role: "staff (finance)", account: null },
    { email: "support@billing.example", role: "staff (support)", account: null },
    { email: "approver@billing.example", role: "staff (finance)", account: null },
  ];
  for (const a of DEMO_ACCOUNTS) for (const role of ["owner", "admin", "finance", "member"] as const) out.push({ email: `${role}@${a.domain}`, role, account: a.name });
  out.push({ email: CONSULTANT.email, role: "finance · member", account: `${DEMO_ACCOUNTS[0].name} · ${DEMO_ACCOUNTS[1].name}` });
  return out;
}

async function upsertUser(db: Db, u: { email: string; name: string; staffRole?: StaffRole; passwordHash: string; lastAccountId?: string }) {
  // Seeding runs under the migration lock, so read-then-write cannot race here.
  const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${u.email.toLowerCase()}`);
  if (existing) {
    await db.update(users).set({ name: u.name, staffRole: u.staffRole ?? null, passwordHash: u.passwordHash, disabled: false }).where(eq(users.id, existing.id));
    return existing.id;
  }
  const [row] = await db
    .insert(users)
    .values({ email: u.email, name: u.name, staffRole: u.staffRole ?? null, passwordHash: u.passwordHash, lastAccountId: u.lastAccountId ?? null })
    .returning({ id: users.id });
  return row!.id;
}

/**
 * Creates (or restores) the demo users, accounts and roles. Later features add their
 * demo history through their own seed steps.
 */
export async function seedDemo(db: Db, now = clockNow()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTx(db, async (tx) => {
    const t = tx as unknown as Db;
    await upsertUser(t, { email: "staff@billing.example", name: "Sam Staff", staffRole: "finance", passwordHash });
    await upsertUser(t, { email: "support@billing.example", name: "Sue Support", staffRole: "support", passwordHash });
    // A second staff-finance member, so a four-eyes request can be approved in the demo.
    await upsertUser(t, { email: "approver@billing.example", name: "Alex Approver", staffRole: "finance", passwordHash });
    for (const a of DEMO_ACCOUNTS) {
      await tx.insert(accounts).values({ id: a.id, name: a.name }).onConflictDoUpdate({ target: accounts.id, set: { name: a.name } });
      for (const role of ["owner", "admin", "finance", "member"] as const) {
        const userId = await upsertUser(t, { email: `${role}@${a.domain}`, name: ROLE_NAMES[role], passwordHash, lastAccountId: a.id });
        await tx
          .insert(memberships)
          .values({ accountId: a.id, userId, role })
          .onConflictDoUpdate({ target: [memberships.accountId, memberships.userId], set: { role } });
      }
    }
    const consultant = await upsertUser(t, { ...CONSULTANT, passwordHash, lastAccountId: DEMO_ACCOUNTS[0].id });
    for (const [account, role] of [[DEMO_ACCOUNTS[0], "finance"], [DEMO_ACCOUNTS[1], "member"]] as const) {
      await tx
        .insert(memberships)
        .values({ accountId: account.id, userId: consultant, role })
        .onConflictDoUpdate({ target: [memberships.accountId, memberships.userId], set: { role } });
    }
  });
  await seedCatalogue(db);
  await seedDemoHistory(db, now);
  await seedDemoVouchers(db, now);
  // Last: the invoices of every past month of the history above.
  await seedDemoInvoices(db, now);
  await seedDemoAlerts(db, now);
  await seedDemoContracts(db, now);
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

export function printDemoLogins(log: (s: string) => void = console.log): void {
  log("Demo sign-ins (password for all: " + DEMO_PASSWORD + "):");
  for (const l of demoLogins()) log(`  ${l.email.padEnd(30)} ${l.role.padEnd(17)} ${l.account ?? ""}`);
}
