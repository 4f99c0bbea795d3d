import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { spendOrderTypesSql } from "@/db/schema";
import type { Tags } from "@/db/schema/columns";
import { col, rows } from "@/db/rows";
import { isUuid } from "./memberships";

export type ChargeMode = "payg_hourly" | "payg_daily";

/**
 * What the usage detail shows: an account's charges recorded on the days `fromDay` to
 * `toDay` (both included, platform calendar; the instants `from`/`to` are their bounds),
 * the day a charge is recorded on being the one its invoice and daily_costs count it in.
 */
export interface UsageFilters {
  accountId: string;
  fromDay: string;
  toDay: string;
  from: Date;
  to: Date;
  productId?: string;
  region?: string;
  billingMode?: ChargeMode;
  resourceId?: string;
  tag?: { key: string; value: string };
  /** A billing batch's key (`billing:<account>:<digest>`): the charges one posting carried. */
  postingKey?: string;
}

/** A position in the list: a charge's created_at as the database's microsecond text, and its id. */
export interface UsageCursor {
  created: string;
  id: string;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~(\d{1,19})$/;

export const encodeCursor = (c: UsageCursor) => `${c.created}~${c.id}`;

/** A cursor from the query string; anything malformed is null (the first page). */
export function decodeCursor(v: string | undefined | null): UsageCursor | null {
  const m = v ? CURSOR.exec(v) : null;
  return m ? { created: m[1]!, id: m[2]! } : null;
}

const SHAPE = {
  id: col.text,
  created: col.text,
  created_at: col.date,
  resource_id: col.text,
  resource_name: col.text,
  product_id: col.text,
  name_en: col.text,
  name_zh: col.text,
  region: col.text,
  data_center: col.text,
  billing_mode: col.text,
  unit_label: col.text,
  metered: col.bool,
  period_start: col.date,
  period_end: col.date,
  quantity: col.bigint,
  unit_price: col.bigint,
  gross: col.bigint,
  discount: col.bigint,
  voucher_paid: col.bigint,
  cash_part: col.bigint,
  posting_key: col.text,
  tags: (v: unknown): Tags => (typeof v === "string" ? (JSON.parse(v) as Tags) : ((v as Tags | null) ?? {})),
};

export interface UsageRow {
  id: string;
  createdAt: Date;
  resourceId: string;
  resourceName: string;
  productId: string;
  nameEn: string;
  nameZh: string;
  region: string;
  dataCenter: string;
  billingMode: ChargeMode;
  unitLabel: string;
  metered: boolean;
  periodStart: Date;
  periodEnd: Date;
  quantity: bigint;
  unitPrice: bigint;
  gross: bigint;
  discount: bigint;
  voucherPaid: bigint;
  /** What the account paid in cash: gross − discount − voucher. */
  net: bigint;
  postingKey: string;
  tags: Tags;
}

export interface UsageTotals {
  charges: number;
  gross: bigint;
  discount: bigint;
  voucherPaid: bigint;
  net: bigint;
}

/** The filters other than the period, on a table aliased `alias` with product_id, resource_id and tags, joined to products `p`. */
function dimensions(f: UsageFilters, alias: string): SQL[] {
  const a = sql.raw(alias);
  const where: SQL[] = [];
  if (f.productId) where.push(sql`${a}.product_id = ${f.productId}`);
  if (f.region) where.push(sql`p.region = ${f.region}`);
  if (f.billingMode) where.push(sql`p.billing_mode = ${f.billingMode}`);
  // A malformed id matches nothing rather than failing the query.
  if (f.resourceId) where.push(isUuid(f.resourceId) ? sql`${a}.resource_id = ${f.resourceId}::uuid` : sql`false`);
  if (f.tag) where.push(sql`${a}.tags @> ${JSON.stringify({ [f.tag.key]: f.tag.value })}::jsonb`);
  return where;
}

function chargeWhere(f: UsageFilters): SQL {
  const where = [
    sql`c.account_id = ${f.accountId}::uuid`,
    sql`c.created_at >= ${f.from.toISOString()}::timestamptz`,
    sql`c.created_at < ${f.to.toISOString()}::timestamptz`,
    ...dimensions(f, "c"),
  ];
  if (f.postingKey) where.push(sql`c.posting_key = ${f.postingKey}`);
  return sql.join(where, sql` and `);
}

/**
 * One page of the account's charges, newest recorded first ((created_at, id) descending),
 * `limit` rows older than `after` or newer than `before`. A keyset over
 * charges_account_created_idx (or charges_resource_created_idx for one resource): a page
 * reads its own rows however deep it lies in a long history. `older` and `newer` are the
 * cursors of the neighbouring pages, null where there is none.
 */
export async function listUsage(
  db: DbOrTx,
  f: UsageFilters & { limit: number; after?: UsageCursor | null; before?: UsageCursor | null },
): Promise<{ rows: UsageRow[]; older: UsageCursor | null; newer: UsageCursor | null }> {
  if (!isUuid(f.accountId)) return { rows: [], older: null, newer: null };
  const limit = Math.min(Math.max(Math.trunc(f.limit), 1), 1000);
  const backwards = !f.after && !!f.before;
  const at = f.after ?? f.before;
  const keyset = at ? sql` and (c.created_at, c.id) ${backwards ? sql`>` : sql`<`} (${at.created}::timestamptz, ${at.id}::bigint)` : sql``;
  const order = backwards ? sql`c.created_at asc, c.id asc` : sql`c.created_at desc, c.id desc`;
  const found = await rows(
    db,
    sql`select c.id::text as id, to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created, c.created_at,
        c.resource_id::text as resource_id, r.name as resource_name, c.product_id, p.name_en, p.name_zh, p.region, p.data_center,
        p.billing_mode::text as billing_mode, p.unit_label, p.metered, c.period_start, c.period_end, c.quantity::text as quantity,
        c.unit_price::text as unit_price, c.gross::text as gross, c.discount::text as discount, c.voucher_paid::text as voucher_paid,
        c.cash_part::text as cash_part, c.posting_key, c.tags
      from charges c
        join products p on p.id = c.product_id
        join resources r on r.id = c.resource_id
      where ${chargeWhere(f)}${keyset}
      order by ${order}
      limit ${limit + 1}`,
    SHAPE,
  );
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (backwards) page.reverse();
  const pos = (r: (typeof page)[number] | undefined): UsageCursor | null => (r ? { created: r.created, id: r.id } : null);
  const older = backwards ? (at ? pos(page.at(-1)) : null) : more ? pos(page.at(-1)) : null;
  const newer = backwards ? (more ? pos(page[0]) : null) : at ? pos(page[0]) : null;
  return {
    rows: page.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      resourceId: r.resource_id,
      resourceName: r.resource_name,
      productId: r.product_id,
      nameEn: r.name_en,
      nameZh: r.name_zh,
      region: r.region,
      dataCenter: r.data_center,
      billingMode: r.billing_mode as ChargeMode,
      unitLabel: r.unit_label,
      metered: r.metered,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      quantity: r.quantity,
      unitPrice: r.unit_price,
      gross: r.gross,
      discount: r.discount,
      voucherPaid: r.voucher_paid,
      net: r.cash_part,
      postingKey: r.posting_key,
      tags: r.tags,
    })),
    older,
    newer,
  };
}

