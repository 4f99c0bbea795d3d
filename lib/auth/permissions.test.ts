import { describe, expect, it } from "vitest";
import { assignableRoles, can, MEMBER_ROLES, staffCan } from "./permissions";

describe("permissions", () => {
  it.each([
    ["owner", ["billing.read", "members.manage", "resources.manage", "invoices.read"], []],
    ["admin", ["billing.read", "members.manage", "resources.manage"], []],
    ["finance", ["billing.read", "topups.create", "invoices.read", "contracts.manage", "budgets.manage", "resources.read"], ["members.read", "members.manage"]],
    ["member", ["resources.read", "resources.manage"], ["billing.read", "invoices.read", "topups.create", "members.read", "transactions.read", "budgets.manage"]],
  ] as const)("%s", (role, allowed, denied) => {
    for (const p of allowed) expect(can(role, p), p).toBe(true);
    for (const p of denied) expect(can(role, p), p).toBe(false);
  });

  it("nobody without a role can do anything", () => {
    expect(can(null, "resources.read")).toBe(false);
    expect(can(undefined, "account.read")).toBe(false);
  });

  it("support staff read, only finance staff move money", () => {
    expect(staffCan("support", "staff.read")).toBe(true);
    expect(staffCan("support", "staff.money")).toBe(false);
    expect(staffCan("finance", "staff.money")).toBe(true);
    expect(staffCan(null, "staff.read")).toBe(false);
  });

  it("only owners make owners", () => {
    expect(assignableRoles("owner")).toEqual([...MEMBER_ROLES]);
    expect(assignableRoles("admin")).not.toContain("owner");
  });
});
