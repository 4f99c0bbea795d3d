// Schedule: hourly, at minute 45 ("45 * * * *"), inside the app and in `npm run worker`.
// Tables that only grow get their old rows deleted: rate-limit windows, ended sessions,
// and sign-in link requests never delivered. Each table goes a bounded number of chunks
// per run (db/delete-in-chunks.ts), so a backlog drains over a few hours instead of one
// long tick. Running it twice, or on two instances at once, deletes nothing twice.
import type { DbOrTx } from "@/db/client";
import type { ChunkLimits } from "@/db/delete-in-chunks";
import { pruneSessions } from "@/lib/auth/session-store";
import { pruneLinkRequests } from "@/lib/auth/sign-in";
import { pruneRateLimits } from "@/lib/rate-limit";

export const PRUNE_JOB = "prune";

export interface PruneResult {
  rateLimits: number;
  sessions: number;
  linkRequests: number;
}

export async function pruneJob(db: DbOrTx, { now, limits }: { now: Date; limits?: ChunkLimits }): Promise<PruneResult> {
  return {
    rateLimits: await pruneRateLimits(db, now, limits),
    sessions: await pruneSessions(db, now, limits),
    linkRequests: await pruneLinkRequests(db, now, limits),
  };
}
