import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema";

/**
 * A typed client of the Billing Center API (openapi-fetch over the types `npm run api:types`
 * generates from the OpenAPI document). It imports nothing of the app, so a platform's code,
 * examples/ and the tests use the same one:
 *
 *   const api = createBillingClient("https://billing.example.com", process.env.BILLING_KEY!);
 *   const { data, error, response } = await api.GET("/accounts/{accountId}/balance", { params: { path: { accountId } } });
 *
 * `baseUrl` is the app's address (without /api/v1); `key` an account or a platform key.
 * `options.fetch` replaces the transport (e.g. a test's dispatcher).
 */
export function createBillingClient(baseUrl: string, key: string, options: Omit<ClientOptions, "baseUrl"> = {}) {
  return createClient<paths>({
    ...options,
    baseUrl: `${baseUrl.replace(/\/+$/, "")}/api/v1`,
    headers: { ...(options.headers as Record<string, string> | undefined), authorization: `Bearer ${key}` },
  });
}

export type BillingClient = ReturnType<typeof createBillingClient>;
export type { components, paths };
export type ApiSchemas = components["schemas"];
/** An event as delivered to a webhook (and listed by GET /events), discriminated by `type`. */
export type BillingEvent = components["schemas"]["Event"];
