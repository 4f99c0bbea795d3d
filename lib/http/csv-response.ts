import { Readable } from "node:stream";

import { clockNow } from "@/lib/clock";
/**
 * Streams CSV lines as a download: a BOM first so spreadsheet programs read 简体中文 as
 * UTF-8, CRLF line ends, never cached. `name` becomes `<name>-<UTC date>.csv`.
 */
export function csvResponse(lines: AsyncIterable<string>, name: string): Response {
  async function* body() {
    yield "\uFEFF";
    for await (const line of lines) yield `${line}\r\n`;
  }
  return new Response(Readable.toWeb(Readable.from(body())) as ReadableStream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-${clockNow().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
