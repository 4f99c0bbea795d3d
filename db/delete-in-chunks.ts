import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";
import { col, rows } from "./rows";

export interface ChunkLimits {
  /** Rows per statement. */
  chunk?: number;
  /** Statements per call: what is left goes on the next call. */
  maxChunks?: number;
}

/**
 * Deletes the rows of `table` that match `where`, one chunk per statement, so a clean-up
 * never holds a long lock nor writes one huge transaction, and at most `maxChunks` chunks
 * per call, so a job's tick stays short however much piled up. Rows are picked by ctid,
 * so a table whose key has several columns works as well. Returns how many rows went. No
 * condition (an empty and()/or()) is refused rather than read as "every row".
 */
export async function deleteInChunks(db: DbOrTx, table: PgTable, where: SQL | undefined, { chunk = 1000, maxChunks = 20 }: ChunkLimits = {}): Promise<number> {
  if (!where) throw new Error("deleteInChunks needs a condition");
  let total = 0;
  for (let i = 0; i < maxChunks; i++) {
    const [row] = await rows(
      db,
      sql`with gone as (delete from ${table} where ctid = any(array(select ctid from ${table} where ${where} limit ${chunk})) returning 1) select count(*)::int as n from gone`,
      { n: col.int },
    );
    const n = row?.n ?? 0;
    total += n;
    if (n < chunk) break;
  }
  return total;
}
