import "server-only";
import { randomInt } from "node:crypto";
import { CODE_ALPHABET } from "@/lib/codes";

/** A fresh random code, e.g. "C-7KQ2-M9XD", from the CSPRNG. Callers retry on a unique clash. */
export function randomCode(prefix: "P" | "C"): string {
  let body = "";
  for (let i = 0; i < 8; i++) body += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}`;
}
