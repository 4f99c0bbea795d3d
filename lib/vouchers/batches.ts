import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { products, voucherBatches, vouchers } from "@/db/schema";
import { audit } from "@/lib/audit";
import { rowsOf, withTx } from "@/lib/billing/tx";
import { AppError } from "@/lib/errors";
import { codeHint, generateCode, hashCode, sealCodes, unsealCodes } from "./codes";

export const MAX_BATCH = 10_000;

export interface StaffActor {
  userId: string | null;
  ip?: string | null;
}

export interface CreateBatchInput {
  count: number;
  faceValue: bigint;
  /** Empty means every product. */
  productIds: string[];
  validFrom: Date;
  validUntil: Date;
  note: string;
  actor: StaffActor;
}

/**
 * Issues a batch of unredeemed vouchers, each with a fresh random code of which only the
 * hash is stored. The plain codes are kept sealed on the batch until their one CSV
 * download. No money moves yet: a voucher's value reaches the ledger when it is redeemed.
 */
export async function createVoucherBatch(db: Db, input: CreateBatchInput): Promise<{ batchId: string }> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH) throw new AppError("VALIDATION", `A batch has 1 to ${MAX_BATCH} codes.`, { count: ["range"] });
  if (input.faceValue <= 0n) throw new AppError("VALIDATION", "The face value must be above zero.", { faceValue: ["positive"] });
  if (!(input.validUntil > input.validFrom)) throw new AppError("VALIDATION", "The end of validity must be after its start.", { validUntil: ["order"] });
  const productIds = [...new Set(input.productIds)].sort();
  if (productIds.length) {
    const known = await db.select({ id: products.id }).from(products).where(inArray(products.id, productIds));
    if (known.length !== productIds.length) throw new AppError("VALIDATION", "Unknown product.", { productIds: ["unknown"] });
  }
  const codes = new Set<string>();
  while (codes.size < input.count) codes.add(generateCode());
  const list = [...codes];

  return withTx(db, async (tx) => {
    const [batch] = await tx
      .insert(voucherBatches)
      .values({
        note: input.note.trim(),
        count: input.count,
        faceValue: input.faceValue,
        productIds,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        createdByUserId: input.actor.userId,
        codesSealed: sealCodes(list),
      })
      .returning({ id: voucherBatches.id });
    const rows = list.map((c) => ({
      codeHash: hashCode(c),
      codeHint: codeHint(c),
      batchId: batch!.id,
      faceValue: input.faceValue,
      productIds,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
    }));
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(vouchers).values(rows.slice(i, i + 1000));
    await audit(tx, {
      actorKind: "staff",
      actorUserId: input.actor.userId,
      action: "voucher.batch_created",
      targetType: "voucher_batch",
      targetId: batch!.id,
      data: { count: input.count, faceValue: input.faceValue, productIds, validFrom: input.validFrom, validUntil: input.validUntil, note: input.note.trim() },
      ip: input.actor.ip ?? null,
    });
    return { batchId: batch!.id };
  });
}

/**
 * Hands out a batch's plain codes, once: one statement takes the sealed codes and clears
 * them, so of two concurrent downloads one gets the codes and the other nothing. Null when
 * they were downloaded before (or the batch does not exist).
 */
export async function takeBatchCodes(db: Db, input: { batchId: string; actor: StaffActor; now?: Date }): Promise<string[] | null> {
  return withTx(db, async (tx) => {
    const [row] = await rowsOf(
      tx,
      sql`with taken as (
            select id, codes_sealed from voucher_batches
            where id = ${input.batchId}::uuid and codes_sealed is not null
            for update
          )
          update voucher_batches b
          set codes_sealed = null, downloaded_at = ${(input.now ?? new Date()).toISOString()}::timestamptz, downloaded_by_user_id = ${input.actor.userId}::uuid
          from taken where b.id = taken.id
          returning taken.codes_sealed as sealed`,
    );
    if (!row) return null;
    await audit(tx, {
      actorKind: "staff",
      actorUserId: input.actor.userId,
      action: "voucher.batch_codes_downloaded",
      targetType: "voucher_batch",
      targetId: input.batchId,
      ip: input.actor.ip ?? null,
    });
    return unsealCodes(String(row.sealed));
  });
}

/**
 * Revokes a batch's unredeemed codes (all of them, or one): a revoked code can no longer
 * be redeemed. A redeemed voucher belongs to its account and is not touched — its value is
 * on the ledger, and vouchers are never taken back. Returns how many were revoked.
 */
export async function revokeVouchers(db: Db, input: { batchId: string; voucherId?: string; actor: StaffActor; now?: Date }): Promise<number> {
  return withTx(db, async (tx) => {
    const revoked = await tx
      .update(vouchers)
      .set({ status: "revoked", revokedAt: input.now ?? new Date(), revokedByUserId: input.actor.userId })
      .where(
        and(
          eq(vouchers.batchId, input.batchId),
          input.voucherId ? eq(vouchers.id, input.voucherId) : undefined,
          isNull(vouchers.accountId),
          eq(vouchers.status, "active"),
        ),
      )
      .returning({ id: vouchers.id });
    if (revoked.length > 0) {
      await audit(tx, {
        actorKind: "staff",
        actorUserId: input.actor.userId,
        action: "voucher.revoked",
        targetType: input.voucherId ? "voucher" : "voucher_batch",
        targetId: input.voucherId ?? input.batchId,
        data: { batchId: input.batchId, count: revoked.length },
        ip: input.actor.ip ?? null,
      });
    }
    return revoked.length;
  });
}
