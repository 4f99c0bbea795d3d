import { describe, expect, it } from "vitest";
import { signIn, useBrowser } from "./browser";

// The policy as the browser gets it from the running production build.
const b = useBrowser();

function scriptSrc(csp: string | null): string {
  return (csp ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
}

describe("Content-Security-Policy", () => {
  it("allows scripts by a fresh per-request nonce only: no 'unsafe-inline', no 'unsafe-eval', and every script of the page carries it", async () => {
    const nonces = new Set<string>();
    for (const path of ["/sign-in", "/sign-in", "/api/v1/openapi.json", "/invoice-link/not-a-token"]) {
      const res = await fetch(`${b.baseUrl()}${path}`, { redirect: "manual" });
      const src = scriptSrc(res.headers.get("content-security-policy"));
      expect(src, path).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
      expect(src, path).toContain("'strict-dynamic'");
      expect(src, path).not.toContain("'unsafe-inline'");
      expect(src, path).not.toContain("'unsafe-eval'");
      const nonce = src.match(/'nonce-([^']+)'/)![1]!;
      nonces.add(nonce);
      if (path === "/sign-in") {
        const html = await res.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      }
    }
    expect(nonces.size).toBe(4); // a new nonce every request
  });

  it("a signed-in page hydrates and works under it, with nothing blocked", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.getByRole("link", { name: /^Transactions$/ }).first().click();
    await page.waitForURL(/\/billing\/transactions/);
    await context.close();
  });
});
