/** The http(s) links of a rendered email, in order, without duplicates (the iframe is sandboxed, so they are offered outside it). */
export function extractLinks(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/href="([^"]+)"/gi)) {
    const url = m[1]!.replace(/&amp;/g, "&").replace(/&#x3D;|&#61;/g, "=");
    if (/^https?:\/\//i.test(url)) out.add(url);
  }
  return [...out];
}
