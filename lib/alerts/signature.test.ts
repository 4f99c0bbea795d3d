import { describe, expect, it } from "vitest";
import { computeSignature, newWebhookSecret, signatureHeader, verifySignature } from "./signature";

const secret = "whsec_test_secret";
const body = JSON.stringify({ type: "balance.low", available: "12.340000" });
const t = 1_900_000_000;

describe("webhook signatures", () => {
  it("match a hand-computed HMAC-SHA256 of t.body", async () => {
    const { createHmac } = await import("node:crypto");
    expect(computeSignature(secret, t, body)).toBe(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
    expect(signatureHeader(secret, body, t)).toMatch(/^t=1900000000,v1=[0-9a-f]{64}$/);
  });

  it("verify, and refuse a tampered body, another secret, a stale or a malformed header", () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(header, body, secret, { now: t + 10 })).toEqual({ ok: true, timestamp: t });
    expect(verifySignature(header, body.replace("12.34", "99.34"), secret, { now: t })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature(header, body, "whsec_other", { now: t })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature(header, body, secret, { now: t + 301 })).toEqual({ ok: false, reason: "stale" });
    expect(verifySignature(header.replace(/^t=\d+/, `t=${t + 1}`), body, secret, { now: t })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature("v1=abc", body, secret, { now: t })).toEqual({ ok: false, reason: "malformed" });
    expect(verifySignature(null, body, secret)).toEqual({ ok: false, reason: "missing" });
  });

  it("accepts any of several v1 signatures (a receiver during a secret rotation)", () => {
    const header = `${signatureHeader(secret, body, t)},v1=${computeSignature("whsec_old", t, body)}`;
    expect(verifySignature(header, body, "whsec_old", { now: t }).ok).toBe(true);
  });

  it("makes a fresh unguessable secret each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
