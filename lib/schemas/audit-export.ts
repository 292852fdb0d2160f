import { z } from "zod";
import { ZAuditListQuery } from "./admin";

/** An export of the audit trail: the audit page's filters (an office, a period...; the cursor is
 * ignored: an export is every matching event) and a format. */
export const AUDIT_EXPORT_FORMATS = ["csv", "json"] as const;

export const ZAuditExport = z.object({
  format: z.enum(AUDIT_EXPORT_FORMATS),
  filters: ZAuditListQuery,
});
export type TAuditExport = z.infer<typeof ZAuditExport>;
