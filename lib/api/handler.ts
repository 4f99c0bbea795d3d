import { NextResponse } from "next/server";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { AppError, databaseUnavailableCode, HTTP_STATUS, isAppError, isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailable } from "@/lib/errors";
import { authenticateApiKey } from "./keys";

type Params = Promise<Record<string, string>>;

export interface ApiContext {
  db: Db;
  accountId: string;
  keyId: string;
  params: Record<string, string>;
}

export function apiError(code: keyof typeof HTTP_STATUS, message: string, fieldErrors?: Record<string, string[]>) {
  const headers = code === "UNAVAILABLE" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : undefined;
  return NextResponse.json({ error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status: HTTP_STATUS[code], headers });
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

/**
 * Every /api/v1 handler: an API key in `Authorization: Bearer …` names the account;
 * everything the handler touches is scoped to it, so another account's resource is 404.
 */
export function apiRoute(handler: (req: Request, ctx: ApiContext) => Promise<Response>) {
  return async (req: Request, { params }: { params: Params }): Promise<Response> => {
    try {
      const header = req.headers.get("authorization");
      const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
      const db = getDb();
      const auth = await authenticateApiKey(db, key);
      if (!auth) return apiError("UNAUTHENTICATED", "A valid API key is required: Authorization: Bearer <key>.");
      return await handler(req, { db, ...auth, params: await params });
    } catch (e) {
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
  };
}

/** Money in API answers: exact decimal dollars and integer micro-dollars, never a float. */
export function money(micros: bigint) {
  const neg = micros < 0n;
  const abs = neg ? -micros : micros;
  const text = `${neg ? "-" : ""}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
  return { amount: text, micros: micros.toString(), currency: "USD" };
}
