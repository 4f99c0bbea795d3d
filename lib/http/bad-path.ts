/**
 * Next.js decodes every dynamic path segment itself; a malformed percent-encoding ("%ZZ",
 * a cut "%E0%A4%A") makes its router throw, and the request answered 500 before any page or
 * handler of ours ran. The proxy sees the request first, so it answers these as a 400.
 */
export function hasMalformedEncoding(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/** The usual error shape, for a path that cannot even be decoded. */
export function badPathResponse(): Response {
  return Response.json({ error: { code: "VALIDATION", message: "The address is not valid: it has a malformed percent-encoding." } }, { status: 400, headers: { "cache-control": "no-store" } });
}

/** A path parameter decoded once more by hand, or null when that is not possible (a stray "%"). */
export function decodeParam(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
