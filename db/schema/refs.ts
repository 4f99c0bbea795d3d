import { integer, text, type ReferenceConfig } from "drizzle-orm/pg-core";
import { bytea, createdAt, keyRef, ref } from "./columns";
import { accounts, localeEnum } from "./identity";

/**
 * Columns tied to the identity tables, written once. They live apart from ./columns.ts
 * because identity itself uses those; same builders as spelled out, so the database is
 * unchanged.
 */

type Actions = ReferenceConfig["actions"];

/** The customer account a row belongs to. */
export const accountRef = (actions: Actions = {}) => ref("account_id", () => accounts.id, actions);

/** The account as the whole key: one row per account (its settings, its state). */
export const accountKey = (actions: Actions = {}) => keyRef("account_id", () => accounts.id, actions);

/** A rendered PDF, stored once with its hash and served as stored. */
export const storedPdf = () => ({
  locale: localeEnum("locale").notNull(),
  pdf: bytea("pdf").notNull(),
  sha256: text("sha256").notNull(),
  size: integer("size").notNull(),
  createdAt: createdAt(),
});
