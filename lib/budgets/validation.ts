import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type Micros, MICROS_PER_CENT, parseMoney } from "@/lib/money";
import { MAX_TAG_KEY, MAX_TAG_VALUE } from "@/lib/billing/tags";
import { MAX_BUDGET_THRESHOLDS, MAX_PERCENT, MIN_PERCENT, type Threshold, type ThresholdKind } from "./rule";

/** A budget's amount: at least a cent, at most $1 billion a month, in whole cents. */
export const MAX_BUDGET: Micros = 1_000_000_000n * 1_000_000n;
export const MAX_BUDGET_NAME = 80;

export type BudgetScope = { kind: "all" } | { kind: "product"; productId: string } | { kind: "tag"; key: string; value: string };

export interface BudgetValues {
  name: string;
  amount: Micros;
  scope: BudgetScope;
  thresholds: Threshold[];
}

/** Threshold rows are named threshold_<i>_percent and threshold_<i>_kind, i from 0 to 4. */
export const percentField = (i: number) => `threshold_${i}_percent`;
export const kindField = (i: number) => `threshold_${i}_kind`;

const text = (max: number) => z.string().max(max * 4).optional();
const rows = Object.fromEntries(
  Array.from({ length: MAX_BUDGET_THRESHOLDS }, (_, i) => [
    [percentField(i), text(10)],
    [kindField(i), text(10)],
  ]).flat(),
) as Record<string, ReturnType<typeof text>>;

/** What the budget form sends; `parseBudget` turns it into a budget or one error naming every bad field. */
export const BudgetFormSchema = z.object({
  name: text(MAX_BUDGET_NAME),
  amount: text(20),
  scope: text(10),
  productId: text(64),
  tagKey: text(MAX_TAG_KEY),
  tagValue: text(MAX_TAG_VALUE),
  ...rows,
});
export type BudgetFormInput = z.infer<typeof BudgetFormSchema>;

// C0 and C1 control characters, DEL, and the line and paragraph separators (as tags refuse).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Checks the whole form at once: clean values, or one VALIDATION error whose field errors
 * are message keys under budgets.errors (the form translates them). Nothing is saved unless
 * everything is valid.
 */
export function parseBudget(input: BudgetFormInput): BudgetValues {
  const errors: Record<string, string[]> = {};
  const name = input.name?.trim() ?? "";
  if (!name || name.length > MAX_BUDGET_NAME || CONTROL.test(name)) errors.name = ["budgets.errors.name"];

  let amount = 0n;
  try {
    amount = parseMoney((input.amount ?? "").trim().replace(/^\$/, ""));
    if (amount % MICROS_PER_CENT !== 0n || amount > MAX_BUDGET) errors.amount = ["budgets.errors.amount"];
  } catch {
    errors.amount = ["budgets.errors.amount"];
  }

  let scope: BudgetScope = { kind: "all" };
  const kind = input.scope ?? "all";
  if (kind === "product") {
    const productId = input.productId?.trim() ?? "";
    if (!productId) errors.productId = ["budgets.errors.product"];
    scope = { kind: "product", productId };
  } else if (kind === "tag") {
    const key = input.tagKey ?? "";
    const value = input.tagValue ?? "";
    if (!key || key.length > MAX_TAG_KEY || key.trim() !== key || CONTROL.test(key)) errors.tagKey = ["budgets.errors.tagKey"];
    if (value.length > MAX_TAG_VALUE || CONTROL.test(value)) errors.tagValue = ["budgets.errors.tagValue"];
    scope = { kind: "tag", key, value };
  } else if (kind !== "all") {
    errors.scope = ["budgets.errors.scope"];
  }

  const thresholds: Threshold[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < MAX_BUDGET_THRESHOLDS; i++) {
    const raw = (input[percentField(i) as keyof BudgetFormInput] ?? "").trim().replace(/\s*%$/, "");
    if (raw === "") continue;
    const t = (input[kindField(i) as keyof BudgetFormInput] ?? "actual") as ThresholdKind;
    if (t !== "actual" && t !== "forecast") {
      errors[kindField(i)] = ["budgets.errors.kind"];
      continue;
    }
    const percent = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (!(percent >= MIN_PERCENT && percent <= MAX_PERCENT)) {
      errors[percentField(i)] = ["budgets.errors.percent"];
      continue;
    }
    const k = `${percent}:${t}`;
    if (seen.has(k)) errors[percentField(i)] = ["budgets.errors.duplicate"];
    else {
      seen.add(k);
      thresholds.push({ percent, kind: t });
    }
  }
  if (!thresholds.length && !Object.keys(errors).some((f) => f.startsWith("threshold_"))) errors[percentField(0)] = ["budgets.errors.thresholdRequired"];

  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Please correct the highlighted fields.", errors);
  return { name, amount, scope, thresholds };
}
