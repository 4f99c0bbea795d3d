/** Where customers send bank transfers: the platform's own account, configured per deployment (demo values otherwise). */
export function wireDetails() {
  return {
    beneficiary: process.env.WIRE_BENEFICIARY ?? "Billing Center Demo Ltd",
    bank: process.env.WIRE_BANK ?? "Demo Commercial Bank, Singapore",
    accountNumber: process.env.WIRE_ACCOUNT_NUMBER ?? "000-123456-789",
    swift: process.env.WIRE_SWIFT ?? "DEMOSGSGXXX",
  };
}
