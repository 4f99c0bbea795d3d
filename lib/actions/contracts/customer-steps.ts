"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { signContract, submitContract, withdrawContract } from "@/lib/contracts/flow";
import { SignSchema } from "@/lib/contracts/input";

const Step = z.object({ contractId: z.string().uuid() });
const revalidate = ["/a/[accountId]/billing/contracts", "/a/[accountId]/billing"];
// A member without contracts.manage gets "not found", as on the contract pages: a contract's existence is confidential.

export const submitContractAction = accountAction({ schema: Step, permission: "contracts.manage", hideAs: "NOT_FOUND", revalidate }, async ({ db, input, user, ip, account }) => {
  const c = await submitContract(db, { accountId: account.id, contractId: input.contractId, actor: { kind: "user", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});

export const withdrawContractAction = accountAction({ schema: Step, permission: "contracts.manage", hideAs: "NOT_FOUND", revalidate }, async ({ db, input, user, ip, account }) => {
  const c = await withdrawContract(db, { accountId: account.id, contractId: input.contractId, actor: { kind: "user", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});

/** The customer's signature: typed full name, title and consent; the time, user and client address are recorded. */
export const signContractAction = accountAction({ schema: SignSchema, permission: "contracts.manage", hideAs: "NOT_FOUND", revalidate }, async ({ db, input, user, ip, account }) => {
  const c = await signContract(db, { accountId: account.id, contractId: input.contractId, fullName: input.fullName, title: input.title, consent: input.consent, actor: { kind: "user", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});
