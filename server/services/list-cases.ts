import "server-only";
import type { Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { listCases } from "@/db/queries/cases";
import { ageBand } from "@/lib/age";
import { normaliseCode } from "@/lib/codes";
import type { ZCaseListQuery } from "@/lib/schemas/registry";
import type { SessionUser } from "@/server/auth/session-user";
import type { z } from "zod";

/** The caller's cases (own and assigned for caseworkers, the office's for supervisors), one page. */
export function listCasesFor(db: Db, user: SessionUser, query: z.infer<typeof ZCaseListQuery>) {
  const code = query.search ? normaliseCode(query.search) : null;
  if (query.search && !code) return { rows: [], nextCursor: null, invalidSearch: true };
  const rows = listCases(db, {
    scope: caseScopeWhere(db, user, "case:read"),
    search: code ? (code.startsWith("P") ? { personCode: code } : { caseCode: code }) : undefined,
    status: query.status,
    programme: query.programme,
    category: query.category,
    officeId: query.officeId,
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  return {
    rows: page.map(({ ageAtRegistration, id: _id, ...row }) => ({ ...row, ageBand: ageBand(ageAtRegistration) })),
    nextCursor: hasMore ? (page[page.length - 1]?.id ?? null) : null,
    invalidSearch: false,
  };
}
