import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/api/openapi";

/**
 * The API's answers checked against its OpenAPI 3.1 document (lib/api/openapi.ts), with Ajv's
 * JSON Schema 2020-12 validator, the dialect OpenAPI 3.1 schemas are written in. An API test
 * opts in by passing a response through `checked(res, method, path)`, or by wrapping a route
 * handler with `checkedRoute(handler)` (method and path come from the request): the status
 * must be documented for that operation, a documented header (Retry-After on 429 and 503)
 * present and valid, and the JSON body must match the documented schema. `contractSeen`
 * records what was checked, so a test can say which operations and statuses it covered.
 */

type Json = Record<string, unknown>;
type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

const doc = JSON.parse(JSON.stringify(openApiDocument)) as Json & { paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>>; servers: { url: string }[] };
const BASE = doc.servers[0]!.url;
const COMPONENTS = "https://billing-center.invalid/openapi-components.json";

/** The document's schema refs (#/components/schemas/X) as refs into one registered schema of all components. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/") ? `${COMPONENTS}#/$defs/${v.slice("#/components/schemas/".length)}` : rebase(v)]),
  );
}

const ajv = new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: COMPONENTS, $defs: rebase(doc.components.schemas) as Json });

const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: Json): ValidateFunction {
  let v = compiled.get(key);
  if (!v) compiled.set(key, (v = ajv.compile(rebase(schema) as Json)));
  return v;
}

const deref = <T extends Json>(node: T | { $ref: string }): T => {
  const r = (node as { $ref?: string }).$ref;
  if (!r) return node as T;
  const [, section, name] = r.match(/^#\/components\/([^/]+)\/(.+)$/) ?? [];
  const found = section && name ? doc.components[section]?.[name] : undefined;
  if (!found) throw new Error(`unresolved ${r}`);
  return found as T;
};

const templates = Object.keys(doc.paths).map((t) => ({ template: t, re: new RegExp(`^${t.replace(/[.]/g, "\\.").replace(/\{[^/}]+\}/g, "[^/]+")}$`) }));

/** The document's path template for an actual path ("/api/v1/accounts/…/balance" → "/accounts/{accountId}/balance"). */
export function templateOf(path: string): string {
  const p = new URL(path, "http://localhost").pathname;
  const rel = p.startsWith(`${BASE}/`) ? p.slice(BASE.length) : p;
  const hit = templates.find((t) => t.re.test(rel));
  if (!hit) throw new Error(`${path} is not a path of the OpenAPI document`);
  return hit.template;
}

/** "METHOD template status" of every response checked so far in this test file. */
export const contractSeen = new Set<string>();

function fail(what: string, detail: unknown): never {
  throw new Error(`OpenAPI contract: ${what}\n${typeof detail === "string" ? detail : JSON.stringify(detail, null, 2)}`);
}

/** Checks status, documented headers and JSON body of `res` against the operation `method path`; returns `res` unread. */
export async function checked(res: Response, method: string, path: string): Promise<Response> {
  const template = templateOf(path);
  const m = method.toLowerCase();
  const op = doc.paths[template]?.[m] as { responses?: Record<string, Json> } | undefined;
  if (!op?.responses) fail(`${method} ${template} is not documented`, path);
  const status = String(res.status);
  const declared = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  const where = `${method.toUpperCase()} ${template} ${status}`;
  if (!declared) fail(`${where} is not a documented status (documented: ${Object.keys(op.responses).join(", ")})`, await res.clone().text());
  const response = deref(declared) as { headers?: Record<string, Json>; content?: Record<string, { schema?: Json }> };

  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const header = deref(h) as { required?: boolean; schema?: Json };
    const value = res.headers.get(name);
    if (value === null) {
      if (header.required) fail(`${where}: header ${name} is missing`, Object.fromEntries(res.headers));
      continue;
    }
    const schema = header.schema ?? {};
    const typed = schema.type === "integer" || schema.type === "number" ? (/^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value) : value;
    const v = validator(`${where} header ${name}`, schema);
    if (!v(typed)) fail(`${where}: header ${name}: ${value}`, v.errors);
  }

  const schema = response.content?.["application/json"]?.schema;
  if (schema) {
    const type = res.headers.get("content-type") ?? "";
    if (!type.startsWith("application/json")) fail(`${where}: content-type is ${type || "missing"}, not application/json`, "");
    const text = await res.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      fail(`${where}: the body is not JSON`, text.slice(0, 500));
    }
    const v = validator(`${where} body`, schema);
    if (!v(body)) fail(`${where}: the body does not match the document`, { errors: v.errors, body });
  }
  contractSeen.add(where);
  return res;
}

/** A route handler whose every answer is checked against the document (method and path from the request). */
export function checkedRoute<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => checked(await handler(req, ctx), req.method, req.url);
}

/** Validates `value` against a named component schema (e.g. an event envelope); returns Ajv's errors or null. */
export function schemaErrors(name: string, value: unknown) {
  const v = validator(`schema ${name}`, { $ref: `#/components/schemas/${name}` });
  return v(value) ? null : v.errors;
}

/** A route module whose exported handlers are each wrapped by checkedRoute. */
export function checkedModule<M extends object>(mod: M): M {
  return Object.fromEntries(Object.entries(mod).map(([k, v]) => [k, /^(GET|POST|PUT|PATCH|DELETE)$/.test(k) && typeof v === "function" ? checkedRoute(v as Handler<unknown>) : v])) as M;
}
