import "server-only";
import type { Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { caseListOwners, listCases } from "@/db/queries/cases";
import { ageBand } from "@/lib/age";
import { normaliseCodePrefix } from "@/lib/codes";
import { DEFAULT_DIRECTION, type TCaseListQueryParsed } from "@/lib/schemas/case-list";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * The caller's cases (own and assigned for caseworkers, the office's for supervisors): the whole
 * list sorted and filtered in SQL, one page of it, the total count, and the owners the owner filter
 * offers. `sort` and `dir` in the answer are the ones applied, for the page to show.
 */
export function listCasesFor(db: Db, user: SessionUser, query: TCaseListQueryParsed) {
  const scope = caseScopeWhere(db, user, "case:read");
  const dir = query.dir ?? DEFAULT_DIRECTION[query.sort];
  const applied = { sort: query.sort, dir, page: query.page, limit: query.limit };
  const owners = caseListOwners(db, scope);
  // A whole code or the start of one (issue 15 item 2): "C-7KQ" finds the cases whose code starts so.
  const code = query.search ? normaliseCodePrefix(query.search) : null;
  if (query.search && !code) return { rows: [], total: 0, pageCount: 0, ...applied, owners, invalidSearch: true };
  const { rows, total } = listCases(db, {
    scope,
    search: code ? (code.kind === "person" ? { personCodePrefix: code.prefix } : { caseCodePrefix: code.prefix }) : undefined,
    status: query.status,
    programme: query.programme,
    category: query.category,
    officeId: query.officeId,
    ownerId: query.ownerId,
    sort: query.sort,
    dir,
    offset: (query.page - 1) * query.limit,
    limit: query.limit,
  });
  return {
    rows: rows.map(({ ageAtRegistration, id: _id, ...row }) => ({ ...row, ageBand: ageBand(ageAtRegistration) })),
    total,
    pageCount: Math.ceil(total / query.limit),
    ...applied,
    owners,
    invalidSearch: false,
  };
}
