/**
 * The closed list of audit actions. Each has a message in the catalogue (audit.actions.*) so the
 * administrator's trail reads in words.
 */
export const AUDIT_ACTIONS = [
  "auth.login.success",
  "auth.login.failure",
  "auth.login.locked",
  "auth.logout",
  "auth.password.changed",
  "user.created",
  "user.updated",
  "user.deactivated",
  "user.reactivated",
  "user.password.reset",
  "user.unlocked",
  "office.created",
  "office.updated",
  "person.registered",
  "case.created",
  "case.updated",
  "case.linked",
  "case.assigned",
  "identity.revealed",
  "identity.updated",
  "note.created",
  "notes.read",
  "form.draft_started",
  "form.submitted",
  "form.read",
  "determination.submitted",
  "determination.approved",
  "determination.returned",
  "audit.verified",
  "stats.cli",
  "stats.exported",
  "stats.export_refused",
  "stats.microdata_exported",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
