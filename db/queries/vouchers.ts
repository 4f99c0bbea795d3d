import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pgArray } from "@/db/sql-arrays";
import { col, type RowOf, rows } from "@/db/rows";

export type VoucherTab = "available" | "used" | "expired";
export const VOUCHER_TABS: readonly VoucherTab[] = ["available", "used", "expired"];

/** Vouchers expiring within this many days are called out on the Vouchers page. */
export const EXPIRING_SOON_DAYS = 7;

export interface AccountVoucher {
  id: string;
  codeHint: string | null;
  faceValue: bigint;
  /** What is left on the voucher's ledger account. */
  remaining: bigint;
  /** Paid for usage so far. */
  spent: bigint;
  /** Usage postings it paid (each one a billing batch of charges). */
  uses: number;
  productIds: string[];
  validFrom: Date;
  validUntil: Date;
  redeemedAt: Date | null;
  tab: VoucherTab;
  notYetValid: boolean;
  expiringSoon: boolean;
}

/**
 * The account's vouchers with their ledger figures, earliest expiry first (the order they
 * pay in). A voucher is used up once usage took its whole face value, expired once its
 * validity ended (whether or not the expiry job has moved its remainder yet), else available.
 */
export async function listAccountVouchers(db: DbOrTx, { accountId, now }: { accountId: string; now: Date }): Promise<AccountVoucher[]> {
  const codes = await rows(
    db,
    sql`select v.id, v.code_hint, v.face_value, v.product_ids, v.valid_from, v.valid_until, v.status, v.redeemed_at,
          coalesce(la.balance, 0) as balance, coalesce(u.spent, 0) as spent, coalesce(u.uses, 0) as uses
        from vouchers v
        left join ledger_accounts la on la.kind = 'voucher' and la.account_id = v.account_id and la.ref = v.id::text
        left join lateral (
          -- The type looked up per entry (a primary-key probe): joined, the planner scanned
          -- every transaction once per voucher (2 s for 20 vouchers in a million-entry ledger).
          select -sum(e.amount) as spent, count(*)::int as uses
          from ledger_entries e
          where e.ledger_account_id = la.id and (select t.type from ledger_transactions t where t.id = e.transaction_id) = 'voucher_usage'
        ) u on true
        where v.account_id = ${accountId}::uuid
        order by v.valid_until, v.id`,
    {
      id: col.text, code_hint: col.textOrNull, face_value: col.bigint, product_ids: col.textArray, valid_from: col.date, valid_until: col.date,
      status: col.text, redeemed_at: col.dateOrNull, balance: col.bigint, spent: col.bigint, uses: col.int,
    },
  );
  const soon = now.getTime() + EXPIRING_SOON_DAYS * 86_400_000;
  return codes.map((r) => {
    const { face_value: faceValue, spent, valid_until: validUntil, valid_from: validFrom } = r;
    const lapsed = r.status === "expired" || validUntil <= now;
    const tab: VoucherTab = spent >= faceValue || r.status === "used_up" ? "used" : lapsed ? "expired" : "available";
    return {
      id: r.id,
      codeHint: r.code_hint || null,
      faceValue,
      remaining: tab === "expired" ? 0n : r.balance,
      spent,
      uses: r.uses,
      productIds: r.product_ids,
      validFrom,
      validUntil,
      redeemedAt: r.redeemed_at,
      tab,
      notYetValid: validFrom > now,
      expiringSoon: tab === "available" && validUntil.getTime() <= soon,
    };
  });
}

/**
 * The overview's voucher figures: how many vouchers are available, what is left on them,
 * and how many of them expire within EXPIRING_SOON_DAYS. The same rule as the "available"
 * tab of listAccountVouchers (not used up, not lapsed; before its end nothing but usage
 * takes from a voucher, so "not used up" is a balance above zero), but it reads only the
 * account's active, unexpired vouchers (vouchers_account_idx) and their ledger balances,
 * never their usage entries: the cost stays the same after years of used-up vouchers.
 */
