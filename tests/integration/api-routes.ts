import { checked, templateOf } from "./api-contract";

/**
 * Every /api/v1 route module by its OpenAPI path template, and a `fetch` that hands a request
 * to the route's handler as Next.js would (method, path params), so the typed client
 * (lib/api/client) runs against the real handlers in an integration test. Each answer is
 * checked against the OpenAPI document on the way back.
 */

type Route = Partial<Record<"GET" | "POST" | "DELETE" | "PUT" | "PATCH", (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>>;

export const ROUTES: Record<string, Route> = {
  "/resources": await import("@/app/api/v1/resources/route"),
  "/resources/{id}": await import("@/app/api/v1/resources/[id]/route"),
  "/resources/{id}/change/preview": await import("@/app/api/v1/resources/[id]/change/preview/route"),
  "/resources/{id}/change": await import("@/app/api/v1/resources/[id]/change/route"),
  "/resources/{id}/auto-renew": await import("@/app/api/v1/resources/[id]/auto-renew/route"),
  "/resources/{id}/renew": await import("@/app/api/v1/resources/[id]/renew/route"),
  "/usage": await import("@/app/api/v1/usage/route"),
  "/usage/batch": await import("@/app/api/v1/usage/batch/route"),
  "/charges": await import("@/app/api/v1/charges/route"),
  "/balance": await import("@/app/api/v1/balance/route"),
  "/events": await import("@/app/api/v1/events/route"),
  "/accounts": await import("@/app/api/v1/accounts/route"),
  "/accounts/{accountId}": await import("@/app/api/v1/accounts/[accountId]/route"),
  "/accounts/{accountId}/resources": await import("@/app/api/v1/accounts/[accountId]/resources/route"),
  "/accounts/{accountId}/resources/{id}": await import("@/app/api/v1/accounts/[accountId]/resources/[id]/route"),
  "/accounts/{accountId}/resources/{id}/change/preview": await import("@/app/api/v1/accounts/[accountId]/resources/[id]/change/preview/route"),
  "/accounts/{accountId}/resources/{id}/change": await import("@/app/api/v1/accounts/[accountId]/resources/[id]/change/route"),
  "/accounts/{accountId}/resources/{id}/auto-renew": await import("@/app/api/v1/accounts/[accountId]/resources/[id]/auto-renew/route"),
  "/accounts/{accountId}/resources/{id}/renew": await import("@/app/api/v1/accounts/[accountId]/resources/[id]/renew/route"),
  "/accounts/{accountId}/usage": await import("@/app/api/v1/accounts/[accountId]/usage/route"),
  "/accounts/{accountId}/charges": await import("@/app/api/v1/accounts/[accountId]/charges/route"),
  "/accounts/{accountId}/balance": await import("@/app/api/v1/accounts/[accountId]/balance/route"),
  "/accounts/{accountId}/events": await import("@/app/api/v1/accounts/[accountId]/events/route"),
  "/openapi.json": { GET: async () => (await import("@/app/api/v1/openapi.json/route")).GET() },
};

/** The path params of `path` under `template`: "/accounts/{accountId}/balance" + "/accounts/a1/balance" → { accountId: "a1" }. */
function paramsOf(template: string, path: string): Record<string, string> {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const re = new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^/}]+\}/g, "([^/]+)")}$`);
  const values = path.match(re)?.slice(1) ?? [];
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i] ?? "")]));
}

/** A fetch over the route handlers: answers as the app would, each checked against the document. */
export async function routeFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
  const req = input instanceof Request && !init ? input : new Request(input, init);
  const url = new URL(req.url);
  const template = templateOf(url.pathname);
  const rel = url.pathname.replace(/^\/api\/v1/, "");
  const handler = ROUTES[template]?.[req.method as keyof Route];
  if (!handler) return new Response(null, { status: 405 });
  // As Next.js does: a route without dynamic segments gets no params at all.
  const params = template.includes("{") ? Promise.resolve(paramsOf(template, rel)) : undefined;
  return checked(await handler(req, { params } as { params: Promise<Record<string, string>> }), req.method, url.pathname);
}
