import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * Crockford's base32: no I, L, O or U, so a code read aloud or off paper is not
 * mistyped into another. 16 characters of it are 80 bits from the operating system's
 * random source: with redemption rate-limited, guessing one is out of reach.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** A new code such as `7K2Q-M9XD-4TRB-H1WN`. */
export function generateCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let s = "";
    for (let i = 0; i < GROUP_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join("-");
}

/**
 * What a code means, however it was typed: case, spaces and dashes do not matter, and the
 * letters people confuse with digits (O, I, L) read as those digits.
 */
export function normalizeCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

/** A plausible code: 6 to 32 letters and digits once normalized. Anything else is not looked up. */
export function isPlausibleCode(normalized: string): boolean {
  return /^[0-9A-Z]{6,32}$/.test(normalized);
}

/** Only this is stored: a database leak reveals no code that could still be redeemed. */
export function hashCode(input: string): string {
  return createHash("sha256").update(`voucher:${normalizeCode(input)}`).digest("hex");
}

/** The last four characters, shown to staff and customers to tell codes apart. */
export function codeHint(input: string): string {
  return normalizeCode(input).slice(-4);
}

function sealingKey(): Buffer {
  return createHash("sha256").update(`voucher-codes:${authSecret()}`).digest();
}

/** Encrypts a batch's plain codes until their one download (AES-256-GCM; iv, tag and data, base64url). */
export function sealCodes(codes: string[]): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  const data = Buffer.concat([cipher.update(codes.join("\n"), "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

export function unsealCodes(sealed: string): string[] {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(), iv!);
  decipher.setAuthTag(tag!);
  const text = Buffer.concat([decipher.update(data!), decipher.final()]).toString("utf8");
  return text ? text.split("\n") : [];
}
