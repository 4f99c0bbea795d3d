import { Zip, ZipPassThrough } from "fflate";

/** One file of a ZIP: its bytes are asked for only when the archive reaches it. */
export interface ZipEntry {
  name: string;
  date: Date;
  data: () => Promise<Uint8Array>;
}

/**
 * A ZIP as a byte stream, one entry at a time: the next entry's bytes are fetched (read,
 * or rendered) only when the reader has taken the previous one's, so memory holds one
 * document whatever the archive's size. Entries are stored, not deflated: PDFs are
 * compressed already, and deflating them again costs CPU for a few per cent.
 */
export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const it = entries[Symbol.asyncIterator]();
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  let finished = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else out.push(chunk);
    if (final) finished = true;
  });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (out.length === 0 && !finished && !failed) {
          const next = await it.next();
          if (next.done) {
            zip.end();
            continue;
          }
          const file = new ZipPassThrough(next.value.name);
          file.mtime = next.value.date;
          zip.add(file);
          file.push(await next.value.data(), true);
        }
        if (failed) throw failed;
        for (const chunk of out.splice(0)) controller.enqueue(chunk);
        if (finished) controller.close();
      } catch (e) {
        controller.error(e);
        await it.return?.();
      }
    },
    async cancel() {
      zip.terminate();
      await it.return?.();
    },
  });
}

/** A streamed ZIP download, never cached. */
export function zipResponse(entries: AsyncIterable<ZipEntry>, filename: string): Response {
  return new Response(zipStream(entries), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${filename}.zip"`,
      "cache-control": "private, no-store",
    },
  });
}
