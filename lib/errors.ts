/**
 * Domain errors carry a stable code and a message that is safe to show. Anything
 * else is logged and shown as a generic error, never as a raw exception message.
 */
export type ErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "INSUFFICIENT_FUNDS"
  | "ACCOUNT_OVERDUE"
  | "IDEMPOTENCY_CONFLICT"
  | "LAST_OWNER"
  | "UNAVAILABLE"
  | "INTERNAL";

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);
export const forbidden = () => new AppError("FORBIDDEN", "You do not have permission to do this.");

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INSUFFICIENT_FUNDS: 402,
  ACCOUNT_OVERDUE: 402,
  IDEMPOTENCY_CONFLICT: 409,
  LAST_OWNER: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** How long a client should wait before retrying while the database is away (a restart takes seconds). */
export const RETRY_AFTER_SECONDS = 5;

// postgres.js network and connection-state codes, Node's socket errors, and the SQLSTATEs a
// server sends while it shuts down, starts up or drops the connection (class 08, 57P01-57P03).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE",
  "CONNECTION_ENDED", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
  "57P01", "57P02", "57P03", "53300",
]);

/**
 * The code that says "the database cannot be reached right now" rather than a bug (so the
 * request may simply be retried), or null. Looks through Drizzle's wrapper (`cause`) and the
 * AggregateError Node gives when every address of a host refused (`errors`).
 */
export function databaseUnavailableCode(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== "object" || depth > 5) return null;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code;
  const nested = (e as { errors?: unknown }).errors;
  for (const x of Array.isArray(nested) ? nested : []) {
    const found = databaseUnavailableCode(x, depth + 1);
    if (found) return found;
  }
  return databaseUnavailableCode((e as { cause?: unknown }).cause, depth + 1);
}

export const isDatabaseUnavailable = (e: unknown): boolean => databaseUnavailableCode(e) !== null;

/** The AppError a request gets while the database is away; logs say `databaseUnavailableCode` only (no query text). */
export const unavailable = () => new AppError("UNAVAILABLE", "The service is temporarily unavailable. Please try again in a moment.");
