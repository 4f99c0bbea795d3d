// A Billing Center event receiver with no framework: node:http and node:crypto only.
// Run: BILLING_WEBHOOK_SECRET=whsec_… PORT=4400 node receiver.mjs
// It verifies Billing-Signature (400 when missing, bad or older than 5 minutes), answers 2xx
// at once, skips an event id it has already handled (deliveries are at least once), and prints
// one line per event: `event <type> account=<id> resource=<id> reason=<reason> id=<event id>`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const SECRET = process.env.BILLING_WEBHOOK_SECRET;
const PORT = Number(process.env.PORT ?? 4400);
const HOST = process.env.HOST ?? "127.0.0.1";
const TOLERANCE_SECONDS = 300;
const MAX_BODY_BYTES = 1_000_000;

if (!SECRET) {
  console.error("Set BILLING_WEBHOOK_SECRET to the endpoint's signing secret (whsec_…, shown once in /staff/webhooks).");
  process.exit(1);
}

/** t and every v1 of the header; accepts when any v1 matches (two during a secret rotation), compared in constant time. */
export function verify(header, rawBody, secret, toleranceSeconds = TOLERANCE_SECONDS, now = Date.now() / 1000) {
  let t = null;
  const sigs = [];
  for (const part of String(header ?? "").split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k === "t" && /^\d+$/.test(v ?? "")) t = Number(v);
    else if (k === "v1" && /^[0-9a-f]{64}$/.test(v ?? "")) sigs.push(Buffer.from(v, "hex"));
  }
  if (t === null || sigs.length === 0) return false;
  if (Math.abs(now - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`, "utf8").digest();
  return sigs.some((s) => timingSafeEqual(s, expected));
}

// In memory for the example; a real platform keeps handled ids in its database, in the same
// transaction as the work the event caused, for at least the 3 days deliveries are retried.
const seen = new Set();

/** What a platform would do with an event; here it only says so. */
function act(event) {
  const resource = event.data?.resource;
  switch (event.type) {
    case "resource.stopped":
      // Power the server off but keep its disk: it is released at event.data.releaseAt unless the customer pays.
      break;
    case "resource.resumed":
      // Power it on again: billing charges it from event.data.resumedAt.
      break;
    case "resource.released":
      // Delete the server and its data (reason: customer, overdue or expiry).
      break;
    default:
      break;
  }
  const fields = [`event ${event.type}`, `account=${event.accountId}`];
  if (resource) fields.push(`resource=${resource.externalId ?? resource.id}`);
  if (event.data?.reason) fields.push(`reason=${event.data.reason}`);
  fields.push(`id=${event.id}`);
  console.log(fields.join(" "));
}

const server = createServer((req, res) => {
  if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
  const chunks = [];
  let size = 0;
  req.on("data", (c) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) req.destroy();
    else chunks.push(c);
  });
  req.on("end", () => {
    // Verify the raw bytes exactly as received, before parsing them.
    const raw = Buffer.concat(chunks).toString("utf8");
    if (!verify(req.headers["billing-signature"], raw, SECRET)) {
      console.log(`rejected bad signature id=${req.headers["billing-event-id"] ?? "-"}`);
      return void res.writeHead(400, { "content-type": "text/plain" }).end("bad signature\n");
    }
    let event;
    try {
      event = JSON.parse(raw);
    } catch {
      return void res.writeHead(400, { "content-type": "text/plain" }).end("bad json\n");
    }
    res.writeHead(204).end();
    if (seen.has(event.id)) return void console.log(`duplicate ${event.type} id=${event.id}`);
    seen.add(event.id);
    act(event);
  });
});

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  console.log(`listening http://${HOST}:${port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