export async function availableVoucherSummary(db: DbOrTx, { accountId, now }: { accountId: string; now: Date }): Promise<{ count: number; remaining: bigint; expiringSoon: number }> {
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * 86_400_000);
  const [row] = await rows(
    db,
    sql`select count(*)::int as n, coalesce(sum(la.balance), 0)::text as remaining,
          (count(*) filter (where v.valid_until <= ${soon.toISOString()}::timestamptz))::int as soon
        from vouchers v
        join ledger_accounts la on la.kind = 'voucher' and la.account_id = v.account_id and la.ref = v.id::text
        where v.account_id = ${accountId}::uuid and v.status = 'active' and v.valid_until > ${now.toISOString()}::timestamptz and la.balance > 0`,
    { n: col.int, remaining: col.bigint, soon: col.int },
  );
  return { count: row?.n ?? 0, remaining: row?.remaining ?? 0n, expiringSoon: row?.soon ?? 0 };
}

export interface VoucherSpend {
  transactionId: string;
  at: Date;
  /** What this voucher paid in that billing batch. */
  amount: bigint;
  charges: {
    id: string;
    resourceId: string;
    resourceName: string;
    productId: string;
    periodStart: Date;
    periodEnd: Date;
    gross: bigint;
    discount: bigint;
    voucherPaid: bigint;
  }[];
}

/**
 * Where a voucher was spent: each usage posting that drew on it, with the charges of that
 * billing batch it could pay for (its products, inside its validity) that vouchers paid.
 * Null when the voucher is not this account's.
 */
export async function voucherSpending(db: DbOrTx, { accountId, voucherId }: { accountId: string; voucherId: string }): Promise<VoucherSpend[] | null> {
  const [v] = await rows(db, sql`select id from vouchers where id = ${voucherId}::uuid and account_id = ${accountId}::uuid`, { id: col.text });
  if (!v) return null;
  const posts = await rows(
    db,
    sql`select t.id, t.created_at, -e.amount as amount, t.idempotency_key
        from ledger_accounts la
        join ledger_entries e on e.ledger_account_id = la.id
        join ledger_transactions t on t.id = e.transaction_id
        where la.kind = 'voucher' and la.account_id = ${accountId}::uuid and la.ref = ${voucherId}
          and t.type = 'voucher_usage'
        order by t.seq`,
    { id: col.text, created_at: col.date, amount: col.bigint, idempotency_key: col.text },
  );
  if (posts.length === 0) return [];
  const suffix = `:voucher:${voucherId}`;
  const keyOf = (k: string) => (k.endsWith(suffix) ? k.slice(0, -suffix.length) : k);
  const keys = posts.map((p) => keyOf(p.idempotency_key));
  const charges = await rows(
    db,
    sql`select c.id, c.resource_id, r.name as resource_name, c.product_id, c.period_start, c.period_end, c.gross, c.discount, c.voucher_paid, c.posting_key
        from charges c join resources r on r.id = c.resource_id
        join vouchers v on v.id = ${voucherId}::uuid
        where c.account_id = ${accountId}::uuid
          and c.posting_key = any(${pgArray(keys, "text")})
          and c.voucher_paid > 0
          and (cardinality(v.product_ids) = 0 or c.product_id = any(v.product_ids))
          and c.period_start >= v.valid_from and c.period_end <= v.valid_until
        order by c.period_start, c.id`,
    {
      id: col.text, resource_id: col.text, resource_name: col.text, product_id: col.text, period_start: col.date, period_end: col.date,
      gross: col.bigint, discount: col.bigint, voucher_paid: col.bigint, posting_key: col.text,
    },
  );
  return posts.map((p) => {
    const key = keyOf(p.idempotency_key);
    return {
      transactionId: p.id,
      at: p.created_at,
      amount: p.amount,
      charges: charges
        .filter((c) => c.posting_key === key)
        .map((c) => ({
          id: c.id,
          resourceId: c.resource_id,
          resourceName: c.resource_name,
          productId: c.product_id,
          periodStart: c.period_start,
          periodEnd: c.period_end,
          gross: c.gross,
          discount: c.discount,
          voucherPaid: c.voucher_paid,
        })),
    };
  });
}

export interface BatchSummary {
  id: string;
  note: string;
  count: number;
  faceValue: bigint;
  productIds: string[];
  validFrom: Date;
  validUntil: Date;
  createdAt: Date;
  createdBy: string | null;
  downloadable: boolean;
  downloadedAt: Date | null;
  redeemed: number;
  revoked: number;
  unused: number;
  /** Never redeemed and past their validity. */
  lapsed: number;
}

const BATCH_COLUMNS = {
  id: col.text, note: col.text, count: col.int, face_value: col.bigint, product_ids: col.textArray, valid_from: col.date, valid_until: col.date, created_at: col.date,
  created_by: col.textOrNull, downloadable: col.bool, downloaded_at: col.dateOrNull, redeemed: col.int, revoked: col.int, unused: col.int, lapsed: col.int,
};

