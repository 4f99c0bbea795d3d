/**
 * The one map from permissions to roles. Actions, route handlers and pages all ask
 * `can(role, permission)`; the sidebar uses the same map to hide what a role cannot do.
 */
export const MEMBER_ROLES = ["owner", "admin", "finance", "member"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const STAFF_ROLES = ["finance", "support"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const ALL: readonly MemberRole[] = MEMBER_ROLES;
const MONEY: readonly MemberRole[] = ["owner", "admin", "finance"];
const ADMINS: readonly MemberRole[] = ["owner", "admin"];

export const ACCOUNT_PERMISSIONS = {
  "billing.read": MONEY,
  "topups.create": MONEY,
  "payment_methods.manage": MONEY,
  "auto_recharge.manage": MONEY,
  "alerts.manage": MONEY,
  /** Monthly budgets: who may change money settings may set them; they never block spending. */
  "budgets.manage": MONEY,
  "vouchers.redeem": MONEY,
  "invoices.read": MONEY,
  "invoices.pay": MONEY,
  "contracts.manage": MONEY,
  "billing_profile.manage": MONEY,
  "transactions.read": MONEY,
  "resources.read": ALL,
  "resources.manage": ALL,
  "members.read": ADMINS,
  "members.manage": ADMINS,
  "api_keys.manage": ADMINS,
  "account.read": ALL,
} as const satisfies Record<string, readonly MemberRole[]>;

export type AccountPermission = keyof typeof ACCOUNT_PERMISSIONS;

export const STAFF_PERMISSIONS = {
  "staff.read": ["finance", "support"],
  "staff.money": ["finance"],
  "staff.outbox.resend": ["finance"],
  "staff.vouchers.manage": ["finance"],
  /** Disable or enable a customer user (their sessions end at once). */
  "staff.users.manage": ["finance"],
  /** Platform webhook endpoints: create, edit, rotate, disable; resend and replay deliveries (support only sees them). */
  "staff.webhooks.manage": ["finance"],
  /** Platform API keys (act on any account): create and revoke (support only sees the list). */
  "staff.platform_keys.manage": ["finance"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

export function can(role: MemberRole | null | undefined, permission: AccountPermission): boolean {
  return !!role && (ACCOUNT_PERMISSIONS[permission] as readonly MemberRole[]).includes(role);
}

export function staffCan(role: StaffRole | null | undefined, permission: StaffPermission): boolean {
  return !!role && (STAFF_PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

/** Roles a member may hand out: an admin cannot create owners. */
export function assignableRoles(actor: MemberRole): MemberRole[] {
  return actor === "owner" ? [...MEMBER_ROLES] : ["admin", "finance", "member"];
}
