"use server";
import { staffAction } from "@/lib/actions/action";
import { countersignContract, returnContract, terminateContract } from "@/lib/contracts/flow";
import { CommentSchema, CountersignSchema } from "@/lib/contracts/input";

const revalidate = ["/staff/contracts"];

/**
 * Finance staff countersign under their own name with the title they give and a reason for the
 * audit log. Each action is the Confirm of the page's confirmation step: it writes the status,
 * the timeline event and exactly one audit record, or nothing.
 */
export const countersignContractAction = staffAction({ schema: CountersignSchema, permission: "staff.money", revalidate }, async ({ db, input, user, ip }) => {
  const c = await countersignContract(db, { contractId: input.contractId, title: input.title, reason: input.reason, actor: { kind: "staff", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});

/** The comment is the reason: audited, shown to the customer and emailed. */
export const returnContractAction = staffAction({ schema: CommentSchema, permission: "staff.money", revalidate }, async ({ db, input, user, ip }) => {
  const c = await returnContract(db, { contractId: input.contractId, comment: input.comment, actor: { kind: "staff", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});

export const terminateContractAction = staffAction({ schema: CommentSchema, permission: "staff.money", revalidate }, async ({ db, input, user, ip }) => {
  const c = await terminateContract(db, { contractId: input.contractId, comment: input.comment, actor: { kind: "staff", userId: user.id, name: user.name, ip } });
  return { status: c.status };
});