function toBatch(r: RowOf<typeof BATCH_COLUMNS>): BatchSummary {
  return {
    id: r.id,
    note: r.note,
    count: r.count,
    faceValue: r.face_value,
    productIds: r.product_ids,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    createdAt: r.created_at,
    createdBy: r.created_by || null,
    downloadable: r.downloadable,
    downloadedAt: r.downloaded_at,
    redeemed: r.redeemed,
    revoked: r.revoked,
    unused: r.unused,
    lapsed: r.lapsed,
  };
}

const batchSelect = (now: Date, where: ReturnType<typeof sql>) => sql`
  select b.id, b.note, b.count, b.face_value, b.product_ids, b.valid_from, b.valid_until, b.created_at,
    u.name as created_by, b.codes_sealed is not null as downloadable, b.downloaded_at,
    count(v.id) filter (where v.account_id is not null)::int as redeemed,
    count(v.id) filter (where v.status = 'revoked')::int as revoked,
    count(v.id) filter (where v.account_id is null and v.status = 'active' and v.valid_until > ${now.toISOString()}::timestamptz)::int as unused,
    count(v.id) filter (where v.account_id is null and v.status = 'active' and v.valid_until <= ${now.toISOString()}::timestamptz)::int as lapsed
  from voucher_batches b
  left join users u on u.id = b.created_by_user_id
  left join vouchers v on v.batch_id = b.id
  ${where}
  group by b.id, u.name
  order by b.created_at desc, b.id`;

/** Every batch, newest first, with how many of its codes were redeemed, revoked or are still open. */
export async function listVoucherBatches(db: DbOrTx, { now }: { now: Date }): Promise<BatchSummary[]> {
  return (await rows(db, batchSelect(now, sql``), BATCH_COLUMNS)).map(toBatch);
}

export interface BatchVoucher {
  id: string;
  codeHint: string | null;
  state: "unused" | "redeemed" | "revoked" | "lapsed";
  accountId: string | null;
  accountName: string | null;
  redeemedAt: Date | null;
  revokedAt: Date | null;
  remaining: bigint | null;
}

/** One batch and its codes (by their last four characters), with who redeemed each. */
export async function getVoucherBatch(db: DbOrTx, { batchId, now }: { batchId: string; now: Date }): Promise<{ batch: BatchSummary; vouchers: BatchVoucher[] } | null> {
  const [b] = await rows(db, batchSelect(now, sql`where b.id = ${batchId}::uuid`), BATCH_COLUMNS);
  if (!b) return null;
  const codes = await rows(
    db,
    sql`select v.id, v.code_hint, v.status, v.account_id, a.name as account_name, v.redeemed_at, v.revoked_at, v.valid_until, la.balance
        from vouchers v
        left join accounts a on a.id = v.account_id
        left join ledger_accounts la on la.kind = 'voucher' and la.account_id = v.account_id and la.ref = v.id::text
        where v.batch_id = ${batchId}::uuid
        order by v.redeemed_at desc nulls last, v.code_hint, v.id`,
    {
      id: col.text, code_hint: col.textOrNull, status: col.text, account_id: col.textOrNull, account_name: col.textOrNull,
      redeemed_at: col.dateOrNull, revoked_at: col.dateOrNull, valid_until: col.date, balance: col.bigintOrNull,
    },
  );
  return {
    batch: toBatch(b),
    vouchers: codes.map((r) => ({
      id: r.id,
      codeHint: r.code_hint || null,
      state: r.account_id ? "redeemed" : r.status === "revoked" ? "revoked" : r.valid_until <= now ? "lapsed" : "unused",
      accountId: r.account_id || null,
      accountName: r.account_name || null,
      redeemedAt: r.redeemed_at,
      revokedAt: r.revoked_at,
      remaining: r.balance,
    })),
  };
}

/** Every product's name in both languages (inactive ones too: an old voucher may name them). */
export async function productNames(db: DbOrTx): Promise<Map<string, { en: string; zh: string }>> {
  const names = await rows(db, sql`select id, name_en, name_zh from products order by sort_order, id`, { id: col.text, name_en: col.text, name_zh: col.text });
  return new Map(names.map((r) => [r.id, { en: r.name_en, zh: r.name_zh }]));
}
