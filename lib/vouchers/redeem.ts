import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { vouchers } from "@/db/schema";
import { audit } from "@/lib/audit";
import { addressKey } from "@/lib/auth/client-ip";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { post } from "@/lib/ledger";
import { forgive, hit } from "@/lib/rate-limit";
import { codeHint, hashCode, isPlausibleCode, normalizeCode } from "./codes";

/**
 * Attempts per window. A customer with a stack of real codes redeems them without
 * trouble (a success is forgiven); someone trying codes at random gets ten an hour per
 * account and twenty an hour per client address, against 32^16 possible codes. Clients
 * whose address is unknown (lib/auth/client-ip.ts) share one address bucket: a made-up
 * X-Forwarded-For never opens a fresh one.
 */
export const REDEEM_LIMITS = {
  perAccount: { limit: 10, windowSeconds: 60 * 60 },
  perIp: { limit: 20, windowSeconds: 60 * 60 },
} as const;

export type RedeemRefusal = "invalid" | "used" | "already_yours" | "expired" | "revoked" | "rate_limited";

export type RedeemOutcome =
  | { status: "redeemed"; voucherId: string; faceValue: bigint; productIds: string[]; validFrom: Date; validUntil: Date }
  | { status: "refused"; reason: RedeemRefusal; retryAfterSeconds?: number };

export interface RedeemInput {
  accountId: string;
  code: string;
  userId: string | null;
  ip: string | null;
  now?: Date;
}

/**
 * Redeems a code into an account. One UPDATE checks and consumes it (unredeemed, active,
 * not past its validity) and binds it to the account, so of any number of concurrent
 * attempts on one code exactly one gets the row; in the same transaction the face value
 * moves from voucher issuance to the voucher's own ledger account (key
 * `voucher-redeem:<voucherId>`). Every attempt counts against the account and the client
 * address first; a refusal is audited with its reason.
 */
export async function redeemVoucher(db: Db, input: RedeemInput): Promise<RedeemOutcome> {
  const now = input.now ?? clockNow();
  const accountKey = `voucher-redeem:account:${input.accountId}`;
  const ipKey = `voucher-redeem:ip:${addressKey(input.ip)}`;
  const byAccount = await hit(db, accountKey, { ...REDEEM_LIMITS.perAccount, now });
  const byIp = await hit(db, ipKey, { ...REDEEM_LIMITS.perIp, now });
  const code = normalizeCode(input.code);
  const refuse = async (reason: RedeemRefusal, voucherId?: string, retryAfterSeconds?: number): Promise<RedeemOutcome> => {
    await audit(db, {
      actorKind: "user",
      actorUserId: input.userId,
      accountId: input.accountId,
      action: "voucher.redeem_failed",
      targetType: voucherId ? "voucher" : undefined,
      targetId: voucherId,
      data: { reason, codeHint: code.slice(-4) },
      ip: input.ip,
    });
    return { status: "refused", reason, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  };

  if (!byAccount.allowed || !byIp.allowed) {
    const wait = Math.max(byAccount.allowed ? 0 : byAccount.retryAfterSeconds, byIp.allowed ? 0 : byIp.retryAfterSeconds);
    return refuse("rate_limited", undefined, wait);
  }
  if (!isPlausibleCode(code)) return refuse("invalid");

  const codeHash = hashCode(code);
  const redeemed = await withTx(db, async (tx) => {
    const [v] = await tx
      .update(vouchers)
      .set({ accountId: input.accountId, redeemedAt: now, redeemedByUserId: input.userId })
      .where(and(eq(vouchers.codeHash, codeHash), isNull(vouchers.accountId), eq(vouchers.status, "active"), gt(vouchers.validUntil, now)))
      .returning();
    if (!v) return null;
    await post(tx, {
      idempotencyKey: `voucher-redeem:${v.id}`,
      accountId: input.accountId,
      type: "voucher_issue",
      description: "Voucher redeemed",
      entries: [
        { account: { kind: "voucher", ref: v.id }, amount: v.faceValue },
        { account: { kind: "voucher_issuance" }, amount: -v.faceValue },
      ],
      actor: { kind: "user", userId: input.userId, ip: input.ip },
      audit: { action: "voucher.redeemed", data: { voucherId: v.id, batchId: v.batchId, faceValue: v.faceValue, codeHint: codeHint(code) } },
    });
    return v;
  });

  if (!redeemed) {
    // Why it failed, read after the fact: what the caller sees, never a second chance.
    const [v] = await db
      .select({ id: vouchers.id, accountId: vouchers.accountId, status: vouchers.status, validUntil: vouchers.validUntil })
      .from(vouchers)
      .where(eq(vouchers.codeHash, codeHash));
    if (!v) return refuse("invalid");
    if (v.accountId === input.accountId) return refuse("already_yours", v.id);
    if (v.accountId) return refuse("used", v.id);
    if (v.status === "revoked") return refuse("revoked", v.id);
    if (v.status === "expired" || v.validUntil <= now) return refuse("expired", v.id);
    return refuse("used", v.id);
  }

  // A code that worked was not a guess.
  await forgive(db, accountKey, { ...REDEEM_LIMITS.perAccount, now });
  await forgive(db, ipKey, { ...REDEEM_LIMITS.perIp, now });
  return {
    status: "redeemed",
    voucherId: redeemed.id,
    faceValue: redeemed.faceValue,
    productIds: redeemed.productIds,
    validFrom: redeemed.validFrom,
    validUntil: redeemed.validUntil,
  };
}
