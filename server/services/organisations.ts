import "server-only";
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { updateAtVersion } from "@/db/queries/versioned";
import { offices, organisations, organisationServices } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { scopeOf } from "@/lib/permissions";
import type { TCreateOrganisation, TOrganisationQuery, TUpdateOrganisation } from "@/lib/schemas/assistance";
import { ZOrganisationQuery } from "@/lib/schemas/assistance";
import type { ServiceType } from "@/lib/services/rules";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * Partner organisations (HTCDS org_*): a registry every caseworker, supervisor and administrator
 * can search; supervisors manage the organisations of their offices, administrators all of them.
 */

/** Which organisations `user` may change: all, those of their offices, or none. */
function manageWhere(user: SessionUser): SQL {
  const scope = scopeOf(user.role, "organisation:manage");
  if (scope === "all") return sql`1`;
  if (scope === "office" && user.officeIds.length > 0) return inArray(organisations.officeId, user.officeIds);
  return sql`0`;
}

function canManageOffice(user: SessionUser, officeId: number | null): boolean {
  const scope = scopeOf(user.role, "organisation:manage");
  if (scope === "all") return true;
  return scope === "office" && officeId !== null && user.officeIds.includes(officeId);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Searchable list: by name or city, country, type, service offered. */
export function listOrganisations(db: Db, user: SessionUser, query: TOrganisationQuery = {}) {
  const q = ZOrganisationQuery.parse(query);
  const filters: SQL[] = [];
  if (!q.includeInactive) filters.push(eq(organisations.active, true));
  if (q.countryIso2) filters.push(eq(organisations.countryIso2, q.countryIso2));
  if (q.type) filters.push(eq(organisations.type, q.type));
  if (q.search) {
    const pattern = `%${escapeLike(q.search)}%`;
    filters.push(or(sql`${organisations.name} like ${pattern} escape '\\'`, sql`${organisations.city} like ${pattern} escape '\\'`) as SQL);
  }
  if (q.service) {
    filters.push(
      inArray(
        organisations.id,
        db.select({ id: organisationServices.organisationId }).from(organisationServices).where(eq(organisationServices.serviceType, q.service)),
      ),
    );
  }
  const rows = db
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      countryIso2: organisations.countryIso2,
      city: organisations.city,
      phone: organisations.phone,
      email: organisations.email,
      contactName: organisations.contactName,
      officeId: organisations.officeId,
      officeCode: offices.code,
      active: organisations.active,
      version: organisations.version,
      canManage: sql<number>`case when ${manageWhere(user)} then 1 else 0 end`,
    })
    .from(organisations)
    .leftJoin(offices, eq(offices.id, organisations.officeId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(500)
    .all();
  const offered = rows.length
    ? db
        .select()
        .from(organisationServices)
        .where(inArray(organisationServices.organisationId, rows.map((r) => r.id)))
        .all()
    : [];
  return rows.map((r) => ({
    ...r,
    canManage: Boolean(r.canManage),
    services: offered.filter((o) => o.organisationId === r.id).map((o) => o.serviceType as ServiceType),
  }));
}

function writeServices(tx: Db, organisationId: number, types: readonly ServiceType[]) {
  tx.delete(organisationServices).where(eq(organisationServices.organisationId, organisationId)).run();
  const unique = [...new Set(types)];
  if (unique.length) tx.insert(organisationServices).values(unique.map((serviceType) => ({ organisationId, serviceType }))).run();
}

export function createOrganisation(db: Db, user: SessionUser, input: TCreateOrganisation, ip: string | null = null) {
  // A supervisor's organisation belongs to one of their offices (the first when they name none).
  const officeId = input.officeId ?? (scopeOf(user.role, "organisation:manage") === "all" ? null : (user.officeIds[0] ?? null));
  if (!canManageOffice(user, officeId)) throw new AppError("FORBIDDEN", "not an office of the user", { officeId: "validation.unknownOffice" });
  if (officeId !== null && !db.select({ id: offices.id }).from(offices).where(eq(offices.id, officeId)).get()) {
    throw new AppError("VALIDATION", "unknown office", { officeId: "validation.unknownOffice" });
  }
  return writeTransaction(db, (tx) => {
    const now = Date.now();
    const { id } = tx
      .insert(organisations)
      .values({
        name: input.name,
        type: input.type,
        countryIso2: input.countryIso2,
        city: input.city ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        contactName: input.contactName ?? null,
        officeId,
        createdBy: user.id,
        updatedAt: now,
      })
      .returning({ id: organisations.id })
      .get();
    writeServices(tx, id, input.services);
    recordAudit(tx, {
      action: "organisation.created",
      actorUserId: user.id,
      entityType: "organisation",
      entityId: id,
      officeId,
      ip,
      details: { type: input.type, country: input.countryIso2, services: input.services },
    });
    return { id, name: input.name };
  });
}

export function updateOrganisation(db: Db, user: SessionUser, input: TUpdateOrganisation, ip: string | null = null) {
  const existing = db
    .select({ id: organisations.id, officeId: organisations.officeId })
    .from(organisations)
    .where(and(eq(organisations.id, input.id), manageWhere(user)))
    .get();
  if (!existing) throw new AppError("NOT_FOUND");
  return writeTransaction(db, (tx) => {
    const version = updateAtVersion(tx, organisations, existing.id, input.version, {
        name: input.name,
        type: input.type,
        countryIso2: input.countryIso2,
        city: input.city ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        contactName: input.contactName ?? null,
        active: input.active,
        updatedAt: Date.now(),
      });
    writeServices(tx, existing.id, input.services);
    recordAudit(tx, {
      action: "organisation.updated",
      actorUserId: user.id,
      entityType: "organisation",
      entityId: existing.id,
      officeId: existing.officeId,
      ip,
      details: { type: input.type, country: input.countryIso2, active: input.active, services: input.services },
    });
    return { id: existing.id, name: input.name, version };
  });
}

/** Throws VALIDATION (on `fieldFor(id)`) unless every id is an active organisation. */
export function assertActiveOrganisations(db: Db, ids: readonly number[], fieldFor: (id: number) => string): void {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = new Set(
    db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inArray(organisations.id, wanted), eq(organisations.active, true)))
      .all()
      .map((r) => r.id),
  );
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) {
    throw new AppError("VALIDATION", "unknown or inactive organisation", Object.fromEntries(missing.map((id) => [fieldFor(id), "validation.unknownOrganisation"])));
  }
}
