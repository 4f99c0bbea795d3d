import { z } from "zod";
import { DaySchema, flattenSearchParams } from "@/lib/http/query";
import { platformTimeZone, toWall } from "./time";

/**
 * The cost explorer's view as its URL says it, so a view can be bookmarked and shared:
 * `?by=day&range=last-month&group=tag:team&product=bms.c6.metal&region=us-west-1&tag=team:ml&amount=gross`.
 * Days are the platform's calendar days (PLATFORM_TIME_ZONE), the ones invoices count.
 */
export const COST_PRESETS = ["this-month", "last-month", "3m", "6m", "12m", "custom"] as const;
export type CostPreset = (typeof COST_PRESETS)[number];
export const COST_DIMENSIONS = ["product", "region", "mode", "resource"] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];
export const BILLING_MODES = ["payg_hourly", "payg_daily", "subscription"] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

export type CostGroup = { kind: CostDimension } | { kind: "tag"; key: string };

export interface CostFilters {
  product?: string;
  region?: string;
  mode?: BillingMode;
  resource?: string;
  tag?: { key: string; value: string };
}

export interface CostView {
  granularity: "day" | "month";
  preset: CostPreset;
  /** First and last day shown, both included ("YYYY-MM-DD"). */
  from: string;
  to: string;
  group: CostGroup;
  filters: CostFilters;
  amount: "net" | "gross";
}

/** The longest range a view covers: 5 years of months, or 400 days of days (a bar each). */
export const MAX_MONTHS = 60;
export const MAX_DAYS = 400;

const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const Text = z.string().min(1).max(200);

const QuerySchema = z.object({
  by: z.enum(["day", "month"]).optional().catch(undefined),
  range: z.enum(COST_PRESETS).optional().catch(undefined),
  from: DaySchema.optional().catch(undefined),
  to: DaySchema.optional().catch(undefined),
  group: Text.optional().catch(undefined),
  product: Text.optional().catch(undefined),
  region: Text.optional().catch(undefined),
  mode: z.enum(BILLING_MODES).optional().catch(undefined),
  resource: Uuid.optional().catch(undefined),
  tag: Text.optional().catch(undefined),
  amount: z.enum(["net", "gross"]).optional().catch(undefined),
});

const pad = (n: number) => String(n).padStart(2, "0");
const dayOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The first day of the month `months` after y-m (negative: before). */
function monthStart(y: number, m: number, months: number): { y: number; m: number } {
  const i = y * 12 + (m - 1) + months;
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
}

