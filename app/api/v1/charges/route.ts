import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { listCharges } from "@/lib/api/usage-lists";

export const runtime = "nodejs";

/** The account's charge lines (gross, discount, voucher, cash, net) with ?resourceId&from&to and cursor pagination. */
export const GET = apiRoute(async (req, { db, accountId }) => NextResponse.json(await listCharges(db, accountId, new URL(req.url).searchParams)));
