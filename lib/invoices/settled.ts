import { sql } from "drizzle-orm";

// Written out qualified: Drizzle leaves columns of a one-table select unqualified, which inside these subqueries would mean s.id.
/**
 * Payments made against the invoice (its Pay button, settled at once or later), and its credit
 * notes: a credit note reduces what the invoice asks for by its amount (its credit reaches
 * the balance too, so the rule below gives the same; counting it here keeps it on this invoice).
 */
const paidAgainstSql = sql`(coalesce((select sum(s.amount) from invoice_settlements s where s.invoice_id = "invoices"."id"), 0)
  + coalesce((select sum(n.total) from credit_notes n where n.invoice_id = "invoices"."id"), 0))`;
/** What the account owes today: its cash balance below zero. */
const owedNowSql = sql`greatest(0, -coalesce((select c.balance from ledger_accounts c where c.account_id = "invoices"."account_id" and c.kind = 'cash'), 0))`;
/**
 * What was charged to cash after the invoice's period: later charges, and the tax and
 * commitment shortfall of later invoices (this invoice's own, posted at its month's close
 * and its issue, are part of its amount due).
 */
const chargedSinceSql = sql`coalesce((select -sum(e.amount) from ledger_transactions t
  join ledger_entries e on e.transaction_id = t.id
  join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
  where t.account_id = "invoices"."account_id" and t.created_at >= "invoices"."period_end"
    and (t.type in ('usage', 'subscription') or (t.type = 'tax' and t.idempotency_key <> 'invoice-tax:' || "invoices"."account_id" || ':' || "invoices"."period")
      or (t.type = 'commitment' and t.idempotency_key <> 'commitment:' || "invoices"."account_id" || ':' || "invoices"."period"))), 0)`;
/**
 * The part of the amount due that has been paid since the invoice was issued. Money that
 * reaches the balance pays the oldest debt first, as a cloud account's balance does: a
 * top-up made anywhere (the top-up page, auto-recharge, a wire) settles unpaid invoices.
 * Of what the account owes today, the newest part belongs to the charges made after this
 * invoice's period; only what is left of it, up to the amount due, is still open on this
 * invoice. Payments made against the invoice count in full (a card pays whole cents).
 */
// An invoice the balance paid at issue (nothing due) is settled by its payments alone (the
// formula gives the same), and the sum over the charges since its period is not run: it
// reads all of the account's postings, so it grows with the history (0.4-0.9 s for the
// overview's latest three on a 5-year account).
export const settledSql = sql<string>`case when "invoices"."amount_due" = 0 then ${paidAgainstSql}
  else greatest(${paidAgainstSql}, "invoices"."amount_due" - least("invoices"."amount_due", greatest(0, ${owedNowSql} - ${chargedSinceSql}))) end`;

