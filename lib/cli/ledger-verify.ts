import { formatVerifyReport, verifyLedger } from "@/lib/ledger/verify";
import { openCliDb } from "./open";

// npm run ledger:verify — proves every balance from its entries and the spend rollups from the charges; exits 1 on any violation.
const handle = await openCliDb();
try {
  const report = await verifyLedger(handle.db, { rollups: true });
  console.log(`Database: ${handle.kind === "postgres" ? "PostgreSQL server" : "embedded PGlite"}`);
  console.log(formatVerifyReport(report));
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await handle.close();
}
