import "server-only";
import { sql } from "drizzle-orm";
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

/** Whether someone already signed up with this email (any case): an invitation then asks them to sign in. */
export async function userWithEmailExists(db: DbOrTx, { email }: { email: string }): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  return rows.length > 0;
}
