"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { payInvoice } from "@/lib/invoices/pay";

const PayInvoiceSchema = z.object({ invoiceId: z.string().uuid(), methodId: z.string().uuid(), requestId: z.string().uuid() });

/** Pays what is due on an invoice with a saved method; the server works out the amount. */
export const payInvoiceAction = accountAction(
  { schema: PayInvoiceSchema, permission: "invoices.pay", revalidate: ["/a/[accountId]/billing/invoices", "/a/[accountId]/billing"] },
  async ({ db, input, user, ip }) => {
    const r = await payInvoice(db, { accountId: input.accountId, invoiceId: input.invoiceId, methodId: input.methodId, requestKey: input.requestId, actor: { kind: "user", userId: user.id, ip } });
    return r.status === "succeeded" ? { status: r.status } : r.status === "unknown" ? { status: r.status } : { status: r.status, message: r.message };
  },
);
