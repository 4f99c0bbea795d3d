// Loading a signed-in page as the page benches do (bench:overview, bench:costs): a check that it
// answers what it should, then autocannon for a while, refusing any non-2xx, error or timeout.
import autocannon from "autocannon";

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  seconds: number;
}

export async function load(url: string, cookie: string, seconds: number, connections: number): Promise<Measured> {
  const r = await autocannon({ url, connections, duration: seconds, headers: { cookie }, timeout: 30 });
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { rps: r.requests.total / (r.duration || seconds), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, seconds: r.duration || seconds };
}

export async function expectPage(url: string, cookie: string, needles: string[]): Promise<void> {
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}, not 200 (is the session cookie accepted?)`);
  for (const n of needles) if (!body.includes(n)) throw new Error(`${url} answered 200 without ${JSON.stringify(n)}`);
}
