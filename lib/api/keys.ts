import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";

const PREFIX = "bck_";

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Creates a key for the provisioning API. The full key is returned once; only its hash is kept. */
export async function createApiKey(db: DbOrTx, input: { accountId: string; name: string; userId: string; ip?: string | null }) {
  const name = input.name.trim();
  if (!name || name.length > 80) throw new AppError("VALIDATION", "Give the key a name of 1 to 80 characters.", { name: ["Give the key a name of 1 to 80 characters."] });
  const key = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, 12);
  const [row] = await db
    .insert(apiKeys)
    .values({ accountId: input.accountId, name, prefix, keyHash: hashKey(key), createdByUserId: input.userId })
    .returning({ id: apiKeys.id });
  await audit(db, { actorUserId: input.userId, actorKind: "user", accountId: input.accountId, action: "api_key.create", targetType: "api_key", targetId: row!.id, data: { name, prefix }, ip: input.ip });
  return { id: row!.id, key, prefix };
}

export async function revokeApiKey(db: DbOrTx, input: { accountId: string; keyId: string; userId: string; ip?: string | null }) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: clockNow() })
    .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.accountId, input.accountId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
  await audit(db, { actorUserId: input.userId, actorKind: "user", accountId: input.accountId, action: "api_key.revoke", targetType: "api_key", targetId: row.id, data: { prefix: row.prefix }, ip: input.ip });
}

export async function listApiKeys(db: DbOrTx, { accountId }: { accountId: string }) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.accountId, accountId))
    .orderBy(desc(apiKeys.createdAt));
}

/**
 * The account a bearer key belongs to, or null for a malformed, unknown or revoked key.
 * The lookup is by hash (a unique index), and the hash is compared again in constant time.
 */
export async function authenticateApiKey(db: DbOrTx, key: string | null, now = clockNow()): Promise<{ accountId: string; keyId: string } | null> {
  if (!key || !key.startsWith(PREFIX) || key.length > 100) return null;
  const hash = hashKey(key);
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash));
  if (!row || !row.accountId || row.revokedAt || !timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(hash))) return null;
  // Last use to the minute is enough, and spares a write per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { accountId: row.accountId, keyId: row.id };
}
