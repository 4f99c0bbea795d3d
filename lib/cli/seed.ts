import { printDemoLogins, seedDemo } from "@/db/seed";
import { openCliDb } from "./open";

const handle = await openCliDb();
await seedDemo(handle.db);
printDemoLogins();
await handle.close();
