/** One of an account's vouchers as its pages show it (the query in db/ produces it). */
export type { AccountVoucher, VoucherTab } from "@/db/queries/vouchers";
