/**
 * Where to go after signing in, from a `callbackUrl` the visitor controls. An open redirect
 * here is a phishing aid ("sign in, then land on a copy of the site"), and string checks
 * such as "starts with one slash" are beaten by what browsers do with the rest: they drop
 * tabs and newlines (`/\t/evil.example` becomes `//evil.example`), read `\` as `/`, and
 * normalise `/.//evil` to `//evil`. So the URL standard's own parser decides: the value is
 * resolved against the app's origin and kept only when the result is on that origin.
 *
 * Refused outright: any control character (C0, DEL, C1: a browser strips or rewrites them),
 * any backslash, and leading or trailing spaces, both as given and after decoding one level
 * of percent-encoding (a later hop that decodes once more must not find them either).
 * What comes back is always a path on this site (path, query and fragment), or `fallback`.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

export function safeCallbackPath(raw: string | null | undefined, appOrigin: string, fallback = "/"): string {
  if (typeof raw !== "string" || raw === "" || raw.length > 2000) return fallback;
  let origin: string;
  try {
    origin = new URL(appOrigin).origin;
  } catch {
    return fallback;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return fallback; // a broken percent-encoding is nobody's real page
  }
  for (const s of [raw, decoded]) {
    if (UNSAFE.test(s) || s !== s.trim()) return fallback;
    // Relative values must be paths; anything else must be an absolute URL of this app.
    if (!s.startsWith("/") && !URL.canParse(s)) return fallback;
    if (!s.startsWith("/") && new URL(s).origin !== origin) return fallback;
    if (!URL.canParse(s, origin)) return fallback;
    const url = new URL(s, origin);
    if (url.origin !== origin) return fallback;
    // "/.//evil" resolves to the path "//evil", which a Location header reads as another host.
    if (url.pathname.startsWith("//")) return fallback;
  }
  const url = new URL(raw, origin);
  return `${url.pathname}${url.search}${url.hash}`;
}
