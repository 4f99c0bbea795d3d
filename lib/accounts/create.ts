import { eq, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "@/db/client";
import { accounts } from "@/db/schema";
import { isUniqueViolation, withTx } from "@/db/tx";
import { audit } from "@/lib/audit";
import { ensureBillingState } from "@/lib/billing/activate";
import { requestFingerprint } from "@/lib/billing/request-fingerprint";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { ensureLedgerAccounts } from "@/lib/ledger";
import { queueInvitation } from "@/lib/members/manage";
import { NewAccountSchema } from "./schema";

/** Who creates the account: a staff member in the console, or a platform key through the API. */
export type AccountCreator = { kind: "staff"; userId: string; name: string; ip?: string | null } | { kind: "api_key"; keyId: string; ip?: string | null };

export interface CreateAccountInput {
  name: string;
  ownerEmail: string;
  locale: Locale;
  /** The platform's own id for its customer: unique, so a retried sign-up creates one account. */
  externalId?: string;
  actor: AccountCreator;
  /** One per request (a form render, an API Idempotency-Key): a double submit creates once. */
  idempotencyKey?: string;
  now: Date;
}

export type CustomerAccount = typeof accounts.$inferSelect;

export interface CreateAccountResult {
  account: CustomerAccount;
  invitationId: string | null;
  replayed: boolean;
}

function conflicting(): AppError {
  return new AppError("IDEMPOTENCY_CONFLICT", "This externalId (or idempotency key) was already used to create an account with other details; nothing was changed.");
}

/** The account an earlier request with this key or externalId created, or IDEMPOTENCY_CONFLICT when that request asked for something else. */
async function replayOf(db: DbOrTx, hash: string, requestKey: string | null, externalId: string | null): Promise<CustomerAccount | null> {
  const conds = [requestKey ? eq(accounts.requestKey, requestKey) : undefined, externalId ? eq(accounts.externalId, externalId) : undefined].filter((c) => c !== undefined);
  if (!conds.length) return null;
  const rows = await db.select().from(accounts).where(or(...conds));
  if (!rows.length) return null;
  if (!rows.every((r) => r.requestHash === hash)) throw conflicting();
  return rows[0]!;
}

/**
 * The platform names itself in the invitation: PLATFORM_NAME, else the app's name in the
 * owner's language.
 */
function platformName(locale: Locale): string {
  return process.env.PLATFORM_NAME?.trim() || translator(locale)("common.appName");
}

/**
 * Creates a customer account ready to be billed and topped up (its cash and frozen ledger
 * accounts, billing settings and billing state) and invites its owner by email in their
 * language, with one audit record, all in one transaction. Retries with the same externalId
 * or idempotency key and the same details answer the same account (`replayed`); other details
 * under either are IDEMPOTENCY_CONFLICT, changing nothing. Bad input is VALIDATION naming the
 * fields, changing nothing.
 */
export async function createCustomerAccount(db: DbOrTx, input: CreateAccountInput): Promise<CreateAccountResult> {
  const parsed = NewAccountSchema.safeParse({ name: input.name, ownerEmail: input.ownerEmail, locale: input.locale, externalId: input.externalId });
  if (!parsed.success) throw new AppError("VALIDATION", "The account has invalid fields.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const { name, ownerEmail, locale } = parsed.data;
  const externalId = parsed.data.externalId ?? null;
  const requestKey = input.idempotencyKey?.trim() || null;
  if (requestKey && requestKey.length > 300) throw new AppError("VALIDATION", "The idempotency key is too long.");
  const hash = requestFingerprint("account.create", [name, ownerEmail, locale, externalId]);

  const prior = await replayOf(db, hash, requestKey, externalId);
  if (prior) return { account: prior, invitationId: null, replayed: true };
  const { actor, now } = input;
  try {
    return await withTx(db, async (tx: Tx) => {
      const [account] = await tx.insert(accounts).values({ name, externalId, requestKey, requestHash: hash, createdAt: now }).returning();
      await ensureLedgerAccounts(tx, account!.id);
      await ensureBillingState(tx, account!.id);
      const inviter = actor.kind === "staff" ? actor.name : platformName(locale);
      const invitation = await queueInvitation(tx, { accountId: account!.id, email: ownerEmail, role: "owner", invitedBy: actor.kind === "staff" ? actor.userId : null, inviter, locale, now });
      await audit(tx, {
        actorUserId: actor.kind === "staff" ? actor.userId : null,
        actorKind: actor.kind,
        accountId: account!.id,
        action: "account.create",
        targetType: "account",
        targetId: account!.id,
        data: { name, ownerEmail, locale, externalId, invitationId: invitation.id, ...(actor.kind === "api_key" ? { apiKeyId: actor.keyId } : {}) },
        ip: actor.ip ?? null,
      });
      return { account: account!, invitationId: invitation.id, replayed: false };
    });
  } catch (e) {
    // A racing request with this externalId or key committed first: the same request gets its account.
    if (isUniqueViolation(e)) {
      const again = await replayOf(db, hash, requestKey, externalId);
      if (again) return { account: again, invitationId: null, replayed: true };
    }
    throw e;
  }
}
