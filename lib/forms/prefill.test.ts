import { describe, expect, it } from "vitest";
import { assistanceForm } from "./assistance";
import { prefillAnswers, prefilledFields } from "./prefill";
import { FORMS } from "./registry";
import { screeningForm } from "./screening";
import type { FieldDef, FormDefinition } from "./types";

const field = (def: FormDefinition, id: string): FieldDef | undefined => def.sections.flatMap((s) => s.fields).find((f) => f.id === id);

describe("prefill mapping (ask once)", () => {
  it("a new screening starts from registration: age, citizenship as country of origin, country of identification, office country", () => {
    const answers = prefillAnswers(screeningForm, {
      registration: { age: 34, citizenship: "UA", countryOfIdentification: "AT", officeCountry: "AT" },
      forms: {},
    });
    expect(answers).toEqual({ age: 34, countryOfOrigin: "UA", countryOfIdentification: "AT", interviewCountry: "AT" });
  });

  it("leaves out what registration did not record", () => {
    expect(prefillAnswers(screeningForm, { registration: { age: null, citizenship: null, countryOfIdentification: "AT" }, forms: {} })).toEqual({
      countryOfIdentification: "AT",
    });
  });

  it("a new assistance interview starts from the screening: interview date, place, language, interpreter, journey, exploitation", () => {
    const screening = {
      interviewDate: "2026-03-02",
      interviewCountry: "AT",
      interviewer: "Test interviewer",
      interviewLanguage: "uk",
      interpreterUsed: "yes",
      transitCountries: ["HU", "SK"],
      countryOfExploitation: "AT",
      actRecruitment: "yes",
      recruitmentMethods: ["JobOffer"],
      purposeExploitation: "yes",
      exploitationTypes: ["ForcedLabour"],
      forcedLabourSector: "A_AgricultureForestryAndFishing",
      age: 34,
    };
    const answers = prefillAnswers(assistanceForm, { registration: {}, forms: { screening } });
    expect(answers).toMatchObject({
      interviewDate: "2026-03-02",
      interviewCountry: "AT",
      interviewLanguage: "uk",
      interpreterUsed: "yes",
      transitCountries: ["HU", "SK"],
      wasRecruited: "yes",
      wasExploited: "yes",
      exploitationTypes: ["ForcedLabour"],
      forcedLabourSector: "A_AgricultureForestryAndFishing",
    });
    // Only fields that name a source: the interviewer of the assistance interview is asked anew.
    expect(answers).not.toHaveProperty("interviewer");
    expect(answers).not.toHaveProperty("age");
  });

  it("drops a value the target field refuses (an old free-text language, a value outside its list)", () => {
    const answers = prefillAnswers(assistanceForm, { registration: {}, forms: { screening: { interviewLanguage: "Ukrainian", recruitmentMethods: ["NotAMethod"], interviewDate: "2026-03-02" } } });
    expect(answers).toEqual({ interviewDate: "2026-03-02" });
  });

  it("every prefill source names a registration fact or a field that exists in a registered form, of the same kind", () => {
    for (const { definition } of Object.values(FORMS)) {
      for (const f of prefilledFields(definition)) {
        if ("registration" in f.prefill) continue;
        const sourceForm = FORMS[f.prefill.form as keyof typeof FORMS];
        expect(sourceForm, `${definition.id}.${f.id}`).toBeDefined();
        expect(field(sourceForm.definition, f.prefill.field), `${definition.id}.${f.id} <- ${f.prefill.form}.${f.prefill.field}`).toBeDefined();
      }
    }
  });

  it("the interview language is one field definition with one code list in both forms", () => {
    const screeningLanguage = field(screeningForm, "interviewLanguage");
    const assistanceLanguage = field(assistanceForm, "interviewLanguage");
    expect(screeningLanguage?.type).toBe("language");
    expect(assistanceLanguage?.type).toBe("language");
    expect(assistanceLanguage?.label).toBe(screeningLanguage?.label);
  });
});
