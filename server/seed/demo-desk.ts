import "server-only";
import type { Db } from "@/db/client";
import { ZRecordConsent } from "@/lib/schemas/assistance";
import { ZCreateReferral } from "@/lib/schemas/referrals";
import { ZEnrolProgramme, ZPlanTravel } from "@/lib/schemas/return";
import { addDays } from "@/lib/workflows/desk";
import type { SessionUser } from "@/lib/session-user";
import { recordConsent } from "@/server/services/consents";
import { createReferral } from "@/server/services/referrals";
import { enrolProgramme, planTravel } from "@/server/services/return-travel";

/** A demo case registered through the services, with the member of staff who registered it. */
export type DemoCase = { code: string; worker: SessionUser; registeredOn: string; programme: string | null; citizenship: string };

type CaseFacts = { id: number; version: number; officeId: number; officeCountry: string };

/**
 * Gives the demo desk something to show, through the same services a caseworker uses: consent (to
 * assistance, to the use of personal data and to sharing), then a referral awaiting an answer (a few
 * of them overdue), and return travel departing in the coming days (AVRR) or a return some three
 * months ago whose first monitoring visit is due (PARA). Dates are relative to today, so the desk is
 * never empty whenever the demo is started.
 */
export function seedDemoDesk(db: Db, demoCases: readonly DemoCase[], today: string): { referrals: number; travel: number; returns: number } {
  const out = { referrals: 0, travel: 0, returns: 0 };
  const facts = db.$client.prepare(
    "SELECT c.id, c.version, c.office_id AS officeId, o.country_iso2 AS officeCountry FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.code = ?",
  );
  const organisationOf = db.$client.prepare("SELECT id FROM organisations WHERE active = 1 ORDER BY office_id = ? DESC, id LIMIT 1").pluck();
  const current = (code: string) => facts.get(code) as CaseFacts;

  demoCases.forEach((c, i) => {
    if (i % 3 !== 0) return; // about a third of the recent cases have something on the desk
    const decidedOn = c.registeredOn;
    for (const purpose of ["assistance", "data_processing", "share_with_partners"] as const) {
      recordConsent(db, c.worker, ZRecordConsent.parse({ code: c.code, purpose, decision: "given", method: "written", decidedOn }));
    }
    const row = current(c.code);

    // A referral sent within the last three weeks (never before the registration), answer due two weeks later.
    // 0 to 20 days ago: those sent more than 14 days ago are overdue.
    const referredOn = [c.registeredOn, addDays(today, -(((i / 3) * 5) % 25))].sort()[1]!;
    const organisationId = organisationOf.get(row.officeId) as number | undefined;
    if (organisationId !== undefined) {
      createReferral(
        db,
        c.worker,
        ZCreateReferral.parse({
          code: c.code,
          direction: "outgoing",
          organisationId,
          services: ["psychosocial"],
          reason: "AdditionalServicesRequired",
          referredOn,
          dueOn: addDays(referredOn, 14),
        }),
      );
      out.referrals += 1;
    }

    if (c.citizenship === row.officeCountry) return; // not a return case
    const returnedOn = addDays(today, -85);
    if (c.programme === "avrr") {
      enrolProgramme(db, c.worker, ZEnrolProgramme.parse({ code: c.code, version: row.version, programme: "avrr", hostCountry: row.officeCountry, returnCountry: c.citizenship }));
      planTravel(
        db,
        c.worker,
        ZPlanTravel.parse({
          code: c.code,
          fromCountry: row.officeCountry,
          toCountry: c.citizenship,
          departureOn: addDays(today, 2 + (i % 10)),
          fitToTravel: "fit",
          documents: ["travel_document"],
        }),
      );
      out.travel += 1;
    } else if (c.programme === "para" && c.registeredOn <= returnedOn) {
      enrolProgramme(
        db,
        c.worker,
        ZEnrolProgramme.parse({ code: c.code, version: row.version, programme: "para", hostCountry: row.officeCountry, returnCountry: c.citizenship, returnedOn }),
      );
      out.returns += 1;
    }
  });
  return out;
}
