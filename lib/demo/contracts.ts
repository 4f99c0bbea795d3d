import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { DEMO_ACCOUNTS } from "./logins";
import { contracts, users } from "@/db/schema";
import { countersignContract, createContract, signContract, submitContract } from "@/lib/contracts/flow";
import { ContractFormSchema } from "@/lib/contracts/input";
import { atTime, clockNow } from "@/lib/clock";

const DAY = 86_400_000;
const day = (t: Date) => t.toISOString().slice(0, 10);

/**
 * The demo's contracts, through the real flow: Acme's credit agreement, signed by both
 * sides when its history began and active since (its $1,000 matches the credit limit the
 * history set, so activating it changes nothing but is audited), and a draft order form
 * its finance member is still preparing. Safe to rerun: an account with contracts is left alone.
 */
export async function seedDemoContracts(db: Db, now = clockNow()): Promise<void> {
  const acme = DEMO_ACCOUNTS[0];
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(contracts).where(eq(contracts.accountId, acme.id));
  if ((existing?.n ?? 0) > 0) return;
  const [finance] = await db.select().from(users).where(eq(users.email, `finance@${acme.domain}`));
  const [staff] = await db.select().from(users).where(eq(users.email, "staff@billing.example"));
  if (!finance || !staff) return;
  const customer = { kind: "user" as const, userId: finance.id, name: finance.name, ip: "198.51.100.23" };
  const staffActor = { kind: "staff" as const, userId: staff.id, name: staff.name, ip: "10.20.0.5" };

  const start = new Date(Math.floor((now.getTime() - 335 * DAY) / DAY) * DAY + 9 * 3_600_000);
  const at = (offsetDays: number) => new Date(start.getTime() + offsetDays * DAY);
  const credit = ContractFormSchema.parse({
    kind: "credit_agreement", locale: "en", startsOn: day(start), endsOn: day(new Date(start.getTime() + 730 * DAY)), creditLimit: "1000", paymentTermsDays: "30",
    notes: "Charges on credit are invoiced monthly with the usage invoice.",
  });
  const c = await atTime(at(-6), () => createContract(db, { accountId: acme.id, form: credit, actor: customer, now: at(-6) }));
  await atTime(at(-5), () => submitContract(db, { accountId: acme.id, contractId: c.id, actor: customer, now: at(-5) }));
  await atTime(at(-3), () => countersignContract(db, { contractId: c.id, title: "Finance Manager", reason: "Terms match the approved credit application", actor: staffActor, now: at(-3) }));
  await atTime(at(0), () => signContract(db, { accountId: acme.id, contractId: c.id, fullName: finance.name, title: "Head of Finance", consent: true, actor: customer, now: at(0) }));

  const order = ContractFormSchema.parse({
    kind: "order_form", locale: "en", startsOn: day(new Date(now.getTime() + 14 * DAY)), endsOn: day(new Date(now.getTime() + 379 * DAY)),
    productId_0: "bms.c6.metal.sub", quantity_0: "2", productId_1: "ecs.g7.large.sub", quantity_1: "6", committedMonthlySpend: "2500", discountPercent: "8",
  });
  await atTime(new Date(now.getTime() - 2 * DAY), () => createContract(db, { accountId: acme.id, form: order, actor: customer, now: new Date(now.getTime() - 2 * DAY) }));
}
