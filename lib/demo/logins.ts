// The demo's accounts and shared password, apart from the seed that writes them: the
// sign-in page shows the password without loading the engine the seed drives.
export const DEMO_PASSWORD = "demo-password";

/** Fixed ids, so the demo's accounts keep their URLs across re-seeding. */
export const DEMO_ACCOUNTS = [
  { id: "0a1c0000-0000-4000-8000-000000000001", name: "Acme Cloud Ltd", domain: "acme.example" },
  { id: "0a1c0000-0000-4000-8000-000000000002", name: "Globex Research", domain: "globex.example" },
] as const;

/** One user in both accounts (finance in one, member in the other), to show switching. */
export const CONSULTANT = { email: "consultant@partners.example", name: "Chen Consultant" } as const;
