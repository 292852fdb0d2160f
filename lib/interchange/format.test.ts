import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import messages from "@/lib/i18n/messages/en/interchange.json";
import { HTCDS_PICKLISTS } from "@/lib/reference/htcds.generated";
import { countryOptions } from "@/lib/reference/countries";
import { ZIdentity } from "@/lib/schemas/registry";
import {
  COLUMN_NAMES,
  COLUMNS,
  IDENTITY_COLUMNS,
  MESSAGE_KEYS,
  checkHeader,
  escapeFormula,
  exportColumns,
  parseRow,
  renderMessage,
  toRow,
  type ColumnDef,
  type InterchangeCase,
} from "./format";
import { interchangeIdentity, vaultIdentity } from "./identity";

const TODAY = "2026-06-30";
const record = (columns: readonly string[], cells: readonly string[]) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));

describe("columns", () => {
  it("use HTCDS field names where the standard has the concept, ext_ otherwise", () => {
    const htcds = new Set(
      // The field list shipped with Passage (lib/reference/data), by name.
      Object.keys(HTCDS_PICKLISTS).concat(["prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_IdentityNumber", "prs_MobilePhone", "prs_MailingCity", "prs_MailingCountry", "prs_Citizenship"]),
    );
    for (const c of COLUMNS) {
      if (c.source === "htcds") expect(htcds.has(c.name), c.name).toBe(true);
      else expect(c.name).toMatch(/^ext_[A-Z][A-Za-z]+$/);
    }
    expect(new Set(COLUMN_NAMES).size).toBe(COLUMN_NAMES.length);
  });

  it("HTCDS picklist columns accept exactly the standard's value names (plus documented ext values)", () => {
    const byName = new Map<string, ColumnDef>(COLUMNS.map((c) => [c.name, c]));
    for (const field of ["prs_Gender", "vic_TraffickingStatus", "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation", "vic_MethodsOfControl", "vic_RelationshipToTrafficker", "cas_Status"] as const) {
      expect(byName.get(field)?.values, field).toEqual(HTCDS_PICKLISTS[field].values.map((v) => v.name));
    }
    expect(byName.get("vic_TypeOfExploitation")?.values).toEqual([...HTCDS_PICKLISTS.vic_TypeOfExploitation.values.map((v) => v.name), "DomesticServitude", "CriminalActivities"]);
  });

  it("every message key has an English text", () => {
    for (const key of MESSAGE_KEYS) expect(messages.errors, key).toHaveProperty(key);
    expect(Object.keys(messages.errors).sort()).toEqual([...MESSAGE_KEYS].sort());
  });

  it("are all documented in docs/import-format.md, with every allowed value", () => {
    const doc = readFileSync(path.join(process.cwd(), "docs", "import-format.md"), "utf8");
    for (const c of COLUMNS as readonly ColumnDef[]) {
      const line = doc.split("\n").find((l) => l.startsWith(`| \`${c.name}\` |`));
      expect(line, c.name).toBeDefined();
      for (const v of c.values ?? []) expect(line, `${c.name} ${v}`).toContain(`\`${v}\``);
    }
    expect(doc).toContain("CC BY 4.0");
  });

  it("exports leave identity columns out unless asked", () => {
    expect(exportColumns(false).some((c) => IDENTITY_COLUMNS.includes(c))).toBe(false);
    expect(exportColumns(true)).toEqual(COLUMN_NAMES);
  });
});

describe("checkHeader", () => {
  it("accepts the known columns in any order, a BOM and trailing empty cells", () => {
    expect(checkHeader(["\ufeffprs_Gender", "ext_RegistrationDate", "ext_ExternalCaseId", "ext_OfficeCode", "", ""], { officeDefault: false }).errors).toEqual([]);
  });

  it("needs ext_OfficeCode only without a default office", () => {
    const names = ["ext_ExternalCaseId", "ext_RegistrationDate", "prs_Gender"];
    expect(checkHeader(names, { officeDefault: true }).errors).toEqual([]);
    expect(checkHeader(names, { officeDefault: false }).errors.map((e) => e.message.key)).toEqual(["officeColumnMissing"]);
  });

  it("names duplicate columns and recognises a file separated by semicolons", () => {
    expect(checkHeader(["ext_ExternalCaseId", "ext_ExternalCaseId", "ext_RegistrationDate", "prs_Gender"], { officeDefault: true }).errors.map((e) => e.message.key)).toEqual(["duplicateColumn"]);
    expect(checkHeader(["ext_ExternalCaseId;ext_RegistrationDate;prs_Gender"], { officeDefault: true }).errors.map((e) => e.message.key)).toEqual(["separator"]);
  });
});

