import { afterEach, describe, expect, it, vi } from "vitest";
import { addressKey, clientIp, markSocketAddressCaptured, SOCKET_ADDRESS_HEADER } from "./client-ip";

const CAPTURED = Symbol.for("billing-center.socket-address-captured");

describe("clientIp", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    delete (globalThis as Record<symbol, unknown>)[CAPTURED];
  });

  describe("with no proxy configured (the default)", () => {
    it("ignores a forwarded header the client wrote itself", () => {
      expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBeNull();
      expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBeNull();
      expect(clientIp(new Headers({ "x-real-ip": "198.51.100.1" }))).toBeNull();
      vi.stubEnv("TRUSTED_PROXY_HOPS", "0");
      expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBeNull();
    });

    it("takes the socket's address once the server records it, whatever the client sent", () => {
      const forged = new Headers({ "x-forwarded-for": "6.6.6.6", [SOCKET_ADDRESS_HEADER]: "6.6.6.6" });
      // Not recorded by this process: the header is just another thing the client sent.
      expect(clientIp(forged)).toBeNull();
      markSocketAddressCaptured();
      expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", [SOCKET_ADDRESS_HEADER]: "203.0.113.7" }))).toBe("203.0.113.7");
      expect(clientIp(new Headers({ [SOCKET_ADDRESS_HEADER]: "::ffff:203.0.113.8" }))).toBe("203.0.113.8");
      expect(clientIp(new Headers({ [SOCKET_ADDRESS_HEADER]: "2001:db8::1" }))).toBe("2001:db8::1");
    });
  });

  describe("behind N proxies", () => {
    it("takes the Nth entry from the right, what the outermost trusted proxy saw", () => {
      vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
      expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
      vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
      expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }))).toBe("203.0.113.7");
    });

    it("knows no address when the request passed fewer proxies than configured", () => {
      vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
      expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBeNull();
      expect(clientIp(new Headers())).toBeNull();
    });

    it("refuses a setting that is not a small whole number", () => {
      vi.stubEnv("TRUSTED_PROXY_HOPS", "one");
      expect(() => clientIp(new Headers())).toThrow(/TRUSTED_PROXY_HOPS/);
    });
  });

  it("puts clients without a known address in one shared bucket", () => {
    expect(addressKey(null)).toBe(addressKey(clientIp(new Headers({ "x-forwarded-for": "1.1.1.1" }))));
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
  });
});
