import { describe, expect, it } from "vitest";
import { codeHint, generateCode, hashCode, isPlausibleCode, normalizeCode, sealCodes, unsealCodes } from "./codes";

describe("voucher codes", () => {
  it("are 16 characters of Crockford base32 in four groups, and do not repeat", () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol turns up: the draw is over the whole alphabet.
    expect(new Set(codes.join("").replace(/-/g, "")).size).toBe(32);
  });

  it("match however they are typed", () => {
    expect(normalizeCode(" 7k2q-m9xd 4trb_h1wn ")).toBe("7K2QM9XD4TRBH1WN");
    expect(hashCode("7K2Q-M9XD-4TRB-H1WN")).toBe(hashCode("7k2q m9xd 4trb hiwn"));
    expect(hashCode("0000-AAAA")).toBe(hashCode("oooo-aaaa"));
    expect(hashCode("7K2Q-M9XD-4TRB-H1WN")).not.toBe(hashCode("7K2Q-M9XD-4TRB-H1WM"));
    expect(codeHint("7K2Q-M9XD-4TRB-H1WN")).toBe("H1WN");
  });

  it("refuses to look up what cannot be a code", () => {
    expect(isPlausibleCode(normalizeCode("DEMO-VOUCHER-0050"))).toBe(true);
    expect(isPlausibleCode(normalizeCode("abc"))).toBe(false);
    expect(isPlausibleCode(normalizeCode("'; drop table vouchers; --"))).toBe(false);
  });

  it("seal and unseal a batch's codes; tampering is detected", () => {
    const codes = [generateCode(), generateCode()];
    const sealed = sealCodes(codes);
    expect(sealed).not.toContain(codes[0]);
    expect(unsealCodes(sealed)).toEqual(codes);
    const [iv, tag, data] = sealed.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0]! ^= 1;
    expect(() => unsealCodes([iv, tag, flipped.toString("base64url")].join("."))).toThrow();
  });
});
