"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { assertContracts } from "@/lib/contracts/access";
import { signContract, submitContract, withdrawContract } from "@/lib/contracts/flow";
import { SignSchema } from "@/lib/contracts/input";

const Step = z.object({ contractId: z.string().uuid() });
const revalidate = ["/a/[accountId]/billing/contracts", "/a/[accountId]/billing"];

export const submitContractAction = accountAction({ schema: Step, permission: "account.read", revalidate }, async ({ db, input, user, ip, role, account }) => {
  assertContracts(role);
  const c = await submitContract(db, { accountId: account.id, contractId: input.contractId, actor: { kind: "user", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});

export const withdrawContractAction = accountAction({ schema: Step, permission: "account.read", revalidate }, async ({ db, input, user, ip, role, account }) => {
  assertContracts(role);
  const c = await withdrawContract(db, { accountId: account.id, contractId: input.contractId, actor: { kind: "user", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});

/** The customer's signature: typed full name, title and consent; the time, user and client address are recorded. */
export const signContractAction = accountAction({ schema: SignSchema, permission: "account.read", revalidate }, async ({ db, input, user, ip, role, account }) => {
  assertContracts(role);
  const c = await signContract(db, { accountId: account.id, contractId: input.contractId, fullName: input.fullName, title: input.title, consent: input.consent, actor: { kind: "user", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});
