import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { col, rows } from "@/db/rows";
import type { BillingMode, CostView } from "./cost-view";

/** Groups shown by name; the rest are summed into one "Other" group, so 2,000 resources stay readable. */
export const COST_TOP_GROUPS = 10;
/** The most tag key=value pairs offered in the filter. */
const MAX_TAG_PAIRS = 500;

export interface CostAmounts {
  gross: bigint;
  net: bigint;
}

/** One group of the view: a product, region, billing mode, resource or tag value, or "Other". */
export interface CostGroupRow {
  /** Product id, region, mode, resource id or tag value; null: untagged (tag), no resource (an order without one), or Other. */
  key: string | null;
  other: boolean;
  /** A resource's name (group by resource); products, regions and modes are named by the page. */
  name: string | null;
  total: CostAmounts;
  /** Per period ("YYYY-MM" or "YYYY-MM-DD"), only periods with spend. */
  periods: Map<string, CostAmounts>;
}

export interface CostProductOption {
  id: string;
  nameEn: string;
  nameZh: string;
  region: string;
  dataCenter: string;
  billingMode: BillingMode;
}

export interface CostExplorerData {
  /** Largest first (by the view's amount), Other last. */
  groups: CostGroupRow[];
  total: CostAmounts;
  /** The products, and tag key=value pairs, that have spend in the range (filters aside): what the controls offer. */
  products: CostProductOption[];
  tagPairs: { key: string; value: string }[];
}

/** The view's filters as conditions on the range's rows `r`. */
function filterCondition(view: CostView): SQL {
  const f = view.filters;
  const parts: SQL[] = [sql`true`];
  if (f.product) parts.push(sql`r.product_id = ${f.product}`);
  if (f.region) parts.push(sql`r.region = ${f.region}`);
  if (f.mode) parts.push(sql`r.billing_mode::text = ${f.mode}`);
  if (f.resource) parts.push(sql`r.resource_id = ${f.resource}::uuid`);
  if (f.tag) parts.push(sql`r.tags @> jsonb_build_object(${f.tag.key}::text, ${f.tag.value}::text)`);
  return sql.join(parts, sql` and `);
}

function groupKey(view: CostView): SQL {
  switch (view.group.kind) {
    case "product":
      return sql`r.product_id`;
    case "region":
      return sql`r.region`;
    case "mode":
      return sql`r.billing_mode::text`;
    case "resource":
      return sql`r.resource_id::text`;
    case "tag":
      return sql`r.tags ->> ${view.group.key}::text`;
  }
}

/**
 * The cost explorer's figures for one account and view, in one statement: the range's
 * daily_costs rows (a row per resource, product, tag set and day, however long the
 * history before the range), filtered, summed per period and group in SQL, the groups past
 * the top `top` summed as Other; beside them the products and tag pairs of the range for
 * the controls. A day is the platform calendar day a charge or order was recorded on, as
 * invoices count it, so a closed month's total is its invoice's. Net = gross − discount.
 */
export async function costExplorer(db: DbOrTx, opts: { accountId: string; view: CostView; top?: number }): Promise<CostExplorerData> {
  const { view } = opts;
  const top = opts.top ?? COST_TOP_GROUPS;
  const period = view.granularity === "month" ? sql`to_char(r.day, 'YYYY-MM')` : sql`to_char(r.day, 'YYYY-MM-DD')`;
  const amount = view.amount === "gross" ? sql`sum(f.gross)` : sql`sum(f.net)`;
  const resourceName = view.group.kind === "resource" ? sql`(select name from resources where id::text = k.g and account_id = ${opts.accountId}::uuid)` : sql`null::text`;
  const result = await rows(
    db,
    sql`with r as materialized (
        select d.day, d.product_id, d.resource_id, d.tags, d.gross, d.discount, p.region, p.billing_mode
        from daily_costs d join products p on p.id = d.product_id
        where d.account_id = ${opts.accountId}::uuid and d.day >= ${view.from}::date and d.day <= ${view.to}::date
      ), f as (
        select ${period} as period, ${groupKey(view)} as g, sum(r.gross) as gross, sum(r.gross - r.discount) as net
        from r where ${filterCondition(view)} group by 1, 2
      ), k as (
        select f.g, row_number() over (order by ${amount} desc, f.g nulls last) as n, count(*) over () as groups
        from f group by f.g
      ), shown as (
        select k.g, k.n <= ${top} or k.groups <= ${top + 1} as named, ${resourceName} as name from k
      )
      select 'cell' as kind, f.period, case when s.named then f.g end as g, not s.named as other, max(s.name) as name,
          sum(f.gross)::text as gross, sum(f.net)::text as net, null as x1, null as x2, null as x3
        from f join shown s on s.g is not distinct from f.g
        group by f.period, case when s.named then f.g end, not s.named
      union all
      select 'product', p.region, p.id, false, p.name_en, null, null, p.name_zh, p.data_center, p.billing_mode::text
        from products p where p.id in (select distinct product_id from r)
      union all
      (select 'tag', null, t.key, false, t.value, null, null, null, null, null
        from (select distinct e.key, e.value from r, jsonb_each_text(r.tags) e) t order by t.key, t.value limit ${MAX_TAG_PAIRS})`,
    {
      kind: col.text, period: col.textOrNull, g: col.textOrNull, other: col.bool, name: col.textOrNull, gross: col.bigint, net: col.bigint,
      x1: col.textOrNull, x2: col.textOrNull, x3: col.textOrNull,
    },
  );

  const byKey = new Map<string, CostGroupRow>();
  const products: CostProductOption[] = [];
  const tagPairs: { key: string; value: string }[] = [];
  const total = { gross: 0n, net: 0n };
  for (const r of result) {
    if (r.kind === "product") {
      products.push({ id: r.g!, nameEn: r.name ?? "", nameZh: r.x1 ?? "", region: r.period ?? "", dataCenter: r.x2 ?? "", billingMode: r.x3 as BillingMode });
      continue;
    }
    if (r.kind === "tag") {
      tagPairs.push({ key: r.g!, value: r.name ?? "" });
      continue;
    }
    const id = r.other ? "other" : `g:${r.g ?? ""}:${r.g === null ? 0 : 1}`;
    let g = byKey.get(id);
    if (!g) byKey.set(id, (g = { key: r.other ? null : r.g, other: r.other, name: r.name, total: { gross: 0n, net: 0n }, periods: new Map() }));
    const cell = { gross: r.gross, net: r.net };
    g.periods.set(r.period!, cell);
    g.total.gross += cell.gross;
    g.total.net += cell.net;
    total.gross += cell.gross;
    total.net += cell.net;
  }
  const pick = (a: CostAmounts) => (view.amount === "gross" ? a.gross : a.net);
  const groups = [...byKey.values()].sort((a, b) => Number(a.other) - Number(b.other) || (pick(b.total) > pick(a.total) ? 1 : pick(b.total) < pick(a.total) ? -1 : (a.key ?? "\uffff").localeCompare(b.key ?? "\uffff")));
  products.sort((a, b) => a.nameEn.localeCompare(b.nameEn));
  return { groups, total, products, tagPairs };
}