describe("parseRow", () => {
  const columns = ["ext_ExternalCaseId", "ext_RegistrationDate", "prs_Gender"];

  it("reads picklists case-insensitively into the standard's names, and multi-values once each", () => {
    const r = parseRow(
      { ...record(columns, ["A-1", "2012-05-01", "feminine"]), vic_TypeOfExploitation: "forcedlabour; SexualExploitation ;ForcedLabour", prs_Citizenship: "ua;md" },
      2,
      { today: TODAY },
    );
    expect(r.ok && r.value).toMatchObject({ sex: "Feminine", exploitation: ["ForcedLabour", "SexualExploitation"], citizenships: ["UA", "MD"], status: "Active" });
  });

  it("derives the age at registration from the birth date, or the year", () => {
    const base = record(columns, ["A-1", "2012-05-01", "Masculine"]);
    const byDate = parseRow({ ...base, prs_FirstName: "Kalo", prs_SecondName: "Ravi", prs_Birthdate: "1990-06-01" }, 2, { today: TODAY });
    expect(byDate.ok && [byDate.value.birthYear, byDate.value.ageAtRegistration]).toEqual([1990, 21]);
    const byYear = parseRow({ ...base, ext_BirthYear: "1990" }, 2, { today: TODAY });
    expect(byYear.ok && [byYear.value.birthYear, byYear.value.ageAtRegistration]).toEqual([1990, 22]);
  });

  it("warns, without refusing, when the age does not fit the year of birth or a child category does not fit the age", () => {
    const r = parseRow({ ...record(columns, ["A-1", "2012-05-01", "Masculine"]), ext_BirthYear: "1990", ext_AgeAtRegistration: "30", ext_BeneficiaryCategories: "unaccompanied_child" }, 7, { today: TODAY });
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => [w.row, w.column, w.message.key])).toEqual([
      [7, "ext_AgeAtRegistration", "ageMismatch"],
      [7, "ext_BeneficiaryCategories", "childCategory"],
    ]);
  });

  it("refuses registration before birth, a birth year contradicting the birth date, and dates before 1990", () => {
    const base = record(columns, ["A-1", "2012-05-01", "Masculine"]);
    const keys = (r: ReturnType<typeof parseRow>) => (r.ok ? [] : r.errors.map((e) => e.message.key));
    expect(keys(parseRow({ ...base, ext_BirthYear: "2013" }, 2, { today: TODAY }))).toEqual(["beforeBirth"]);
    expect(keys(parseRow({ ...base, prs_FirstName: "A", prs_SecondName: "B", prs_Birthdate: "1990-01-01", ext_BirthYear: "1991" }, 2, { today: TODAY }))).toEqual(["birthYearMismatch"]);
    expect(keys(parseRow(record(columns, ["A-1", "1989-12-31", "Masculine"]), 2, { today: TODAY }))).toEqual(["dateTooEarly"]);
  });

  it("requires the case id, the registration date and the gender on every row", () => {
    const r = parseRow(record(columns, ["", "", ""]), 5, { today: TODAY });
    expect(r.ok ? [] : r.errors.map((e) => [e.row, e.column, e.message.key])).toEqual([
      [5, "ext_ExternalCaseId", "required"],
      [5, "ext_RegistrationDate", "required"],
      [5, "prs_Gender", "required"],
    ]);
  });

  it("removes the export's formula escape", () => {
    const r = parseRow(record(columns, ["'=A1", "2012-05-01", "Masculine"]), 2, { today: TODAY });
    expect(r.ok && r.value.externalCaseId).toBe("=A1");
    expect(escapeFormula("=A1")).toBe("'=A1");
    expect(escapeFormula("+43 1")).toBe("'+43 1");
    expect(escapeFormula("A=1")).toBe("A=1");
    expect(escapeFormula("'=A1")).toBe("''=A1");
    const again = parseRow(record(columns, ["''=A1", "2012-05-01", "Masculine"]), 2, { today: TODAY });
    expect(again.ok && again.value.externalCaseId).toBe("'=A1");
  });

  it("renders messages with their parameters", () => {
    const r = parseRow(record(columns, ["A-1", "2012-05-01", "X"]), 2, { today: TODAY });
    expect(r.ok ? "" : renderMessage(messages.errors, r.errors[0]!.message)).toBe(
      "“X” is not allowed here. Allowed values: Feminine, Masculine, TransgenderFeminine, TransgenderMasculine, NonConforming, NonSpecifiedUnknown.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip: any valid case -> toRow -> parseRow gives it back
// ---------------------------------------------------------------------------------------------

const valuesOf = (name: string) => (COLUMNS as readonly ColumnDef[]).find((c) => c.name === name)!.values!;
const countries = countryOptions().map((c) => c.code).filter((c) => /^[A-Z]{2}$/.test(c));
const country = fc.constantFrom(...countries);
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const subset = (values: readonly string[]) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: 4 });
const date = (from: number, to: number) =>
  fc.date({ min: new Date(Date.UTC(from, 0, 1)), max: new Date(Date.UTC(to, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const text = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/[\u0000-\u001f\u007f;]/g, "x").trim()).filter((s) => s.length > 0);

const arbitraryCase: fc.Arbitrary<InterchangeCase> = fc
  .record({
    externalCaseId: text,
    externalPersonId: orNull(text),
    officeCode: orNull(fc.constantFrom("AT-VIE", "UA-KBP")),
    registeredOn: date(1995, 2025),
    status: fc.constantFrom(...(valuesOf("cas_Status") as InterchangeCase["status"][])),
    programme: orNull(fc.constantFrom(...(valuesOf("ext_Programme") as NonNullable<InterchangeCase["programme"]>[]))),
    categories: subset(valuesOf("ext_BeneficiaryCategories")) as fc.Arbitrary<InterchangeCase["categories"]>,
    fundingSource: orNull(fc.constantFrom("project", "gaf") as fc.Arbitrary<"project" | "gaf">),
    identity: orNull(
      fc.record({
        givenName: text,
        familyName: text,
        birthDate: orNull(date(1940, 1994)),
        identityNumber: orNull(text),
        phone: orNull(fc.stringMatching(/^\+?[0-9]{4,12}$/)),
        // A city that looks like "…, CC" or "CC" reads back as a country: documented, not generated.
        city: orNull(text.filter((t) => !/(^|, )[A-Z]{2}$/.test(t))),
        country: orNull(country),
      }),
    ),
    sex: fc.constantFrom(...valuesOf("prs_Gender")),
    birthYear: orNull(fc.integer({ min: 1940, max: 1994 })),
    ageAtRegistration: fc.constant(null),
    citizenships: fc.uniqueArray(country, { maxLength: 3 }),
    traffickingStatus: orNull(fc.constantFrom(...valuesOf("vic_TraffickingStatus"))),
    exploitation: subset(valuesOf("vic_TypeOfExploitation")),
    forcedLabourSector: orNull(fc.constantFrom(...valuesOf("vic_ForcedLabourIndustry"))),
    sexExploitation: subset(valuesOf("vic_TypeOfSexExploitation")),
    control: subset(valuesOf("vic_MethodsOfControl")),
    recruiterRelationship: orNull(fc.constantFrom(...valuesOf("vic_RelationshipToTrafficker"))),
    traffickingType: orNull(fc.constantFrom("internal", "international") as fc.Arbitrary<"internal" | "international">),
    countryOfIdentification: orNull(country),
    countryOfExploitation: orNull(country),
    transit: fc.uniqueArray(country, { maxLength: 3 }),
    hostCountry: orNull(country),
    returnCountry: orNull(country),
    returnedOn: orNull(date(1995, 2025)),
    reintegration: subset(valuesOf("ext_ReintegrationAssistance")),
  })
  .map((c) => {
    // Consistent facts: the birth year is the birth date's; the age follows from them.
    const birthYear = c.identity?.birthDate ? Number(c.identity.birthDate.slice(0, 4)) : c.birthYear;
    const age = birthYear === null ? null : Number(c.registeredOn.slice(0, 4)) - birthYear - (c.identity?.birthDate && c.identity.birthDate.slice(5) > c.registeredOn.slice(5) ? 1 : 0);
    const categories = age !== null && age >= 18 ? c.categories.filter((x) => x !== "unaccompanied_child") : c.categories;
    return { ...c, birthYear, ageAtRegistration: age, categories };
  });

describe("toRow and parseRow", () => {
  it("give back every valid case (property)", () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const cells = toRow(c);
        const parsed = parseRow(record(COLUMN_NAMES, cells), 2, { today: TODAY });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.map((e) => [e.column, e.message.key])));
        expect(parsed.warnings).toEqual([]);
        expect(parsed.value).toEqual(c);
      }),
      { numRuns: 300 },
    );
  });

  it("imported identities are what the vault's schema reads, and export back to the same columns", () => {
    fc.assert(
      fc.property(arbitraryCase.filter((c) => c.identity !== null), (c) => {
        const stored = ZIdentity.parse(JSON.parse(JSON.stringify(vaultIdentity(c.identity!))));
        expect(interchangeIdentity(stored)).toEqual({ ...c.identity!, city: c.identity!.city?.trim() || null });
      }),
      { numRuns: 200 },
    );
  });
});
