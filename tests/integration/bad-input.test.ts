import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import postgres from "postgres";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as invoicePdfByLink } from "@/app/invoice-link/[token]/pdf/route";
import { GET as getBalance } from "@/app/api/v1/balance/route";
import { openDatabase, setDbHandle } from "@/db/client";
import { billingProfiles, contracts } from "@/db/schema";
import { createApiKey } from "@/lib/api/keys";
import { isDatabaseUnavailable } from "@/lib/errors";
import { invoiceFromLink } from "@/lib/invoices/link-access";
import { proxy } from "@/proxy";
import { ensureCatalogue } from "../fixtures/billing";
import { freePort } from "../fixtures/fresh-database";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";

process.env.AUTH_SECRET ??= "test-secret-for-bad-input";

// Actions run as in Next.js, through accountAction; only the session and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => (await import("../fixtures/sessions")).sessionUserOf(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { saveContractAction } = await import("@/lib/actions/contracts/save-contract");

const handle = useTestDb();
const db = () => handle().db;
beforeAll(async () => {
  await ensureCatalogue(db());
});

/** A port nothing listens on: the database "server" is down. */
const closedPort = freePort;

/** Runs fn with the app's connection pointed at a database server that is not there. */
async function withUnreachableDatabase(fn: () => Promise<void>) {
  const down = openDatabase({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/billing`, max: 1 });
  setDbHandle(down);
  try {
    await fn();
  } finally {
    setDbHandle(handle());
    await down.close().catch(() => {});
  }
}

async function expectErrorShape(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message).not.toMatch(/URIError|malformed URI|stack|at /);
}

describe("a malformed percent-encoding in the path", () => {
  it.each(["/invoice-link/%E0%A4%A", "/invoice-link/%E0%A4%A/pdf", "/invoice-link/%ZZ/pdf", "/invite/%ZZ", "/api/v1/resources/%E0%A4%A", "/a/%ZZ/billing"])(
    "%s is a 400 with the usual error shape, answered before the router",
    async (path) => {
      await expectErrorShape(await proxy(new NextRequest(`http://localhost${path}`)), 400, "VALIDATION");
    },
  );

  it("a well-formed public path still goes on to its page", async () => {
    const res = await proxy(new NextRequest("http://localhost/invoice-link/abc%2Edef/pdf"));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("the invoice link with a token that cannot be decoded once more", () => {
  it("PDF: '%25' reaches the handler as '%' and is a 403, not a 500", async () => {
    for (const token of ["abc%", "%", "%E0%A4%A", "x".repeat(300)]) {
      await expectErrorShape(await invoicePdfByLink(new Request("http://localhost/x"), { params: Promise.resolve({ token }) }), 403, "FORBIDDEN");
    }
  });

  it("page: such a token opens nothing (the page answers 403), it does not throw", async () => {
    for (const token of ["abc%25", "abc%", "%E0%A4%A"]) expect(await invoiceFromLink(token)).toBeNull();
  });
});

describe("the contract save action with contractId \"\"", () => {
  it("is a validation error and writes nothing", async () => {
    const { account, members } = await createAccount(db());
    await db().insert(billingProfiles).values({ accountId: account.id, companyName: "Initech LLC", address: "1 Loop", country: "US", taxId: "US-1" });
    session.uid = members.owner.id;
    const form = { accountId: account.id, kind: "service_agreement", locale: "en", startsOn: "2027-01-01", endsOn: "2028-01-01" };
    for (const contractId of ["", "not-a-uuid"]) {
      const r = await saveContractAction({ ...form, contractId });
      expect(r).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { contractId: expect.any(Array) } });
    }
    expect(await db().select().from(contracts).where(eq(contracts.accountId, account.id))).toEqual([]);
  });
});

describe("while the database cannot be reached", () => {
  it("the API answers 503 UNAVAILABLE with Retry-After, not 500 INTERNAL", async () => {
    const { account, members } = await createAccount(db(), ["owner"]);
    const { key } = await createApiKey(db(), { accountId: account.id, name: "provisioner", userId: members.owner.id });
    await withUnreachableDatabase(async () => {
      const res = await getBalance(new Request("http://localhost/api/v1/balance", { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      await expectErrorShape(res, 503, "UNAVAILABLE");
      const h = await health();
      expect(h.headers.get("retry-after")).toBeTruthy();
      await expectErrorShape(h, 503, "UNAVAILABLE");
    });
    // And once it is back, the same request works.
    expect((await getBalance(new Request("http://localhost/api/v1/balance", { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) })).status).toBe(200);
    expect((await health()).status).toBe(200);
  });

  it("the invoice link's PDF answers 503 too", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    const { signInvoiceLink } = await import("@/lib/invoices/link");
    const token = signInvoiceLink({ invoiceId: crypto.randomUUID(), accountId: account.id, expiresAt: new Date(Date.now() + 86_400_000) });
    await withUnreachableDatabase(async () => {
      const res = await invoicePdfByLink(new Request("http://localhost/x"), { params: Promise.resolve({ token }) });
      expect(res.headers.get("retry-after")).toBeTruthy();
      await expectErrorShape(res, 503, "UNAVAILABLE");
    });
  });

  it("an action answers UNAVAILABLE, not INTERNAL", async () => {
    const { account, members } = await createAccount(db());
    session.uid = members.owner.id;
    await withUnreachableDatabase(async () => {
      const r = await saveContractAction({ accountId: account.id, kind: "service_agreement", locale: "en", startsOn: "2027-01-01", endsOn: "2028-01-01" });
      expect(r).toMatchObject({ ok: false, code: "UNAVAILABLE" });
    });
  });

  it.skipIf(!onPostgres())("on PostgreSQL, a backend terminated by the server (57P01 admin_shutdown) counts as unavailable", async () => {
    const own = openDatabase({ url: process.env.DATABASE_URL!, max: 1 });
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [{ pid }] = (await own.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as [{ pid: number }];
      const sleeping = own.db.execute(sql`select pg_sleep(10)`).then(() => null, (e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300));
      await admin`select pg_terminate_backend(${pid})`;
      const err = await sleeping;
      expect(err).toBeTruthy();
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      await admin.end();
      await own.close().catch(() => {});
    }
  });
});
