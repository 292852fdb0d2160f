import { describe, expect, it } from "vitest";
import audit from "@/lib/i18n/messages/en/audit.json";
import { AUDIT_ACTIONS } from "./audit-actions";
import { lookupIn } from "./stats/labels";

/** Audit actions are shown to people in words: every one has its message (audit.actions.*). */
describe("audit actions", () => {
  it("each has a message in the catalogue", () => {
    const t = lookupIn(audit);
    expect(AUDIT_ACTIONS.filter((a) => !t(`actions.${a}`))).toEqual([]);
  });
});
