// `npm test`: builds the app once, then runs the unit, integration and end-to-end
// projects in one Vitest run — on the embedded PGlite by default, on the Postgres
// server of DATABASE_URL when it is set. Ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
const args = process.argv.slice(2);

// `--project e2e` and `--project=e2e` both name a project; only a run that includes e2e needs a build.
const projects = args.flatMap((a, i) => (a.startsWith("--project=") ? [a.slice("--project=".length)] : a === "--project" ? [args[i + 1]] : []));
if (process.env.SKIP_BUILD !== "1" && (projects.length === 0 || projects.includes("e2e"))) {
  console.log("› next build (for the end-to-end tests)");
  if (run("npx", ["next", "build"], { NODE_ENV: "production" }) !== 0) process.exit(1);
}

mkdirSync("tests/.tmp", { recursive: true });
const out = "tests/.tmp/vitest-results.json";
rmSync(out, { force: true });
console.log(`› vitest on ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite"}`);
const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...args]);

if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(status);
