export * from "./identity";
export * from "./email";
export * from "./audit";
export * from "./ledger";
export * from "./billing";
export * from "./payments";
export * from "./invoices";
export * from "./spend";
