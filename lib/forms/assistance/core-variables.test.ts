import { describe, expect, it } from "vitest";
import { pruneHidden } from "../conditions";
import { formSubmitSchema } from "../registry";
import type { Answers } from "../types";
import { assistanceCoreVariables, assistanceExtraIssues, formServices } from "./core-variables";
import { assistanceForm } from "./definition";
import { serviceIssues, SERVICE_STATUSES } from "@/lib/services/rules";
import { sampleAssistanceAnswers } from "./fixtures";

const paths = (answers: Answers) => {
  const r = formSubmitSchema("assistance").safeParse(answers);
  return (r.error?.issues ?? []).map((i) => i.path.join(".")).sort();
};

describe("assistance form definition", () => {
  it("accepts a complete synthetic interview", () => {
    expect(paths(sampleAssistanceAnswers(7))).toEqual([]);
  });

  it("asks follow-up questions only when they apply", () => {
    const a = { ...sampleAssistanceAnswers(7), wasRecruited: "no", wasExploited: "no" };
    const kept = pruneHidden(assistanceForm, a);
    expect(kept.recruitmentCountry).toBeUndefined();
    expect(kept.feesAmount).toBeUndefined();
    expect(kept.exploitationTypes).toBeUndefined();
    expect(kept.forcedLabourSector).toBeUndefined();
    expect(kept.legs).toHaveLength(2);
  });

  it("requires a reason for a service not provided and a partner for a partner provider, item by item", () => {
    const a = sampleAssistanceAnswers(7);
    a.services = [
      { type: "accommodation", status: "provided", provider: "partner" },
      { type: "legal_consular", status: "not_provided" },
      { type: "medical", status: "needed" },
    ];
    expect(paths(a)).toEqual(["services.0.organisation", "services.1.reason"]);
  });

  it("a provided service needs a provider; a needed one does not", () => {
    const a = sampleAssistanceAnswers(7);
    a.services = [{ type: "cash", status: "provided" }, { type: "education", status: "needed" }];
    expect(paths(a)).toEqual(["services.0.provider"]);
  });

  it("the services group's required-when rules are exactly the service status rules", () => {
    for (const status of SERVICE_STATUSES) {
      for (const provider of [undefined, "self", "partner"]) {
        for (const organisation of [undefined, 7]) {
          for (const reason of [undefined, "no_funding"]) {
            const item = { type: "cash", status, provider, organisation, reason };
            const fromForm = paths({ ...sampleAssistanceAnswers(7), services: [item] }).map((p) => p.replace("services.0.", ""));
            const fromRules = serviceIssues(formServices({ services: [item] })[0]!).map((i) => (i.field === "organisationId" ? "organisation" : i.field));
            expect(fromForm, JSON.stringify(item)).toEqual(fromRules.sort());
          }
        }
      }
    }
  });

  it("drops answers of hidden questions inside a service (no partner for a service not provided)", () => {
    const a = sampleAssistanceAnswers(7);
    a.services = [{ type: "cash", status: "not_provided", reason: "no_funding", provider: "partner", organisation: 7, funding: "gaf" }];
    expect(pruneHidden(assistanceForm, a).services).toEqual([{ type: "cash", status: "not_provided", reason: "no_funding" }]);
  });

  it("refuses a service type twice and dates out of order", () => {
    const a = sampleAssistanceAnswers(7);
    a.services = [{ type: "cash", status: "needed" }, { type: "cash", status: "declined" }];
    a.exploitationEndedOn = "2025-01-01";
    (a.legs as Answers[])[0]!.arrivedOn = "2025-06-01";
    expect(assistanceExtraIssues(a).map((i) => `${i.path.join(".")}:${i.message}`)).toEqual([
      "services.1.type:validation.duplicateService",
      "legs.0.arrivedOn:validation.endBeforeStart",
      "exploitationEndedOn:validation.endBeforeStart",
    ]);
  });
});

describe("core variables from assistance answers", () => {
  it("derives sector, exploitation, control, countries, trafficking type, services and funding", () => {
    const core = assistanceCoreVariables(sampleAssistanceAnswers(7));
    expect(core).toEqual({
      forcedLabourSector: "A_AgricultureForestryAndFishing",
      countryOfExploitation: "DE",
      traffickingType: "international",
      values: {
        exploitation: ["ForcedLabour"],
        control: ["DebtBondage", "WithholdsDocuments"],
        sex_exploitation: [],
        transit: ["CZ", "PL"],
      },
      services: [
        { type: "accommodation", status: "provided", provider: "partner", organisationId: 7, funding: "gaf", reason: null, startedOn: "2026-03-01" },
        { type: "medical", status: "provided", provider: "self", organisationId: null, funding: "project", reason: null, startedOn: "2026-03-02" },
        { type: "legal_consular", status: "not_provided", provider: null, organisationId: null, funding: null, reason: "not_available", startedOn: null },
      ],
      fundingSource: "gaf",
    });
  });

  it("funding is the project when no service is funded by the Global Assistance Fund", () => {
    const a = sampleAssistanceAnswers(7);
    a.services = [{ type: "medical", status: "provided", provider: "self", funding: "project" }];
    expect(assistanceCoreVariables(a).fundingSource).toBe("project");
    a.services = [{ type: "medical", status: "declined", funding: "gaf" }];
    expect(assistanceCoreVariables(a).fundingSource).toBeNull();
  });

  it("no exploitation: no sector, types, control or country of exploitation, whatever stale answers remain", () => {
    const core = assistanceCoreVariables({ ...sampleAssistanceAnswers(7), wasExploited: "no" });
    expect(core.forcedLabourSector).toBeNull();
    expect(core.countryOfExploitation).toBeNull();
    expect(core.values.exploitation).toEqual([]);
    expect(core.values.control).toEqual([]);
  });

  it("sector only with forced labour; sexual exploitation types only with sexual exploitation", () => {
    const a = { ...sampleAssistanceAnswers(7), exploitationTypes: ["SexualExploitation"], sexExploitationTypes: ["Prostitution"] };
    const core = assistanceCoreVariables(a);
    expect(core.forcedLabourSector).toBeNull();
    expect(core.values.sex_exploitation).toEqual(["Prostitution"]);
  });

  it("a journey within one country is internal trafficking; no legs leaves it unknown", () => {
    const a = { ...sampleAssistanceAnswers(7), legs: [{ fromCountry: "ID", toCountry: "ID", means: "bus", documents: "none", crossing: "no_border" }], transitCountries: [] };
    expect(assistanceCoreVariables(a).traffickingType).toBe("internal");
    expect(assistanceCoreVariables(a).values.transit).toEqual([]);
    expect(assistanceCoreVariables({ ...a, legs: [] }).traffickingType).toBeNull();
  });

  it("ignores incomplete service items and keeps only what the status shows", () => {
    expect(formServices({ services: [{ type: "cash" }, { status: "needed" }, { type: "cash", status: "needed", reason: "no_funding", provider: "self", funding: "gaf" }] })).toEqual([
      { type: "cash", status: "needed", provider: null, organisationId: null, funding: "gaf", reason: null, startedOn: null },
    ]);
  });
});
