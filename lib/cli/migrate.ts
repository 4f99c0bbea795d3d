import { openCliDb } from "./open";

const handle = await openCliDb();
console.log(`Migrations applied (${handle.kind}).`);
await handle.close();
