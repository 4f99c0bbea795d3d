import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { accounts } from "@/db/schema";
import { AppError, databaseUnavailableCode, HTTP_STATUS, isAppError, isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailable } from "@/lib/errors";
import type { ApiKeyAuth, ApiKeyKind } from "./keys";
import { apiKeyRequest } from "./rate-limits";

type Params = Promise<Record<string, string>>;

/** An account-scoped endpoint: whatever key called, it acts on exactly this account. */
export interface ApiContext {
  db: Db;
  accountId: string;
  keyId: string;
  keyKind: ApiKeyKind;
  params: Record<string, string>;
}

/** An endpoint not under one account: accountId is the account key's, or null for a platform key (cross-account). */
export interface KeyContext {
  db: Db;
  accountId: string | null;
  keyId: string;
  keyKind: ApiKeyKind;
  params: Record<string, string>;
}

export function apiError(code: keyof typeof HTTP_STATUS, message: string, fieldErrors?: Record<string, string[]>, headers?: Record<string, string>) {
  const retry = code === "UNAVAILABLE" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : undefined;
  const all = retry || headers ? { ...retry, ...headers } : undefined;
  return NextResponse.json({ error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status: HTTP_STATUS[code], headers: all });
}

/** Parses a JSON body with zod; bad input is a 400 that names the fields, and changes nothing. */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new AppError("VALIDATION", "The body must be JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "The request has invalid fields.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PLATFORM_PATH_HINT = "A platform key names the account in the path: use /api/v1/accounts/{accountId}/... .";

/**
 * The account an account-scoped request acts on, or a 404 AppError. With an `[accountId]`
 * path param, a platform key acts on that account (it must exist) and an account key only on
 * its own; without it, an account key acts on its account and a platform key has none.
 */
async function scopedAccount(db: Db, auth: ApiKeyAuth, params: Record<string, string>): Promise<string> {
  const named = params.accountId;
  if (named === undefined) {
    if (auth.accountId === null) throw new AppError("NOT_FOUND", PLATFORM_PATH_HINT);
    return auth.accountId;
  }
  // An account key on another account's path learns nothing: the same 404 as an unknown account.
  if (auth.accountId !== null) {
    if (named.toLowerCase() !== auth.accountId.toLowerCase()) throw new AppError("NOT_FOUND", "Not found.");
    return auth.accountId;
  }
  if (!UUID.test(named)) throw new AppError("NOT_FOUND", "Not found.");
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, named));
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
  return row.id;
}

function failure(e: unknown): Response {
  if (isAppError(e)) return apiError(e.code, e.message, e.fieldErrors);
  // A database restart is not a bug of the request: 503 with Retry-After, so clients retry.
  if (isDatabaseUnavailable(e)) {
    console.warn(`api handler: database unavailable (${databaseUnavailableCode(e)})`);
    const u = unavailable();
    return apiError(u.code, u.message);
  }
  console.error("api handler failed", e);
  return apiError("INTERNAL", "Something went wrong.");
}

/**
 * The bearer key, then its rate limit (per key, per second, across instances): 401 for a
 * malformed, unknown, revoked or expired key, 429 with Retry-After over the limit.
 */
function withKey<C>(resolve: (db: Db, auth: ApiKeyAuth, params: Record<string, string>) => Promise<C>, handler: (req: Request, ctx: C) => Promise<Response>) {
  return async (req: Request, { params }: { params?: Params }): Promise<Response> => {
    try {
      const header = req.headers.get("authorization");
      const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
      const db = getDb();
      const request = await apiKeyRequest(db, key);
      if (!request) return apiError("UNAUTHENTICATED", "A valid API key is required: Authorization: Bearer <key>.");
      if (!request.allowed) {
        return apiError("RATE_LIMITED", `Too many requests: this key may send ${request.limit} requests a second. Retry after ${request.retryAfterSeconds} s.`, undefined, { "Retry-After": String(request.retryAfterSeconds) });
      }
      // Next.js gives a route without dynamic segments no params at all.
      return await handler(req, await resolve(db, request.auth, (await params) ?? {}));
    } catch (e) {
      return failure(e);
    }
  };
}

/**
 * Every account-scoped /api/v1 handler: everything it touches is scoped to ctx.accountId, so
 * another account's resource is 404. See scopedAccount for which key reaches which account.
 */
export function apiRoute(handler: (req: Request, ctx: ApiContext) => Promise<Response>) {
  return withKey<ApiContext>(async (db, auth, params) => ({ db, accountId: await scopedAccount(db, auth, params), keyId: auth.keyId, keyKind: auth.kind, params }), handler);
}

/**
 * An endpoint not under one account (a batch across accounts, the event feed): ctx.accountId
 * is the account key's account, or null for a platform key. The handler scopes itself by it.
 */
export function keyRoute(handler: (req: Request, ctx: KeyContext) => Promise<Response>) {
  return withKey<KeyContext>(async (db, auth, params) => ({ db, accountId: auth.accountId, keyId: auth.keyId, keyKind: auth.kind, params }), handler);
}

/** Money in API answers: exact decimal dollars and integer micro-dollars, never a float. */
export function money(micros: bigint) {
  const neg = micros < 0n;
  const abs = neg ? -micros : micros;
  const text = `${neg ? "-" : ""}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
  return { amount: text, micros: micros.toString(), currency: "USD" };
}
