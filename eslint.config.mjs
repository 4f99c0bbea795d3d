import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The walls between the layers (docs/architecture.md). import/no-restricted-paths resolves each
// import, so "@/db/client" and "../../db/client" are the same file to it; tests beside the
// code may reach across.
const TESTS = ["**/*.test.{ts,tsx}"];
const wall = (files, ignores, zones) => ({
  files,
  ignores: [...TESTS, ...ignores],
  rules: { "import/no-restricted-paths": ["error", { zones: zones.map(([from, message]) => ({ target: ".", from, message })) }] },
});
const NOT_APP = ["./app", "lib/ and db/ never import app/: pages call them, not the reverse."];
const NOT_COMPONENTS = ["./components", "lib/ and db/ never import components/: the UI depends on them, not the reverse."];
// The entry layers may start and run jobs (the server, the CLI, staff "run now", the demo's
// history); the domain folders may not: jobs call the domain, not the reverse.
const ENTRY = ["lib/jobs/**", "lib/cli/**", "lib/server/**", "lib/demo/**", "lib/actions/**"];
const NO_SQL = "Pages and route handlers never talk SQL: they read through db/queries or lib/.";
const walls = [
  wall(["components/**"], [], [["./db", "components/ never import db/: pages and lib/ read the data and pass it in."]]),
  wall(["db/**"], [], [["./lib", "db/ imports nothing from lib/: what a query needs lives in db/ or stays with its caller."], NOT_APP, NOT_COMPONENTS]),
  wall(ENTRY, [], [NOT_APP, NOT_COMPONENTS]),
  wall(["lib/**"], ENTRY, [NOT_APP, NOT_COMPONENTS, ["./lib/jobs", "The domain never imports lib/jobs/: jobs call the domain, not the reverse."]]),
  {
    files: ["app/**"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*", "**/db/schema", "**/db/schema/*", "**/db/rows", "**/db/tx"], message: NO_SQL },
            { group: ["**/db/client"], importNames: ["getDbHandle", "openDatabase"], message: `${NO_SQL} They pass getDb() along; the raw connection is for the server and the CLI.` },
          ],
        },
      ],
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "tests/.tmp/**", "db/migrations/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // One clock: "now" is clockNow() (lib/clock.ts), which simulated time (atTime) can set, so
  // the demo's history and the tests stamp one time throughout. A duration measured on the
  // wall clock uses wallClockMs() from the same module.
  {
    files: ["lib/**/*.{ts,tsx}", "db/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: [
      "lib/clock.ts",
      "**/*.test.{ts,tsx}",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Read the time with clockNow() from @/lib/clock (wallClockMs() for a duration)." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Read the time with clockNow() from @/lib/clock (wallClockMs() for a duration)." },
      ],
    },
  },
  ...walls,
  // Test fixtures named use* (useTestDb, useBrowser) register Vitest hooks, not React ones.
  { files: ["tests/**", "**/*.test.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
