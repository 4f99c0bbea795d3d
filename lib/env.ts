import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Folder of the embedded database and of the demo's generated secrets. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DATA_DIR ?? ".data/pglite");
}

export type AppMode = "demo" | "production";

/**
 * The one place that decides the mode. Demo (`npm run demo`, `npm run dev`, the test
 * suite, or `BILLING_DEMO=on`) seeds demo users and data, offers the built-in test
 * payment provider and keeps a local mailbox. Everything else, `npm start` included,
 * is production. Nothing else reads NODE_ENV or the database kind to guess it.
 */
export function appMode(): AppMode {
  return process.env.BILLING_DEMO === "on" ? "demo" : "production";
}

export function isDemoMode(): boolean {
  return appMode() === "demo";
}

export function usesEmbeddedDb(): boolean {
  return !process.env.DATABASE_URL;
}

export function emailDeliveryMode(): "resend" | "local" {
  return process.env.RESEND_API_KEY ? "resend" : "local";
}

/** The embedded demo keeps a mailbox anyone on the demo can read; a real deployment never does. */
export function publicDemoMailbox(): boolean {
  return usesEmbeddedDb() && emailDeliveryMode() === "local" && process.env.DEMO_MAILBOX !== "off";
}

export function appUrl(): string {
  return (process.env.AUTH_URL ?? process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

let cachedSecret: string | undefined;

/**
 * AUTH_SECRET signs sessions and links. It is required in production on a database
 * server; the embedded demo generates one and keeps it beside its data folder.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (cachedSecret) return cachedSecret;
  if (!usesEmbeddedDb() && process.env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set when running on a database server in production.");
  }
  const file = path.join(path.dirname(dataDir()), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  cachedSecret = readFileSync(file, "utf8").trim();
  return cachedSecret;
}
