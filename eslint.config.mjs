import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
      // TODO(issue 17): walls (the heartbeat's wall-clock stamps: wallClockMs() or clockNow()).
      "lib/jobs/schedule.ts",
      // TODO(issue 17): ui (the countersign form's default date).
      "components/contracts/staff-actions.tsx",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Read the time with clockNow() from @/lib/clock (wallClockMs() for a duration)." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Read the time with clockNow() from @/lib/clock (wallClockMs() for a duration)." },
      ],
    },
  },
  // Test fixtures named use* (useTestDb, useBrowser) register Vitest hooks, not React ones.
  { files: ["tests/**", "**/*.test.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
