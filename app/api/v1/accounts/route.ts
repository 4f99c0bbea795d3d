import { NextResponse } from "next/server";
import { CreateAccountBodySchema } from "@/lib/api/account-body";
import { accountJson, listAccountsPage, requirePlatformKey } from "@/lib/api/accounts";
import { jsonBody, keyRoute } from "@/lib/api/handler";
import { createCustomerAccount } from "@/lib/accounts/create";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";

export const runtime = "nodejs";

/**
 * The platform creates the billing account when its customer signs up (platform key only).
 * A retry with the same externalId (or Idempotency-Key) and the same terms answers the same
 * account with 200; other terms under either are 409 IDEMPOTENCY_CONFLICT (lib/accounts/create.ts).
 */
export const POST = keyRoute(async (req, ctx) => {
  requirePlatformKey(ctx);
  const body = await jsonBody(req, CreateAccountBodySchema);
  const header = req.headers.get("idempotency-key")?.trim() || undefined;
  if (!header && !body.externalId) throw new AppError("VALIDATION", "Send an externalId (or an Idempotency-Key header) so a retry cannot create a second account.");
  if (header && header.length > 200) throw new AppError("VALIDATION", "The Idempotency-Key must be at most 200 characters.");
  const { account, replayed } = await createCustomerAccount(ctx.db, {
    ...body,
    actor: { kind: "api_key", keyId: ctx.keyId },
    idempotencyKey: header ? `api:${ctx.keyId}:${header}` : undefined,
    now: clockNow(),
  });
  return NextResponse.json({ account: accountJson(account) }, { status: replayed ? 200 : 201 });
});

/** Every customer account in creation order (?externalId, cursor pagination); platform key only. */
export const GET = keyRoute(async (req, ctx) => {
  requirePlatformKey(ctx);
  return NextResponse.json(await listAccountsPage(ctx.db, new URL(req.url).searchParams));
});
