import "server-only";
import { users } from "@/db/schema";
import type { DbOrTx } from "@/db/client";

// Users are never deleted, so once one exists the answer stays yes without asking again.
let someoneExists = false;

/** Whether the database has any user at all: a new production deployment has none. */
export async function anyUserExists(db: DbOrTx): Promise<boolean> {
  if (someoneExists) return true;
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  someoneExists = rows.length > 0;
  return someoneExists;
}
