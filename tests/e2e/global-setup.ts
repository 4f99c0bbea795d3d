import type { TestProject } from "vitest/node";
import { freshAppDatabase } from "../fixtures/fresh-database";
import { appOnFreePort, startApp } from "./app-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The app's Postgres database, when the run is on a server (null on PGlite, which the app holds). */
    databaseUrl: string | null;
  }
}

/** Starts the production build (`next start`) on a free port and waits until it answers. */
export default async function setup(project: TestProject) {
  // A database of the end-to-end run's own, so the app starts empty and seeds the demo.
  const database = await freshAppDatabase("e2e");
  const env = await appOnFreePort(database.env);
  const app = await startApp(env);
  project.provide("baseUrl", app.baseUrl);
  project.provide("databaseUrl", env.DATABASE_URL ?? null);

  return async () => {
    if (process.env.E2E_SERVER_LOG) console.log(app.log());
    await app.stop();
    await new Promise((r) => setTimeout(r, 1500));
    if (env.PGLITE_DATA_DIR) await database.drop();
  };
}
