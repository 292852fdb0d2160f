/**
 * The template of the interchange format (issue 15, item 13): every column of COLUMNS, in order,
 * and one example row. The row is synthetic and obviously so (the names say "Example", the ids
 * "EXAMPLE"), belongs to no one, and passes the import's own validation (tested through the upload
 * route). The help page (/import/format) shows the same row as its "example" column, so the page and
 * the templates cannot disagree.
 */
import { COLUMN_NAMES, type ColumnName } from "@/lib/interchange/format";

/** The example row; `ext_OfficeCode` is filled with the office of the person downloading it. */
export const EXAMPLE_ROW = {
  ext_ExternalCaseId: "EXAMPLE-CASE-0001",
  ext_ExternalPersonId: "EXAMPLE-PERSON-0001",
  ext_OfficeCode: "",
  ext_RegistrationDate: "2020-03-02",
  cas_Status: "Active",
  ext_Programme: "avrr",
  ext_BeneficiaryCategories: "victim;health",
  ext_FundingSource: "project",
  prs_FirstName: "Example",
  prs_SecondName: "Template-Person",
  prs_Birthdate: "1990-01-01",
  prs_IdentityNumber: "EXAMPLE-000000",
  prs_MobilePhone: "+00 000 000 0000",
  prs_MailingCity: "Exampletown",
  prs_MailingCountry: "AT",
  prs_Gender: "NonSpecifiedUnknown",
  ext_BirthYear: "1990",
  ext_AgeAtRegistration: "30",
  prs_Citizenship: "UA;MD",
  vic_TraffickingStatus: "PossibleVictimOfTrafficking",
  vic_TypeOfExploitation: "ForcedLabour",
  vic_ForcedLabourIndustry: "A_AgricultureForestryAndFishing",
  vic_TypeOfSexExploitation: "",
  vic_MethodsOfControl: "DebtBondage;FalsePromises",
  vic_RelationshipToTrafficker: "Acquainted",
  ext_TraffickingType: "international",
  ext_CountryOfIdentification: "AT",
  ext_CountryOfExploitation: "AT",
  ext_TransitCountries: "HU",
  ext_HostCountry: "AT",
  ext_CountryOfReturn: "UA",
  ext_ReturnDate: "2020-05-04",
  ext_ReintegrationAssistance: "counselling;vocational_training",
} as const satisfies Record<ColumnName, string>;

/** The example row with the given office code ("" = a cell left empty in the example). */
export function exampleRow(officeCode: string | null): Record<ColumnName, string> {
  return { ...EXAMPLE_ROW, ext_OfficeCode: officeCode ?? "" };
}

/** The template's two rows: the column names, then the example with the given office code. */
export function templateRows(officeCode: string | null): [string[], string[]] {
  const example = exampleRow(officeCode);
  return [[...COLUMN_NAMES], COLUMN_NAMES.map((name) => example[name])];
}
