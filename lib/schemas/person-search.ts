import { z } from "zod";
import { ZOptionalPastDate, ZRequiredText } from "./common";

/**
 * Find a person by name (issue 15, item 2): both names are needed, as for the blind index itself
 * (server/crypto/blind-index.ts); the birth date narrows the match. Shared by the form and the
 * procedure's input.
 */
export const ZFindPersonByName = z.object({
  familyName: ZRequiredText(200),
  givenName: ZRequiredText(200),
  birthDate: ZOptionalPastDate,
});
export type TFindPersonByName = z.input<typeof ZFindPersonByName>;
