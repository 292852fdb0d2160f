import { z } from "zod";
import { CASE_STATUS_VALUES, CATEGORY_VALUES, PROGRAMME_VALUES } from "./registry";

/**
 * The case list (issue 15, item 3): the whole list sorted and filtered on the server, one page at a
 * time with the total count. The URL's search parameters hold exactly this query (codes and filter
 * values, never identity), so the sort shown is the sort applied and survives a reload.
 */

/** What the list can be sorted by: registration date, status (in lifecycle order), owner's name,
 * programme, and the next due date (the earliest of what the desk shows as due for the case). */
export const CASE_LIST_SORTS = ["registered", "status", "owner", "programme", "next_due"] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The direction a column sorts in when first chosen: newest registrations first, the rest A to Z / soonest first. */
export const DEFAULT_DIRECTION: Record<CaseListSort, SortDirection> = { registered: "desc", status: "asc", owner: "asc", programme: "asc", next_due: "asc" };

export const CASE_LIST_PAGE_SIZE = 25;

export const ZCaseListQuery = z.object({
  search: z.string().trim().max(40).optional(),
  status: z.enum(CASE_STATUS_VALUES).optional(),
  programme: z.enum(PROGRAMME_VALUES).optional(),
  category: z.enum(CATEGORY_VALUES).optional(),
  officeId: z.number().int().positive().optional(),
  ownerId: z.number().int().positive().optional(),
  sort: z.enum(CASE_LIST_SORTS).default("registered"),
  dir: z.enum(SORT_DIRECTIONS).optional(),
  /** 1-based page number. */
  page: z.number().int().min(1).max(100_000).default(1),
  limit: z.number().int().min(1).max(100).default(CASE_LIST_PAGE_SIZE),
});
export type TCaseListQuery = z.input<typeof ZCaseListQuery>;
export type TCaseListQueryParsed = z.infer<typeof ZCaseListQuery>;

const NUMERIC = new Set(["officeId", "ownerId", "page", "limit"]);
const KEYS = ["search", "status", "programme", "category", "officeId", "ownerId", "sort", "dir", "page"] as const;

/**
 * The query from a URL's search parameters: each parameter is checked on its own, and one that is
 * unknown or malformed is dropped (the rest still apply) rather than failing the page.
 */
export function caseListQueryFromParams(params: Record<string, string | string[] | undefined>): TCaseListQueryParsed {
  const accepted: Record<string, unknown> = {};
  const shape = ZCaseListQuery.shape;
  for (const key of KEYS) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    const candidate = NUMERIC.has(key) ? Number(value) : value;
    if (shape[key].safeParse(candidate).success) accepted[key] = candidate;
  }
  return ZCaseListQuery.parse(accepted);
}

/** The URL search parameters of a query: only what differs from the defaults, in a fixed order. */
export function caseListParams(query: Partial<TCaseListQueryParsed>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "page" && value === 1) continue;
    if (key === "sort" && value === "registered" && (query.dir ?? "desc") === "desc") continue;
    if (key === "dir" && value === DEFAULT_DIRECTION[query.sort ?? "registered"]) continue;
    out.set(key, String(value));
  }
  return out;
}
