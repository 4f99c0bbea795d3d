import { NextResponse } from "next/server";
import { accountWithFunds, requirePlatformKey } from "@/lib/api/accounts";
import { keyRoute } from "@/lib/api/handler";

export const runtime = "nodejs";

/** One customer account with its funds; platform key only (an unknown id is 404). */
export const GET = keyRoute(async (_req, ctx) => {
  requirePlatformKey(ctx);
  return NextResponse.json(await accountWithFunds(ctx.db, ctx.params.accountId ?? ""));
});
