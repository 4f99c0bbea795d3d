import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/db/data-dir";

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

export function emailDeliveryMode(): "resend" | "local" {
  return process.env.RESEND_API_KEY ? "resend" : "local";
}

/**
 * The demo's mailbox (/dev/mailbox) shows every email of the local outbox, live sign-in
 * links included, to whoever can reach the server. It exists only in demo mode, which
 * listens on this machine only (127.0.0.1) unless HOST widens it; production never has it,
 * whatever the database or email setting. DEMO_MAILBOX=off removes it from the demo too.
 */
export function publicDemoMailbox(): boolean {
  return isDemoMode() && emailDeliveryMode() === "local" && process.env.DEMO_MAILBOX !== "off";
}

/**
 * The built-in test payment provider (test cards, its webhook route, the simulated
 * settlement webhooks): demo mode, or a staging site that says PAYMENTS_TEST_PROVIDER=on
 * (its payment pages then say that no real money moves). Never in production otherwise.
 */
export function testPaymentsEnabled(): boolean {
  return isDemoMode() || process.env.PAYMENTS_TEST_PROVIDER === "on";
}

/** The address the server was told to listen on (HOST); the demo scripts default it to 127.0.0.1. */
export function listenHost(): string | null {
  return process.env.HOST?.trim() || null;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
export const isLoopbackHost = (host: string | null): boolean => host !== null && (LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host));

export function appUrl(): string {
  return (process.env.AUTH_URL ?? process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

let cachedSecret: string | undefined;

/**
 * AUTH_SECRET signs sessions and links. Production requires it, whatever the database;
 * the demo generates one and keeps it beside its data folder.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (cachedSecret) return cachedSecret;
  if (!isDemoMode()) {
    throw new Error("AUTH_SECRET must be set in production (e.g. openssl rand -base64 32). Only the demo (BILLING_DEMO=on) makes its own.");
  }
  const file = path.join(path.dirname(dataDir()), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  cachedSecret = readFileSync(file, "utf8").trim();
  return cachedSecret;
}
