import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { products, voucherBatches, vouchers } from "@/db/schema";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";
import { col, rows } from "@/db/rows";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { requireStaffReason } from "@/lib/staff/reason";
import { codeHint, generateCode, hashCode, sealCodes, unsealCodes } from "./codes";

export const MAX_BATCH = 10_000;

export interface StaffActor {
  userId: string | null;
  ip?: string | null;
}

export interface CreateBatchInput {
  /**
   * The request id the staff form made when it was shown, used as the batch's own id: a
   * second submit of the same form finds the batch and issues nothing more.
   */
  id?: string;
  count: number;
  faceValue: bigint;
  /** Empty means every product. */
  productIds: string[];
  validFrom: Date;
  validUntil: Date;
  note: string;
  /** Why staff issue it; kept in the audit record. */
  reason: string;
  actor: StaffActor;
}

/** A request id that already made a batch: the same batch back, or a conflict if it was made for something else. */
function sameRequest(existing: typeof voucherBatches.$inferSelect, input: CreateBatchInput, productIds: string[]): { batchId: string; count: number; created: false } {
  const same =
    existing.createdByUserId === input.actor.userId &&
    existing.count === input.count &&
    existing.faceValue === input.faceValue &&
    existing.validFrom.getTime() === input.validFrom.getTime() &&
    existing.validUntil.getTime() === input.validUntil.getTime() &&
    existing.productIds.join(",") === productIds.join(",");
  if (!same) throw new AppError("IDEMPOTENCY_CONFLICT", "This request was already made with different details.");
  return { batchId: existing.id, count: existing.count, created: false };
}

/**
 * Issues a batch of unredeemed vouchers, each with a fresh random code of which only the
 * hash is stored. The plain codes are kept sealed on the batch until their one CSV
 * download. No money moves yet: a voucher's value reaches the ledger when it is redeemed.
 */
export async function createVoucherBatch(db: Db, input: CreateBatchInput): Promise<{ batchId: string; count: number; created: boolean }> {
  const reason = requireStaffReason(input.reason);
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH) throw new AppError("VALIDATION", `A batch has 1 to ${MAX_BATCH} codes.`, { count: ["range"] });
  if (input.faceValue <= 0n) throw new AppError("VALIDATION", "The face value must be above zero.", { faceValue: ["positive"] });
  if (!(input.validUntil > input.validFrom)) throw new AppError("VALIDATION", "The end of validity must be after its start.", { validUntil: ["order"] });
  const productIds = [...new Set(input.productIds)].sort();
  if (productIds.length) {
    const known = await db.select({ id: products.id }).from(products).where(inArray(products.id, productIds));
    if (known.length !== productIds.length) throw new AppError("VALIDATION", "Unknown product.", { productIds: ["unknown"] });
  }
  if (input.id) {
    const [existing] = await db.select().from(voucherBatches).where(eq(voucherBatches.id, input.id));
    if (existing) return sameRequest(existing, input, productIds);
  }
  const codes = new Set<string>();
  while (codes.size < input.count) codes.add(generateCode());
  const list = [...codes];

  return withTx(db, async (tx) => {
    // Two submits of one request at once: the second waits on the first's id, then inserts nothing.
    const [batch] = await tx
      .insert(voucherBatches)
      .values({
        id: input.id,
        note: input.note.trim(),
        count: input.count,
        faceValue: input.faceValue,
        productIds,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        createdByUserId: input.actor.userId,
        codesSealed: sealCodes(list),
      })
      .onConflictDoNothing({ target: voucherBatches.id })
      .returning({ id: voucherBatches.id });
    if (!batch) {
      const [existing] = await tx.select().from(voucherBatches).where(eq(voucherBatches.id, input.id!));
      return sameRequest(existing!, input, productIds);
    }
    const rows = list.map((c) => ({
      codeHash: hashCode(c),
      codeHint: codeHint(c),
      batchId: batch.id,
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
      targetId: batch.id,
      reason,
      data: { count: input.count, faceValue: input.faceValue, totalFaceValue: input.faceValue * BigInt(input.count), productIds, validFrom: input.validFrom, validUntil: input.validUntil, note: input.note.trim() },
      ip: input.actor.ip ?? null,
    });
    return { batchId: batch.id, count: input.count, created: true };
  });
}

/**
 * Hands out a batch's plain codes, once: one statement takes the sealed codes and clears
 * them, so of two concurrent downloads one gets the codes and the other nothing. Null when
 * they were downloaded before (or the batch does not exist).
 */
export async function takeBatchCodes(db: Db, input: { batchId: string; actor: StaffActor; now?: Date }): Promise<string[] | null> {
  return withTx(db, async (tx) => {
    const [row] = await rows(
      tx,
      sql`with taken as (
            select id, codes_sealed from voucher_batches
            where id = ${input.batchId}::uuid and codes_sealed is not null
            for update
          )
          update voucher_batches b
          set codes_sealed = null, downloaded_at = ${(input.now ?? clockNow()).toISOString()}::timestamptz, downloaded_by_user_id = ${input.actor.userId}::uuid
          from taken where b.id = taken.id
          returning taken.codes_sealed as sealed`,
      { sealed: col.text },
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
    return unsealCodes(row.sealed);
  });
}

/** Codes nobody redeemed or revoked, still within their validity: what a revoke withdraws. */
const unused = (now: Date) => and(isNull(vouchers.accountId), eq(vouchers.status, "active"), gt(vouchers.validUntil, now));

/** The face value of each unused code of a batch, by voucher id: what its revoke confirmation shows. */
export async function unusedFaceValues(db: DbOrTx, { batchId, now = clockNow() }: { batchId: string; now?: Date }): Promise<Map<string, bigint>> {
  const rows = await db.select({ id: vouchers.id, faceValue: vouchers.faceValue }).from(vouchers).where(and(eq(vouchers.batchId, batchId), unused(now)));
  return new Map(rows.map((r) => [r.id, r.faceValue]));
}

/**
 * Revokes a batch's unused codes (all of them, or one): a revoked code can no longer be
 * redeemed; one past its validity is left as it is, lapsed. A redeemed voucher belongs to its account and is not touched — its value is
 * on the ledger, and vouchers are never taken back. One audit record for the whole action,
 * with how many codes and their face value; a revoke that finds nothing left to revoke (a
 * second click, a race) writes nothing.
 */
export async function revokeVouchers(
  db: Db,
  input: { batchId: string; voucherId?: string; reason: string; actor: StaffActor; now?: Date },
): Promise<{ count: number; faceValue: bigint }> {
  const reason = requireStaffReason(input.reason);
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const revoked = await tx
      .update(vouchers)
      .set({ status: "revoked", revokedAt: now, revokedByUserId: input.actor.userId })
      .where(and(eq(vouchers.batchId, input.batchId), input.voucherId ? eq(vouchers.id, input.voucherId) : undefined, unused(now)))
      .returning({ id: vouchers.id, faceValue: vouchers.faceValue, codeHint: vouchers.codeHint });
    const faceValue = revoked.reduce((sum, v) => sum + v.faceValue, 0n);
    if (revoked.length > 0) {
      await audit(tx, {
        actorKind: "staff",
        actorUserId: input.actor.userId,
        action: "voucher.revoked",
        targetType: input.voucherId ? "voucher" : "voucher_batch",
        targetId: input.voucherId ?? input.batchId,
        reason,
        data: { batchId: input.batchId, count: revoked.length, faceValue, ...(input.voucherId ? { codeHint: revoked[0]!.codeHint } : {}) },
        ip: input.actor.ip ?? null,
      });
    }
    return { count: revoked.length, faceValue };
  });
}
