import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { clientIp } from "@/lib/auth/client-ip";
import { type AccountPermission, can, type StaffPermission, staffCan, type StaffRole } from "@/lib/auth/permissions";
import { type AccountContext, getAccountContext, getSessionUser, type SessionUser } from "@/lib/auth/session";
import { AppError, databaseUnavailableCode, type ErrorCode, isAppError, isDatabaseUnavailable, unavailable } from "@/lib/errors";

export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> };

/** Server actions can be called with FormData (forms, useActionState) or a plain object. */
function toInput(args: unknown[]): unknown {
  const last = args[args.length - 1];
  if (last instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of last.entries()) if (!k.startsWith("$ACTION")) out[k] = typeof v === "string" ? v : v;
    return out;
  }
  return last ?? {};
}

function fail(e: unknown): ActionResult<never> {
  unstable_rethrow(e); // redirect() and notFound() are control flow, not failures
  if (isAppError(e)) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
  if (isDatabaseUnavailable(e)) {
    console.warn(`server action: database unavailable (${databaseUnavailableCode(e)})`);
    return { ok: false, code: "UNAVAILABLE", message: unavailable().message };
  }
  console.error("server action failed", e);
  return { ok: false, code: "INTERNAL", message: "Something went wrong. Please try again." };
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    throw new AppError("VALIDATION", "Please correct the highlighted fields.", flat.fieldErrors as Record<string, string[]>);
  }
  return parsed.data;
}

interface Common<S extends z.ZodType> {
  schema: S;
  /** Paths to revalidate after success. */
  revalidate?: string[];
}

export interface ActionCtx<I> {
  input: I;
  db: Db;
  ip: string | null;
}

/** zod → run: only for the signed-out pages (sign-in, magic link, invitation). */
export function publicAction<S extends z.ZodType, T>(opts: Common<S>, run: (ctx: ActionCtx<z.infer<S>>) => Promise<T>) {
  return async (...args: unknown[]): Promise<ActionResult<T>> => {
    try {
      const input = parse(opts.schema, toInput(args));
      return { ok: true, data: await run({ input, db: getDb(), ip: clientIp(await headers()) }) };
    } catch (e) {
      return fail(e);
    }
  };
}

/** zod → session → (nothing else): for the user's own settings (language, account switch). */
export function userAction<S extends z.ZodType, T>(opts: Common<S>, run: (ctx: ActionCtx<z.infer<S>> & { user: SessionUser }) => Promise<T>) {
  return async (...args: unknown[]): Promise<ActionResult<T>> => {
    try {
      const input = parse(opts.schema, toInput(args));
      const user = await getSessionUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
      const data = await run({ input, user, db: getDb(), ip: clientIp(await headers()) });
      opts.revalidate?.forEach((p) => revalidatePath(p));
      return { ok: true, data };
    } catch (e) {
      return fail(e);
    }
  };
}

const WithAccount = z.object({ accountId: z.string().uuid() });

/**
 * The one builder for account actions: zod → session → membership → permission → run.
 * A caller who is not a member of the account gets NOT_FOUND, exactly as if it did not exist.
 * A member whose role lacks the permission gets FORBIDDEN, or NOT_FOUND too with `hideAs`.
 * Action bodies check no roles themselves: the permission named here is the whole rule.
 */
export function accountAction<S extends z.ZodObject, T>(
  opts: Common<S> & {
    permission: AccountPermission;
    /** Refuse a member without the permission as if the account did not exist: where a thing's existence is itself confidential (contracts). */
    hideAs?: "NOT_FOUND";
  },
  run: (ctx: ActionCtx<z.infer<S> & { accountId: string }> & AccountContext) => Promise<T>,
) {
  const schema = opts.schema.extend(WithAccount.shape);
  return async (...args: unknown[]): Promise<ActionResult<T>> => {
    try {
      const input = parse(schema, toInput(args)) as z.infer<S> & { accountId: string };
      const user = await getSessionUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
      const ctx = await getAccountContext(user, input.accountId);
      if (!ctx) throw new AppError("NOT_FOUND", "Not found.");
      if (!can(ctx.role, opts.permission)) throw opts.hideAs ? new AppError("NOT_FOUND", "Not found.") : new AppError("FORBIDDEN", "You do not have permission to do this.");
      const data = await run({ ...ctx, input, db: getDb(), ip: clientIp(await headers()) });
      opts.revalidate?.forEach((p) => revalidatePath(p.replace("[accountId]", input.accountId)));
      return { ok: true, data };
    } catch (e) {
      return fail(e);
    }
  };
}

/** Staff actions: zod → session → staff role → permission → run. Customers get FORBIDDEN. */
export function staffAction<S extends z.ZodType, T>(
  opts: Common<S> & { permission: StaffPermission },
  run: (ctx: ActionCtx<z.infer<S>> & { user: SessionUser & { staffRole: StaffRole } }) => Promise<T>,
) {
  return async (...args: unknown[]): Promise<ActionResult<T>> => {
    try {
      const input = parse(opts.schema, toInput(args));
      const user = await getSessionUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
      if (!staffCan(user.staffRole, opts.permission)) throw new AppError("FORBIDDEN", "You do not have permission to do this.");
      const data = await run({ input, user: user as SessionUser & { staffRole: StaffRole }, db: getDb(), ip: clientIp(await headers()) });
      opts.revalidate?.forEach((p) => revalidatePath(p));
      return { ok: true, data };
    } catch (e) {
      return fail(e);
    }
  };
}
