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
  // Test fixtures named use* (useTestDb, useBrowser) register Vitest hooks, not React ones.
  { files: ["tests/**", "**/*.test.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