const TOTALS = { charges: col.int, gross: col.bigint, discount: col.bigint, voucher_paid: col.bigint, net: col.bigint };

/**
 * The filtered set's totals. The period is whole days, so without a posting filter they
 * come from daily_costs (a row per resource, day and tag set, however many increments),
 * less the subscription orders summed into the same rows; a posting's charges are few and
 * are summed themselves. Either way they equal the sum of the rows `listUsage` pages through.
 */
export async function usageTotals(db: DbOrTx, f: UsageFilters): Promise<UsageTotals> {
  const none = { charges: 0, gross: 0n, discount: 0n, voucherPaid: 0n, net: 0n };
  if (!isUuid(f.accountId)) return none;
  const query = f.postingKey
    ? sql`select count(*)::int as charges, sum(c.gross)::text as gross, sum(c.discount)::text as discount, sum(c.voucher_paid)::text as voucher_paid, sum(c.cash_part)::text as net
        from charges c join products p on p.id = c.product_id where ${chargeWhere(f)}`
    : sql`select coalesce(sum(items), 0)::int as charges, sum(gross)::text as gross, sum(discount)::text as discount, sum(voucher_paid)::text as voucher_paid, sum(net)::text as net
        from (
          select d.items, d.gross, d.discount, d.voucher_paid, d.cash_paid as net
            from daily_costs d join products p on p.id = d.product_id
            where ${sql.join([sql`d.account_id = ${f.accountId}::uuid`, sql`d.day >= ${f.fromDay}::date`, sql`d.day <= ${f.toDay}::date`, ...dimensions(f, "d")], sql` and `)}
          union all
          select -1, -o.gross, -o.discount, 0, -o.net
            from orders o join products p on p.id = o.product_id
            where ${sql.join(
              [
                sql`o.account_id = ${f.accountId}::uuid`,
                sql`o.type in (${spendOrderTypesSql})`,
                sql`o.created_at >= ${f.from.toISOString()}::timestamptz`,
                sql`o.created_at < ${f.to.toISOString()}::timestamptz`,
                ...dimensions(f, "o"),
              ],
              sql` and `,
            )}
        ) s`;
  const [row] = await rows(db, query, TOTALS);
  return row ? { charges: row.charges, gross: row.gross, discount: row.discount, voucherPaid: row.voucher_paid, net: row.net } : none;
}
