import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clockNow } from "@/lib/clock";
import { users, voucherBatches, vouchers } from "@/db/schema";
import { expireVouchers } from "@/lib/jobs/voucher-expiry";
import { dollars } from "@/lib/money";
import { createVoucherBatch } from "@/lib/vouchers/batches";
import { codeHint, generateCode, hashCode } from "@/lib/vouchers/codes";
import { redeemVoucher } from "@/lib/vouchers/redeem";
import { DEMO_ACCOUNTS } from "./logins";

/**
 * Printed codes for trying redemption in the demo. Fixed and therefore guessable: they
 * exist only in the demo data. Every batch a person creates gets random codes.
 */
export const DEMO_VOUCHER_CODES = [
  { code: "DEMO-VOUCHER-0050", faceValue: dollars(50), productIds: [] as string[] },
  { code: "DEMO-GPU-VOUCHER-0100", faceValue: dollars(100), productIds: ["gpu.a10.xlarge"] },
] as const;

const PRINTED_NOTE = "Demo: printed codes (see docs/vouchers.md)";
const DAY = 86_400_000;
/** Staff actions need a reason in their audit record; the demo's batches were made by the seed. */
const SEED_REASON = "Demo data (seed)";

/**
 * Demo vouchers: a batch of printed codes anyone may redeem, a partner batch of random
 * codes whose CSV is still waiting for its one download, and three vouchers Acme already
 * redeemed (one expiring within the week, one for every product, one expired whose
 * remainder the expiry job moved through the ledger). Runs once: a second seed finds the
 * printed batch and stops.
 */
export async function seedDemoVouchers(db: Db, now = clockNow()): Promise<void> {
  const [done] = await db.select({ id: voucherBatches.id }).from(voucherBatches).where(eq(voucherBatches.note, PRINTED_NOTE));
  if (done) return;
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.email, "staff@billing.example"));
  const [finance] = await db.select({ id: users.id }).from(users).where(eq(users.email, `finance@${DEMO_ACCOUNTS[0].domain}`));
  const actor = { userId: staff?.id ?? null, ip: null };
  const day = (n: number) => new Date(now.getTime() + n * DAY);

  const validFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DAY);
  const validUntil = new Date(validFrom.getTime() + 366 * DAY);
  const [printed] = await db
    .insert(voucherBatches)
    .values({ note: PRINTED_NOTE, count: DEMO_VOUCHER_CODES.length, faceValue: dollars(50), validFrom, validUntil })
    .returning({ id: voucherBatches.id });
  for (const v of DEMO_VOUCHER_CODES) {
    await db
      .insert(vouchers)
      .values({ codeHash: hashCode(v.code), codeHint: codeHint(v.code), batchId: printed!.id, faceValue: v.faceValue, productIds: [...v.productIds], validFrom, validUntil })
      .onConflictDoNothing();
  }

  await createVoucherBatch(db, {
    count: 20, faceValue: dollars(25), productIds: ["ecs.g7.large", "bw.premium.mbps"], validFrom, validUntil: new Date(validFrom.getTime() + 181 * DAY),
    note: "Partner campaign: cloud starter", reason: SEED_REASON, actor,
  });

  // Vouchers Acme redeemed earlier, through the real redemption.
  const acme = DEMO_ACCOUNTS[0].id;
  const issued: { faceValue: bigint; productIds: string[]; from: Date; until: Date; redeemAt: Date }[] = [
    { faceValue: dollars(30), productIds: ["ecs.g7.large", "gpu.a10.xlarge"], from: day(-20), until: day(5), redeemAt: day(-19) },
    { faceValue: dollars(100), productIds: [], from: day(-10), until: day(180), redeemAt: day(-9) },
    { faceValue: dollars(20), productIds: ["slb.standard"], from: day(-60), until: day(-3), redeemAt: day(-50) },
  ];
  for (const v of issued) {
    const { batchId } = await createVoucherBatch(db, { count: 1, faceValue: v.faceValue, productIds: v.productIds, validFrom: v.from, validUntil: v.until, note: "Demo: sales goodwill for Acme", reason: SEED_REASON, actor });
    // Its code was handed to Acme and never downloaded again: a fresh random code redeemed here.
    const code = generateCode();
    await db.update(vouchers).set({ codeHash: hashCode(code), codeHint: codeHint(code) }).where(eq(vouchers.batchId, batchId));
    await db.update(voucherBatches).set({ codesSealed: null, downloadedAt: v.redeemAt }).where(eq(voucherBatches.id, batchId));
    await redeemVoucher(db, { accountId: acme, code, userId: finance?.id ?? null, ip: null, now: v.redeemAt });
  }
  await expireVouchers(db, now, [acme]);
}
