"use client";

import { createContext, useContext, type ReactNode } from "react";

/**
 * Records a form can refer to (partner organisations), given by the page that renders the form:
 * the "organisation" field lists them, the answers view names them. A definition stores only ids.
 */
export type OrganisationOption = { id: number; name: string; city: string | null; countryIso2: string; active: boolean };
export type FormLookups = { organisations: readonly OrganisationOption[] };

const LookupsContext = createContext<FormLookups>({ organisations: [] });

export function FormLookupsProvider({ value, children }: { value: FormLookups; children: ReactNode }) {
  return <LookupsContext.Provider value={value}>{children}</LookupsContext.Provider>;
}

export function useFormLookups(): FormLookups {
  return useContext(LookupsContext);
}
