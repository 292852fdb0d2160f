import { isCountryCode } from "@/lib/reference/countries";
import type { TIdentity, TIdentityInput } from "@/lib/schemas/registry";
import type { InterchangeIdentity } from "./format";

/**
 * The interchange identity columns and the vault's identity (lib/schemas/registry.ts ZIdentity),
 * both ways, so that an imported identity shows like a registered one and an exported identity
 * reads like an imported one.
 *
 *   prs_FirstName / prs_SecondName  givenName / familyName
 *   prs_Birthdate                   birthDate
 *   prs_IdentityNumber              documents[0] (type national_id); on export the national id, or
 *                                   else the first document recorded
 *   prs_MobilePhone                 phone
 *   prs_MailingCity, prs_MailingCountry
 *                                   address "City, CC" (on export, an address of that shape is split
 *                                   again; any other address is exported whole as the city)
 * Aliases, place of birth and next of kin have no interchange column: they stay in Passage.
 */

/** The vault JSON of an imported identity (the shape ZIdentity parses). */
export function vaultIdentity(i: InterchangeIdentity): TIdentityInput {
  const address = [i.city, i.country].filter((p): p is string => !!p).join(", ");
  return {
    familyName: i.familyName,
    givenName: i.givenName,
    aliases: [],
    ...(i.birthDate ? { birthDate: i.birthDate } : {}),
    documents: i.identityNumber ? [{ type: "national_id", number: i.identityNumber }] : [],
    ...(i.phone ? { phone: i.phone } : {}),
    ...(address ? { address } : {}),
    nextOfKin: [],
  };
}

/** The interchange identity of a vault identity (for an export with identity columns). */
export function interchangeIdentity(v: TIdentity): InterchangeIdentity {
  const document = v.documents.find((d) => d.type === "national_id") ?? v.documents[0];
  let city: string | null = v.address ?? null;
  let country: string | null = null;
  if (v.address) {
    const m = /^(.*), ([A-Z]{2})$/.exec(v.address);
    if (m && isCountryCode(m[2]!)) {
      city = m[1] || null;
      country = m[2]!;
    } else if (isCountryCode(v.address)) {
      city = null;
      country = v.address;
    }
  }
  return {
    givenName: v.givenName,
    familyName: v.familyName,
    birthDate: v.birthDate ?? null,
    identityNumber: document?.number ?? null,
    phone: v.phone ?? null,
    city: city ? city.slice(0, 200) : null,
    country,
  };
}
