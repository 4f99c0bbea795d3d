import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { requireStaffReason } from "@/lib/staff/reason";

const PREFIX = "bck_";
const NAME_RULE = "Give the key a name of 1 to 80 characters.";

export type ApiKeyKind = "account" | "platform";

/** What a valid bearer key is: an account key names its account, a platform key none (it names one in the path). */
export interface ApiKeyAuth {
  keyId: string;
  kind: ApiKeyKind;
  accountId: string | null;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

function keyName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 80) throw new AppError("VALIDATION", NAME_RULE, { name: [NAME_RULE] });
  return name;
}

function newKey() {
  const key = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, 12), keyHash: hashKey(key) };
}

/** Creates a key for the provisioning API. The full key is returned once; only its hash is kept. */
export async function createApiKey(db: DbOrTx, input: { accountId: string; name: string; userId: string; ip?: string | null }) {
  const name = keyName(input.name);
  const { key, prefix, keyHash } = newKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ accountId: input.accountId, kind: "account", name, prefix, keyHash, createdByUserId: input.userId })
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

const listColumns = { id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, expiresAt: apiKeys.expiresAt, revokedAt: apiKeys.revokedAt };

export async function listApiKeys(db: DbOrTx, { accountId }: { accountId: string }) {
  return db.select(listColumns).from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(desc(apiKeys.createdAt));
}

/**
 * A platform key (staff, finance): acts on any account named in the path. Shown once, only
 * its hash kept. The caller checks the staff permission; this checks the terms.
 */
export async function createPlatformKey(db: DbOrTx, input: { name: string; expiresAt?: Date | null; userId: string; ip?: string | null; now?: Date }) {
  const name = keyName(input.name);
  const now = input.now ?? clockNow();
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    const rule = "The expiry must be in the future.";
    throw new AppError("VALIDATION", rule, { expiresAt: [rule] });
  }
  const { key, prefix, keyHash } = newKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ accountId: null, kind: "platform", name, prefix, keyHash, expiresAt, createdByUserId: input.userId, createdAt: now })
    .returning({ id: apiKeys.id });
  await audit(db, { actorUserId: input.userId, actorKind: "staff", accountId: null, action: "platform_key.create", targetType: "api_key", targetId: row!.id, data: { name, prefix, expiresAt: expiresAt?.toISOString() ?? null }, ip: input.ip });
  return { id: row!.id, key, prefix };
}

/** Revokes a platform key; an unknown, already revoked or account key is NOT_FOUND. */
export async function revokePlatformKey(db: DbOrTx, input: { keyId: string; userId: string; reason: string; ip?: string | null }) {
  const reason = requireStaffReason(input.reason);
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: clockNow() })
    .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.kind, "platform"), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix, name: apiKeys.name });
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
  await audit(db, { actorUserId: input.userId, actorKind: "staff", accountId: null, action: "platform_key.revoke", targetType: "api_key", targetId: row.id, reason, data: { name: row.name, prefix: row.prefix }, ip: input.ip });
}

export async function listPlatformKeys(db: DbOrTx) {
  // A handful in practice; bounded all the same.
  return db.select(listColumns).from(apiKeys).where(eq(apiKeys.kind, "platform")).orderBy(desc(apiKeys.createdAt)).limit(200);
}

/** The hash a bearer key is looked up by, or null for anything not shaped like one of our keys. */
export function bearerKeyHash(key: string | null): string | null {
  return key && key.startsWith(PREFIX) && key.length <= 100 ? hashKey(key) : null;
}

/**
 * What a bearer key may do, from its row as looked up by `hash` (a unique index), or null
 * for an unknown, revoked or expired key. The hash is compared again in constant time.
 */
export function keyAuth(row: { id: string; kind: ApiKeyKind; accountId: string | null; keyHash: string; revokedAt: Date | null; expiresAt: Date | null } | undefined, hash: string, now: Date): ApiKeyAuth | null {
  if (!row || row.revokedAt || !timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(hash))) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  // The check constraint ties the two, but a key that names no account must be a platform key here too.
  if ((row.kind === "account") !== (row.accountId !== null)) return null;
  return { keyId: row.id, kind: row.kind, accountId: row.accountId };
}
