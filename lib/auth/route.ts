import "server-only";
import { NextResponse } from "next/server";
import { type AccountPermission, can, type StaffPermission, staffCan } from "./permissions";
import { type AccountContext, getAccountContext, getSessionUser, type SessionUser } from "./session";
import { databaseUnavailableCode, HTTP_STATUS, isAppError, isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailable } from "@/lib/errors";

type Params = Promise<Record<string, string | string[]>>;

export function jsonError(code: keyof typeof HTTP_STATUS, message: string) {
  const headers = code === "UNAVAILABLE" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : undefined;
  return NextResponse.json({ error: { code, message } }, { status: HTTP_STATUS[code], headers });
}

/** The usual error answer of a route handler: AppErrors by code, a database that is away as 503, the rest 500. */
export function errorResponse(e: unknown) {
  if (isAppError(e)) return jsonError(e.code, e.message);
  if (isDatabaseUnavailable(e)) {
    console.warn(`route handler: database unavailable (${databaseUnavailableCode(e)})`);
    return jsonError("UNAVAILABLE", unavailable().message);
  }
  console.error("route handler failed", e);
  return jsonError("INTERNAL", "Something went wrong.");
}

/**
 * The same guard as server actions, for route handlers under /a/[accountId]/…:
 * session → membership (else 404) → permission (else 403).
 */
export function accountRoute(
  permission: AccountPermission,
  handler: (req: Request, ctx: AccountContext & { params: Record<string, string> }) => Promise<Response>,
) {
  return async (req: Request, { params }: { params: Params }): Promise<Response> => {
    try {
      const p = (await params) as Record<string, string>;
      const user = await getSessionUser();
      if (!user) return jsonError("UNAUTHENTICATED", "Please sign in.");
      const ctx = await getAccountContext(user, p.accountId ?? "");
      if (!ctx) return jsonError("NOT_FOUND", "Not found.");
      if (!can(ctx.role, permission)) return jsonError("FORBIDDEN", "You do not have permission to do this.");
      return await handler(req, { ...ctx, params: p });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export function staffRoute(permission: StaffPermission, handler: (req: Request, ctx: { user: SessionUser; params: Record<string, string> }) => Promise<Response>) {
  return async (req: Request, { params }: { params: Params }): Promise<Response> => {
    try {
      const user = await getSessionUser();
      if (!user) return jsonError("UNAUTHENTICATED", "Please sign in.");
      if (!staffCan(user.staffRole, permission)) return jsonError("FORBIDDEN", "You do not have permission to do this.");
      return await handler(req, { user, params: (await params) as Record<string, string> });
    } catch (e) {
      return errorResponse(e);
    }
  };
}
