// bench:invoices' ZIP figures: every invoice of the bench's month as one archive through the
// stream the download route answers with (lib/zip/stream.ts), read to the end as a client
// would. It runs in a process of its own, so its peak memory is the ZIP's, not what the
// issuing and rendering passes before it left in the bench's heap. `benchZip` starts it;
// run directly (BENCH_ZIP_URL, BENCH_ZIP_PERIOD), it zips and prints its figures as JSON.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { and, asc, eq, gt } from "drizzle-orm";
import { type Db, openDatabase } from "@/db/client";
import { invoices } from "@/db/schema";
import { invoiceZipEntry } from "@/lib/invoices/zip";
import { type ZipEntry, zipStream } from "@/lib/zip/stream";

const MB = 1024 * 1024;

interface ZipFigures {
  files: number;
  bytes: number;
  seconds: number;
  peakRss: number;
  startRss: number;
}

/** The period's invoices as ZIP entries, their rows read 500 at a time (keyset on the number). */
async function* entriesOf(db: Db, period: string, onEntry: () => void): AsyncGenerator<ZipEntry> {
  let after = "";
  for (;;) {
    const rows = await db
      .select({ id: invoices.id, accountId: invoices.accountId, number: invoices.number, issuedAt: invoices.issuedAt })
      .from(invoices)
      .where(and(eq(invoices.period, period), gt(invoices.number, after)))
      .orderBy(asc(invoices.number))
      .limit(500);
    if (rows.length === 0) return;
    for (const row of rows) {
      onEntry();
      yield invoiceZipEntry(db, row);
    }
    after = rows[rows.length - 1]!.number;
  }
}

async function zipPeriod(url: string, period: string): Promise<ZipFigures> {
  const handle = openDatabase({ url, max: 2 });
  try {
    const startRss = process.memoryUsage().rss;
    let peakRss = startRss;
    let files = 0;
    let bytes = 0;
    const t = performance.now();
    const reader = zipStream(entriesOf(handle.db, period, () => files++)).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    return { files, bytes, seconds: (performance.now() - t) / 1000, peakRss, startRss };
  } finally {
    await handle.close();
  }
}

/** Zips the period's invoices in a child process; the line to print and the peak in MiB. */
export async function benchZip(url: string, period: string, expected: number): Promise<{ line: string; peakMiB: number }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_ZIP_URL: url, BENCH_ZIP_PERIOD: period },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the ZIP process exited with ${code}`);
  const f = JSON.parse(out.trim().split("\n").pop()!) as ZipFigures;
  if (f.files !== expected) throw new Error(`expected ${expected} PDFs in the ZIP, got ${f.files}`);
  const line = `ZIP of ${f.files} invoices (stored PDFs, streamed): ${f.seconds.toFixed(1)} s (${(f.files / f.seconds).toFixed(0)} PDFs/s, ${(f.bytes / MB).toFixed(1)} MiB archive); peak RSS of its process ${(f.peakRss / MB).toFixed(0)} MiB (${(f.startRss / MB).toFixed(0)} MiB at its start; limit 500 MiB)`;
  return { line, peakMiB: f.peakRss / MB };
}

if (process.env.BENCH_ZIP_URL && process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await zipPeriod(process.env.BENCH_ZIP_URL, process.env.BENCH_ZIP_PERIOD ?? "")));
}
