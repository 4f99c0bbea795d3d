import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

type Row = Record<string, unknown>;

/** Rows of a raw statement as the driver gave them (postgres.js gives an array, PGlite an object holding it). */
export async function rowsOf(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] }).rows ?? []);
}

const isNull = (v: unknown): v is null | undefined => v === null || v === undefined;

/**
 * How a raw column becomes a typed value: the one place raw SQL results are converted.
 * Money and counts travel as text or numeric (either driver may give a string), so they
 * go through BigInt(String(v)); timestamps may come as a string or a Date.
 */
export const col = {
  /** bigint, null as 0 (a sum over no rows). */
  bigint: (v: unknown): bigint => (isNull(v) ? 0n : BigInt(String(v))),
  bigintOrNull: (v: unknown): bigint | null => (isNull(v) ? null : BigInt(String(v))),
  int: (v: unknown): number => (isNull(v) ? 0 : Number(v)),
  intOrNull: (v: unknown): number | null => (isNull(v) ? null : Number(v)),
  text: (v: unknown): string => (isNull(v) ? "" : String(v)),
  textOrNull: (v: unknown): string | null => (isNull(v) ? null : String(v)),
  date: (v: unknown): Date => new Date(v as string | Date),
  dateOrNull: (v: unknown): Date | null => (isNull(v) ? null : new Date(v as string | Date)),
  /** A text[] column; null as empty. Both drivers parse arrays. */
  textArray: (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []),
  /** Both drivers parse boolean columns to booleans. */
  bool: (v: unknown): boolean => v === true,
} as const;

type Shape = Record<string, (v: unknown) => unknown>;
export type RowOf<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** Typed rows of a raw statement: each column named in `shape` converted by its `col` function. */
export async function rows<S extends Shape>(db: DbOrTx, query: SQL, shape: S): Promise<RowOf<S>[]> {
  return (await rowsOf(db, query)).map((r) => {
    const out = {} as Record<string, unknown>;
    for (const k in shape) out[k] = shape[k]!(r[k]);
    return out as RowOf<S>;
  });
}
