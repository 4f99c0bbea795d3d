// `npm run db:seed`: writes the demo users (password demo-password) and data. Only for the
// demo: outside demo mode (BILLING_DEMO=on) it refuses unless told `--demo` explicitly,
// so a production database never gets a staff user with a published password by accident.
import { isDemoMode } from "@/lib/env";

if (!isDemoMode() && !process.argv.slice(2).includes("--demo")) {
  console.error(
    "Refusing to seed demo data: this is production mode (BILLING_DEMO is not on). The demo's users share the published password demo-password. Run `npm run db:seed -- --demo` to seed this database anyway, or set BILLING_DEMO=on.",
  );
  process.exit(2);
}
// Loaded only once allowed: refusing needs no database and none of the seed's modules.
const { printDemoLogins, seedDemo } = await import("@/lib/demo/seed");
const { openCliDb } = await import("./open");
const handle = await openCliDb();
await seedDemo(handle.db);
printDemoLogins();
await handle.close();
