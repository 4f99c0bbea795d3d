"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { createContract, updateContract } from "@/lib/contracts/flow";
import { ContractFormSchema } from "@/lib/contracts/input";
import { AppError } from "@/lib/errors";

// A new contract sends no contractId at all; an empty or malformed one is a bad request. (A transform
// here made the intersection with the loose form schema unmergeable, and "" answered 500.)
const SaveSchema = z.object({ contractId: z.string().uuid().optional() }).and(ContractFormSchema);

/** Creates a draft, or edits one (draft or returned); owners, admins and finance members. Then shows the contract. */
export const saveContractAction = accountAction(
  { schema: z.looseObject({}), permission: "contracts.manage", hideAs: "NOT_FOUND", revalidate: ["/a/[accountId]/billing/contracts", "/a/[accountId]/billing"] },
  async ({ db, input, user, ip, account }) => {
    const parsed = SaveSchema.safeParse(input);
    if (!parsed.success) {
      throw new AppError("VALIDATION", "Please correct the highlighted fields.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
    }
    const { contractId, ...form } = parsed.data;
    const actor = { kind: "user" as const, userId: user.id, name: user.name, ip };
    const c = contractId ? await updateContract(db, { accountId: account.id, contractId, form, actor }) : await createContract(db, { accountId: account.id, form, actor });
    redirect(`/a/${account.id}/billing/contracts/${c.id}?done=saved`);
  },
);
