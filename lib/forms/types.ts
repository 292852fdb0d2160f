/**
 * Forms are data. A FormDefinition lists sections and fields; from it come the zod schemas
 * (lib/forms/schema.ts), the generic renderer (components/forms/), the stored answers (tagged with the
 * definition's version), the core-variable extraction and the interchange mapping.
 *
 * Labels and help are message-catalogue keys (lib/i18n/messages/<locale>/forms.json); option labels
 * come from the catalogue too (`htcds.<field>.<value>` for HTCDS picklists).
 */

/** A rule over other answers, by field id (top-level fields only). */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: readonly (string | number)[] }
  | { field: string; includes: string } // a multi-choice answer contains the value
  | { field: string; answered: boolean }
  | { field: string; lessThan: number }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

/** Where a choice field's options come from. */
export type OptionSource =
  /** An HTCDS picklist: values are its value names, labels `htcds.<field>.<value>`. */
  | { htcds: string; extra?: readonly string[] }
  /** Values of our own; labels `<labelPrefix>.<value>`. */
  | { values: readonly string[]; labelPrefix: string };

type FieldCommon = {
  id: string;
  /** Message key of the question. */
  label: string;
  help?: string;
  /** Required on submission: always (true) or when the condition holds. Never required when hidden. */
  required?: true | Condition;
  /** Shown (and stored) only when the condition holds. */
  shownWhen?: Condition;
  /** Shown prominently when answered with this value (e.g. urgent health needs). */
  flagWhen?: string;
  /** Where a new draft takes this field's first value from, so nothing is asked twice (lib/forms/prefill.ts). */
  prefill?: PrefillSource;
};

/** What registration recorded about the person and the case, as a form's draft can start from it. */
export const REGISTRATION_FACTS = ["age", "citizenship", "countryOfIdentification", "officeCountry"] as const;
export type RegistrationFact = (typeof REGISTRATION_FACTS)[number];

/** A prefill source: a registration fact, or a field of another form's submitted answers. */
export type PrefillSource = { registration: RegistrationFact } | { form: string; field: string };

export type ScalarField =
  | (FieldCommon & { type: "text"; maxLength?: number })
  | (FieldCommon & { type: "longtext"; maxLength?: number })
  | (FieldCommon & { type: "number"; min?: number; max?: number; integer?: boolean })
  | (FieldCommon & { type: "date"; notFuture?: boolean })
  | (FieldCommon & { type: "single"; options: OptionSource })
  | (FieldCommon & { type: "multi"; options: OptionSource })
  | (FieldCommon & { type: "country" })
  | (FieldCommon & { type: "countries" })
  /** ISO 639-1 code(s) (lib/reference/languages.ts). */
  | (FieldCommon & { type: "language" })
  | (FieldCommon & { type: "languages" })
  /** The id of a partner organisation of the registry; the renderer lists them from its lookups
   * (components/forms/lookups.tsx) and the form's submit hook checks that the organisation exists. */
  | (FieldCommon & { type: "organisation" })
  | (FieldCommon & { type: "yesno" });

export type GroupField = FieldCommon & {
  type: "group";
  /** Label of one item, e.g. "Leg {n}". */
  itemLabel: string;
  fields: readonly ScalarField[];
  max?: number;
};

export type FieldDef = ScalarField | GroupField;

export type SectionDef = {
  id: string;
  title: string;
  intro?: string;
  shownWhen?: Condition;
  fields: readonly FieldDef[];
};

export type FormDefinition = {
  id: string;
  version: number;
  title: string;
  sections: readonly SectionDef[];
};

/** yes / no / unknown answers. */
export const YES_NO_UNKNOWN = ["yes", "no", "unknown"] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];

/** Stored answers: field id -> value (strings, numbers, string arrays, or arrays of group items). */
export type Answers = Record<string, unknown>;
