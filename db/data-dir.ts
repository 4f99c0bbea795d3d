import path from "node:path";

/** Folder of the embedded database (PGLITE_DATA_DIR); the demo's generated secrets sit beside it. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DATA_DIR ?? ".data/pglite");
}
