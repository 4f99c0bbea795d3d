import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./columns";

export const localeEnum = pgEnum("locale", ["en", "zh-CN"]);
export const staffRoleEnum = pgEnum("staff_role", ["finance", "support"]);
export const memberRoleEnum = pgEnum("member_role", ["owner", "admin", "finance", "member"]);


export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: localeEnum("locale").notNull().default("en"),
    staffRole: staffRoleEnum("staff_role"),
    lastAccountId: uuid("last_account_id"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

/** Customer accounts (organizations). Every piece of customer data hangs off one. */
export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    name: text("name").notNull(),
    /** The platform's own id for this customer (POST /api/v1/accounts): unique, so a retried sign-up creates one account. */
    externalId: text("external_id"),
    /** The idempotency key of the request that created it (an API key's Idempotency-Key, a console form's), and a hash of its terms. */
    requestKey: text("request_key"),
    requestHash: text("request_hash"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("accounts_external_id_key").on(t.externalId),
    uniqueIndex("accounts_request_key_key").on(t.requestKey),
    // GET /api/v1/accounts reads a keyset page in (created_at, id) order.
    index("accounts_created_idx").on(t.createdAt, t.id),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    accountId: uuid("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: memberRoleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    accountId: uuid("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: memberRoleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_key").on(t.tokenHash), index("invitations_account_idx").on(t.accountId)],
);

/** One-time sign-in links. Only a hash of the token is stored. */
export const magicLinkTokens = pgTable(
  "magic_link_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
);

/**
 * Sign-in link requests waiting for the email delivery tick, which looks the address up and
 * emails a link when it has a user. The request itself writes this same row for any
 * address, so its answer and its time say nothing about whether the address has an account.
 */
export const signInLinkRequests = pgTable(
  "sign_in_link_requests",
  {
    id: id(),
    email: text("email").notNull(),
    requestedAt: ts("requested_at").notNull().defaultNow(),
  },
  (t) => [index("sign_in_link_requests_requested_at_idx").on(t.requestedAt)],
);

/** Fixed-window counters shared by every app instance (sign-in, voucher redemption, …). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * One row per signed-in browser. Its id rides in the (stateless) session JWT and is
 * checked on every request, so ending the row — sign-out, sign-out everywhere, a password
 * change, removal from an account, a disabled user — ends the session at once.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** Updated at most once a minute, so a busy page is not a write per request. */
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    revokedAt: ts("revoked_at"),
    /** Why it ended: sign_out, sign_out_everywhere, password_change, removed, disabled. */
    revokedReason: text("revoked_reason"),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("user_sessions_live_user_idx").on(t.userId).where(sql`${t.revokedAt} is null`)],
);
