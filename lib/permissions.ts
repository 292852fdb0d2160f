/**
 * The one permission vocabulary of Passage, shared by the server (which enforces it) and the UI
 * (which only uses it to hide what a user cannot do). A permission is `resource:action:scope`:
 *
 * - `own`    records the user owns or is assigned to, in one of their offices;
 * - `office` every record of the user's offices;
 * - `all`    every office (or, for a data officer restricted to a region, every office of it).
 *
 * Holding a wider scope implies the narrower one: `case:read:office` also grants `case:read:own`.
 */

export const ROLES = ["caseworker", "supervisor", "data_officer", "administrator"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ["own", "office", "all"] as const;
export type Scope = (typeof SCOPES)[number];

export const PERMISSIONS = [
  "case:create:office",
  "case:read:own",
  "case:read:office",
  "case:update:own",
  "case:update:office",
  "case:assign:office",
  "identity:read:own",
  "identity:read:office",
  "note:create:own",
  "note:create:office",
  "note:read:own",
  "note:read:office",
  "person:search:office",
  "form:read:own",
  "form:read:office",
  "form:write:own",
  "form:write:office",
  "determination:approve:office",
  "consent:write:own",
  "consent:write:office",
  "service:write:own",
  "service:write:office",
  "organisation:read:all",
  "organisation:manage:office",
  "organisation:manage:all",
  "referral:write:own",
  "referral:write:office",
  "referral:override:office",
  "transfer:request:own",
  "transfer:request:office",
  "transfer:decide:office",
  "personlink:decide:office",
  "closure:request:own",
  "closure:request:office",
  "closure:approve:office",
  "case:reopen:office",
  "programme:write:own",
  "programme:write:office",
  "travel:write:own",
  "travel:write:office",
  "reintegration:write:own",
  "reintegration:write:office",
  "monitoring:write:own",
  "monitoring:write:office",
  "audit:read:office",
  "audit:read:all",
  "audit:verify:all",
  "audit:export:office",
  "audit:export:all",
  "user:read:office",
  "user:manage:all",
  "access:confirm:office",
  "office:read:all",
  "office:manage:all",
  "stats:read:office",
  "stats:read:all",
  "export:aggregate:all",
  "import:write:office",
  "import:write:all",
  "export:cases:office",
  // Issue 11 items 6 and 12: who reached the hourly limit of identity reveals; erasure on request
  // (a supervisor asks, an administrator confirms); the retention period.
  "identity:monitor:office",
  "erasure:request:office",
  "erasure:confirm:all",
  "retention:manage:all",
  // Issue 15 item 11: every user changes their own password and ends their own sessions.
  "account:manage:own",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type Resource<P extends string> = P extends `${infer R}:${string}:${string}` ? R : never;
type Action<P extends string> = P extends `${string}:${infer A}:${string}` ? A : never;
export type PermissionBase = `${Resource<Permission>}:${Action<Permission>}`;

const CASEWORKER: readonly Permission[] = [
  "account:manage:own",
  "case:create:office",
  "case:read:own",
  "case:update:own",
  "identity:read:own",
  "note:create:own",
  "note:read:own",
  "person:search:office",
  "form:read:own",
  "form:write:own",
  "consent:write:own",
  "service:write:own",
  "organisation:read:all",
  "referral:write:own",
  "transfer:request:own",
  "closure:request:own",
  "programme:write:own",
  "travel:write:own",
  "reintegration:write:own",
  "monitoring:write:own",
];

/** Roles map to permissions in this one table. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  caseworker: CASEWORKER,
  supervisor: [
    ...CASEWORKER,
    "case:read:office",
    "case:update:office",
    "case:assign:office",
    "identity:read:office",
    "note:create:office",
    "note:read:office",
    "form:read:office",
    "form:write:office",
    "determination:approve:office",
    "consent:write:office",
    "service:write:office",
    "organisation:manage:office",
    "access:confirm:office",
    "referral:write:office",
    // Refer without the person's consent to share, with a reason (audited).
    "referral:override:office",
    "transfer:request:office",
    "transfer:decide:office",
    // Accept or decline another office's request to link a case to a person of theirs (issue 11).
    "personlink:decide:office",
    "closure:request:office",
    "closure:approve:office",
    "case:reopen:office",
    "programme:write:office",
    "travel:write:office",
    "reintegration:write:office",
    "monitoring:write:office",
    "audit:read:office",
    // The trail of their offices as a file (itself audited).
    "audit:export:office",
    "user:read:office",
    "stats:read:office",
    // Interchange files (issue 7): import into their offices, export their offices' cases.
    "import:write:office",
    "export:cases:office",
    // Issue 11: sees who of their offices reached the hourly reveal limit; asks for a person's erasure.
    "identity:monitor:office",
    "erasure:request:office",
  ],
  data_officer: ["account:manage:own", "stats:read:all", "export:aggregate:all", "office:read:all"],
  administrator: [
    "account:manage:own",
    "user:manage:all",
    "user:read:office",
    "office:read:all",
    "office:manage:all",
    "audit:read:all",
    "audit:verify:all",
    "audit:export:all",
    // Partner organisations are reference data, not case content (issue 5: "managed by
    // administrators and supervisors").
    "organisation:read:all",
    "organisation:manage:all",
    // Bringing an organisation's existing cases in (issue 7); they cannot read them afterwards.
    "import:write:all",
    // Issue 11: confirms (or declines) a supervisor's erasure request, and sets the retention period.
    // Neither shows them case content: the request names a case code, an office and a reason.
    "erasure:confirm:all",
    "retention:manage:all",
  ],
};

const SCOPE_RANK: Record<Scope, number> = { own: 0, office: 1, all: 2 };

function split(permission: Permission): [string, Scope] {
  const i = permission.lastIndexOf(":");
  return [permission.slice(0, i), permission.slice(i + 1) as Scope];
}

/** The widest scope at which `role` may perform `base` (e.g. "case:read"), or null if not at all. */
export function scopeOf(role: Role, base: PermissionBase): Scope | null {
  let best: Scope | null = null;
  for (const permission of ROLE_PERMISSIONS[role]) {
    const [b, scope] = split(permission);
    if (b === base && (best === null || SCOPE_RANK[scope] > SCOPE_RANK[best])) best = scope;
  }
  return best;
}

/** Whether `role` holds `permission`, directly or through a wider scope of the same action. */
export function can(role: Role, permission: Permission): boolean {
  const [base, scope] = split(permission);
  const held = scopeOf(role, base as PermissionBase);
  return held !== null && SCOPE_RANK[held] >= SCOPE_RANK[scope];
}

/** The landing page of each role after login. */
export const ROLE_HOME: Readonly<Record<Role, string>> = {
  caseworker: "/desk",
  supervisor: "/desk",
  data_officer: "/statistics",
  administrator: "/admin/users",
};