function lastDay(y: number, m: number): string {
  return dayOf(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

/** The days a preset covers at `now`: the months up to and including this one, this month up to today. */
export function presetRange(preset: Exclude<CostPreset, "custom">, now: Date, tz = platformTimeZone()): { from: string; to: string } {
  const w = toWall(now, tz);
  const today = dayOf(w.year, w.month, w.day);
  if (preset === "last-month") {
    const s = monthStart(w.year, w.month, -1);
    return { from: dayOf(s.y, s.m, 1), to: lastDay(s.y, s.m) };
  }
  const back = preset === "this-month" ? 0 : Number(preset.slice(0, -1)) - 1;
  const s = monthStart(w.year, w.month, -back);
  return { from: dayOf(s.y, s.m, 1), to: today };
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** "YYYY-MM" of every month from `from`'s to `to`'s, or every day, oldest first: the bars of the chart. */
export function periodsOf(view: Pick<CostView, "granularity" | "from" | "to">): string[] {
  const out: string[] = [];
  if (view.granularity === "month") {
    const [y, m] = view.from.split("-").map(Number) as [number, number];
    const end = view.to.slice(0, 7);
    for (let i = 0; ; i++) {
      const s = monthStart(y, m, i);
      const key = `${s.y}-${pad(s.m)}`;
      if (key > end) return out;
      out.push(key);
    }
  }
  for (let t = Date.parse(`${view.from}T00:00:00Z`); t <= Date.parse(`${view.to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Splits `key:value` at the first colon, as tag lines are typed. */
export function parseTagPair(s: string): { key: string; value: string } | undefined {
  const at = s.indexOf(":");
  if (at <= 0) return undefined;
  return { key: s.slice(0, at), value: s.slice(at + 1) };
}

/**
 * The view a query string asks for. Anything unknown falls back to the default (the last
 * 6 months, monthly, by product, net); a custom range that is reversed or too long is
 * reported (`badRange`) and the default range shown instead, rather than nothing.
 */
export function parseCostView(sp: Record<string, string | string[] | undefined>, now: Date): { view: CostView; badRange: boolean } {
  const q = QuerySchema.parse(flattenSearchParams(sp));
  const granularity = q.by ?? (q.range === "this-month" || q.range === "last-month" ? "day" : "month");
  let preset: CostPreset = q.range ?? "6m";
  let badRange = false;
  let from: string;
  let to: string;
  if (preset === "custom") {
    from = q.from ?? "";
    to = q.to ?? "";
    const ok = !!q.from && !!q.to && from <= to && (granularity === "day" ? daysBetween(from, to) <= MAX_DAYS : periodsOf({ granularity, from, to }).length <= MAX_MONTHS);
    if (!ok) {
      badRange = true;
      preset = "6m";
      ({ from, to } = presetRange(preset, now));
    }
  } else ({ from, to } = presetRange(preset, now));
  if (granularity === "day" && daysBetween(from, to) > MAX_DAYS) badRange = true;
  const group: CostGroup =
    q.group?.startsWith("tag:") && q.group.length > 4 ? { kind: "tag", key: q.group.slice(4) } : { kind: (COST_DIMENSIONS as readonly string[]).includes(q.group ?? "") ? (q.group as CostDimension) : "product" };
  const filters: CostFilters = {};
  if (q.product) filters.product = q.product;
  if (q.region) filters.region = q.region;
  if (q.mode) filters.mode = q.mode;
  if (q.resource) filters.resource = q.resource.toLowerCase();
  const tag = q.tag ? parseTagPair(q.tag) : undefined;
  if (tag) filters.tag = tag;
  return { view: { granularity, preset, from, to, group, filters, amount: q.amount ?? "net" }, badRange };
}

/** The query string of a view (defaults left out), with `change` applied: what every link and the CSV use. */
export function costViewQuery(view: CostView, change: Partial<Omit<CostView, "filters">> & { filters?: CostFilters } = {}): string {
  const v = { ...view, ...change, filters: change.filters ?? view.filters };
  const p = new URLSearchParams();
  p.set("range", v.preset);
  if (v.preset === "custom") {
    p.set("from", v.from);
    p.set("to", v.to);
  }
  p.set("by", v.granularity);
  p.set("group", v.group.kind === "tag" ? `tag:${v.group.key}` : v.group.kind);
  if (v.filters.product) p.set("product", v.filters.product);
  if (v.filters.region) p.set("region", v.filters.region);
  if (v.filters.mode) p.set("mode", v.filters.mode);
  if (v.filters.resource) p.set("resource", v.filters.resource);
  if (v.filters.tag) p.set("tag", `${v.filters.tag.key}:${v.filters.tag.value}`);
  p.set("amount", v.amount);
  return p.toString();
}

/**
 * Whether the view covers the month in progress, and the forecast's scope for its filters:
 * the whole account, one product or one tag value (what monthForecast sums); null when the
 * filters narrow it otherwise (a region, a mode, a resource, or a product and a tag).
 */
export function forecastScope(view: CostView, now: Date, tz = platformTimeZone()): { inRange: boolean; scope: { productId?: string; tag?: { key: string; value: string } } | null } {
  const { from: monthFrom, to: today } = presetRange("this-month", now, tz);
  const inRange = view.from <= today && view.to >= monthFrom;
  const f = view.filters;
  const set = Object.keys(f).filter((k) => f[k as keyof CostFilters] !== undefined);
  if (set.length === 0) return { inRange, scope: {} };
  if (set.length === 1 && f.product) return { inRange, scope: { productId: f.product } };
  if (set.length === 1 && f.tag) return { inRange, scope: { tag: f.tag } };
  return { inRange, scope: null };
}
