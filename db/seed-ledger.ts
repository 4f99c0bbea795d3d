import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema";
import { chargeUsage, placeHold, releaseHold, setCreditLimit, staffAdjustment, topUp } from "@/lib/ledger";
import { dollars, parseMoney } from "@/lib/money";
import { DEMO_ACCOUNTS } from "./seed";

/**
 * A first few real postings per demo account, made through the ledger itself, each with
 * a fixed idempotency key so re-seeding posts nothing twice. (The billing engine's year
 * of history builds on top of this.)
 */
export async function seedDemoLedger(db: Db): Promise<void> {
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.email, "staff@billing.example"));
  const staffActor = { kind: "staff" as const, userId: staff?.id ?? null };
  const system = { kind: "system" as const };
  const [acme, globex] = DEMO_ACCOUNTS;

  await topUp(db, { accountId: acme.id, amount: dollars(2000), provider: "bank_transfer", idempotencyKey: "demo:acme:wire-1", actor: staffActor, description: "Wire transfer received" });
  await topUp(db, { accountId: acme.id, amount: dollars(500), provider: "test", idempotencyKey: "demo:acme:card-1", actor: system, description: "Card top-up •••• 4242" });
  await setCreditLimit(db, { accountId: acme.id, creditLimit: dollars(1000), reason: "Demo: credit agreement for Acme", actor: staffActor });
  const hold = await placeHold(db, { accountId: acme.id, amount: parseMoney("12.40"), resourceRef: "ecs-demo-001", idempotencyKey: "demo:acme:hold-ecs-001", actor: system });
  await chargeUsage(db, { accountId: acme.id, amount: parseMoney("37.214861"), idempotencyKey: "demo:acme:usage-ecs-001-1", actor: system, resourceId: "ecs-demo-001", description: "Elastic Compute ecs.g7.large, 72 h" });
  await chargeUsage(db, { accountId: acme.id, amount: parseMoney("8.06"), idempotencyKey: "demo:acme:usage-bw-001-1", actor: system, resourceId: "bw-demo-001", description: "Bandwidth 100 Mbps, 31 days" });
  await releaseHold(db, { holdId: hold.holdId, accountId: acme.id, actor: system });

  await topUp(db, { accountId: globex.id, amount: dollars(150), provider: "test", idempotencyKey: "demo:globex:card-1", actor: system, description: "Card top-up •••• 4242" });
  await chargeUsage(db, { accountId: globex.id, amount: parseMoney("171.5"), idempotencyKey: "demo:globex:usage-bm-001-1", actor: system, resourceId: "bm-demo-001", description: "Bare metal s3.xlarge, 7 days" });
  await staffAdjustment(db, { accountId: globex.id, amount: dollars(25), reason: "Goodwill credit for the March network incident", idempotencyKey: "demo:globex:adjust-1", actor: staffActor });
}
