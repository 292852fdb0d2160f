import { describe, expect, it } from "vitest";
import {
  PERMISSIONS,
  ROLE_HOME,
  ROLE_PERMISSIONS,
  ROLES,
  SCOPES,
  can,
  scopeOf,
  type Permission,
  type PermissionBase,
  type Role,
  type Scope,
} from "./permissions";

const SCOPE_RANK: Record<Scope, number> = { own: 0, office: 1, all: 2 };

function parts(permission: Permission): { base: PermissionBase; scope: Scope } {
  const i = permission.lastIndexOf(":");
  return { base: permission.slice(0, i) as PermissionBase, scope: permission.slice(i + 1) as Scope };
}

/** Reference answer computed straight from the table, independently of `can`. */
function expectedCan(role: Role, permission: Permission): boolean {
  const wanted = parts(permission);
  return ROLE_PERMISSIONS[role].some((held) => {
    const h = parts(held);
    return h.base === wanted.base && SCOPE_RANK[h.scope] >= SCOPE_RANK[wanted.scope];
  });
}

describe("permission vocabulary", () => {
  it("every permission is resource:action:scope with a known scope", () => {
    for (const permission of PERMISSIONS) {
      expect(permission).toMatch(/^[a-z]+:[a-z]+:(own|office|all)$/);
      expect(SCOPES).toContain(parts(permission).scope);
    }
  });

  it("lists every permission once", () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it("every role grants only known permissions, each once", () => {
    for (const role of ROLES) {
      const granted = ROLE_PERMISSIONS[role];
      for (const permission of granted) expect(PERMISSIONS).toContain(permission);
      expect(new Set(granted).size, `duplicate permission in ${role}`).toBe(granted.length);
    }
  });

  it("every role has a landing page", () => {
    for (const role of ROLES) expect(ROLE_HOME[role]).toMatch(/^\//);
  });
});

describe("caseworker", () => {
  it("reads own cases but not the whole office", () => {
    expect(can("caseworker", "case:read:own")).toBe(true);
    expect(can("caseworker", "case:read:office")).toBe(false);
    expect(scopeOf("caseworker", "case:read")).toBe("own");
  });

  it("reads identities and notes of own cases only", () => {
    expect(can("caseworker", "identity:read:own")).toBe(true);
    expect(can("caseworker", "identity:read:office")).toBe(false);
    expect(can("caseworker", "note:read:own")).toBe(true);
    expect(can("caseworker", "note:read:office")).toBe(false);
  });

  it("cannot assign cases, read the audit trail, manage users or read statistics", () => {
    expect(can("caseworker", "case:assign:office")).toBe(false);
    expect(can("caseworker", "audit:read:office")).toBe(false);
    expect(can("caseworker", "user:manage:all")).toBe(false);
    expect(can("caseworker", "stats:read:office")).toBe(false);
    expect(can("caseworker", "export:aggregate:all")).toBe(false);
  });
});

describe("supervisor", () => {
  it("holds office scope, which implies own", () => {
    expect(scopeOf("supervisor", "case:read")).toBe("office");
    expect(can("supervisor", "case:read:office")).toBe(true);
    expect(can("supervisor", "case:read:own")).toBe(true);
    expect(can("supervisor", "identity:read:own")).toBe(true);
    expect(can("supervisor", "identity:read:office")).toBe(true);
    expect(can("supervisor", "case:update:own")).toBe(true);
    expect(can("supervisor", "case:assign:office")).toBe(true);
  });

  it("has everything a caseworker has", () => {
    for (const permission of PERMISSIONS) {
      if (can("caseworker", permission)) expect(can("supervisor", permission), permission).toBe(true);
    }
  });

  it("does not reach beyond the office", () => {
    expect(can("supervisor", "audit:read:all")).toBe(false);
    expect(can("supervisor", "stats:read:all")).toBe(false);
    expect(can("supervisor", "user:manage:all")).toBe(false);
  });
});

describe("data officer and administrator", () => {
  const caseContent = PERMISSIONS.filter((p) => /^(case|identity|note|person):/.test(p));

  it("cannot read any case, identity, note or person at any scope", () => {
    expect(caseContent.length).toBeGreaterThan(0);
    for (const role of ["data_officer", "administrator"] as const) {
      for (const permission of caseContent) expect(can(role, permission), `${role} ${permission}`).toBe(false);
      expect(scopeOf(role, "case:read")).toBeNull();
      expect(scopeOf(role, "identity:read")).toBeNull();
      expect(scopeOf(role, "note:read")).toBeNull();
    }
  });

  it("the data officer reads statistics everywhere and exports aggregates only", () => {
    expect(can("data_officer", "stats:read:all")).toBe(true);
    expect(can("data_officer", "stats:read:office")).toBe(true);
    expect(can("data_officer", "export:aggregate:all")).toBe(true);
    expect(can("data_officer", "audit:read:office")).toBe(false);
    expect(can("data_officer", "user:manage:all")).toBe(false);
  });

  it("the administrator manages users and offices and verifies the audit trail", () => {
    expect(can("administrator", "user:manage:all")).toBe(true);
    expect(can("administrator", "office:manage:all")).toBe(true);
    expect(can("administrator", "audit:verify:all")).toBe(true);
    expect(can("administrator", "audit:read:office")).toBe(true);
    expect(can("administrator", "stats:read:all")).toBe(false);
    expect(can("administrator", "export:aggregate:all")).toBe(false);
  });
});

describe("can() against the table", () => {
  it.each(ROLES)("%s: can() agrees with ROLE_PERMISSIONS for every permission", (role) => {
    for (const permission of PERMISSIONS) {
      expect(can(role, permission), `${role} ${permission}`).toBe(expectedCan(role, permission));
    }
  });

  it.each(ROLES)("%s: every granted permission is held", (role) => {
    for (const permission of ROLE_PERMISSIONS[role]) expect(can(role, permission), permission).toBe(true);
  });

  it.each(ROLES)("%s: a wider scope implies every narrower one of the same action", (role) => {
    for (const permission of PERMISSIONS) {
      if (!can(role, permission)) continue;
      const { base, scope } = parts(permission);
      for (const narrower of PERMISSIONS) {
        const n = parts(narrower);
        if (n.base === base && SCOPE_RANK[n.scope] <= SCOPE_RANK[scope]) {
          expect(can(role, narrower), `${role}: ${permission} implies ${narrower}`).toBe(true);
        }
      }
    }
  });

  it.each(ROLES)("%s: scopeOf() is the widest granted scope", (role) => {
    const bases = new Set(PERMISSIONS.map((p) => parts(p).base));
    for (const base of bases) {
      const granted = ROLE_PERMISSIONS[role].map(parts).filter((p) => p.base === base);
      const widest = granted.reduce<Scope | null>(
        (best, p) => (best === null || SCOPE_RANK[p.scope] > SCOPE_RANK[best] ? p.scope : best),
        null,
      );
      expect(scopeOf(role, base), `${role} ${base}`).toBe(widest);
    }
  });
});
