import { type SQL, sql } from "drizzle-orm";

/**
 * One bound parameter holding a whole PostgreSQL array, cast to `type[]`: a statement built
 * on it (`unnest(…)`, `= any(…)`) has one parameter per column however many rows it
 * carries. Drizzle would expand a JS array into one parameter per element, so the array
 * travels as its text literal. Elements are quoted (so text with commas, quotes or braces
 * is safe); null is SQL NULL.
 */
export function pgArray(values: readonly (string | bigint | number | Date | null | undefined)[], type: "uuid" | "text" | "bigint" | "int" | "timestamptz" | "jsonb"): SQL {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = element(values[i]);
  return sql`${`{${parts.join(",")}}`}::${sql.raw(type)}[]`;
}

/** Numbers, bigints and dates print without any character an array literal treats specially; a string is always quoted. */
function element(v: string | bigint | number | Date | null | undefined): string {
  if (v === null || v === undefined) return "NULL";
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== "string") return String(v);
  return v.includes('"') || v.includes("\\") ? `"${v.replace(/[\\"]/g, "\\$&")}"` : `"${v}"`;
}
