import type { Balances } from "@/db/queries/balances";

type Translate = (key: "effectCreditLimit" | "effectBalance" | "effectAvailable", values: { before: string; after: string }) => string;

/** What approving a request would do to the account's figures now, as lines for the confirmation. */
export function approvalEffect(a: { kind: "credit_limit" | "adjustment"; amount: bigint }, b: Balances, t: Translate, money: (v: bigint) => string): string[] {
  const delta = a.kind === "credit_limit" ? a.amount - b.creditLimit : a.amount;
  return [
    a.kind === "credit_limit" ? t("effectCreditLimit", { before: money(b.creditLimit), after: money(a.amount) }) : t("effectBalance", { before: money(b.balance), after: money(b.balance + a.amount) }),
    t("effectAvailable", { before: money(b.available), after: money(b.available + delta) }),
  ];
}
