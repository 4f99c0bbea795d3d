import { sql } from "drizzle-orm";
import { bigint, customType, jsonb, text, timestamp, uuid, type ReferenceConfig } from "drizzle-orm/pg-core";

/**
 * The column shapes every table repeats, written once. Each helper returns a fresh builder,
 * exactly the chain the tables spelled out before, so the database (and every migration) is
 * unchanged. This file imports no table (./refs.ts holds the columns tied to one), so every
 * schema file can use it.
 */

/** A point in time: timestamptz, read as a Date. */
export const ts = <N extends string>(name: N) => timestamp(name, { withTimezone: true, mode: "date" });

/** Money in integer micro-dollars, read as a bigint. */
export const money = <N extends string>(name: N) => bigint(name, { mode: "bigint" });

/** A random uuid primary key. */
export const id = () => uuid("id").primaryKey().defaultRandom();

/** A required link to another row's uuid. */
export const ref = (name: string, target: ReferenceConfig["ref"], actions: ReferenceConfig["actions"] = {}) => uuid(name).notNull().references(target, actions);

/** A link that is the whole primary key: at most one row per linked row. */
export const keyRef = (name: string, target: ReferenceConfig["ref"], actions: ReferenceConfig["actions"] = {}) => uuid(name).primaryKey().references(target, actions);

export const createdAt = () => ts("created_at").notNull().defaultNow();
export const updatedAt = () => ts("updated_at").notNull().defaultNow();

/** Which products something applies to; empty means every product. */
export const productIds = () => text("product_ids").array().notNull().default(sql`'{}'::text[]`);

/** When something (a voucher, a promotion) may be used: from valid_from until valid_until. */
export const validity = () => ({
  validFrom: ts("valid_from").notNull(),
  validUntil: ts("valid_until").notNull(),
});

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** Cost allocation tags, key → value (lib/billing/tags.ts has the rules): none is `{}`. */
export type Tags = Record<string, string>;
export const tags = () => jsonb("tags").$type<Tags>().notNull().default(sql`'{}'::jsonb`);
