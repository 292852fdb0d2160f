import "server-only";
import { createHash, randomInt } from "node:crypto";
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";
import QRCode from "qrcode";
import { CODE_ALPHABET } from "@/lib/codes";
import { RECOVERY_CODE_COUNT } from "./policy";

/**
 * TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, what every authenticator app reads) and
 * recovery codes. Pure functions: storage and audit are in server/services/second-factor.ts.
 */

export const TOTP_ISSUER = "Passage";
const PERIOD_S = 30;

/** A new shared secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret, period: PERIOD_S });
}

/** The otpauth URI as an SVG QR code in a data URL: an <img> that the page's CSP allows (img-src data:). */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** The time step `at` falls in (what a code is for). */
export function timeStepAt(at: number): number {
  return Math.floor(at / 1000 / PERIOD_S);
}

/** The code of `secret` at instant `at` (what an authenticator app shows then). */
export function totpCodeAt(secret: string, at: number): string {
  return generateSync({ secret, period: PERIOD_S, epoch: Math.floor(at / 1000) });
}

/**
 * The time step a six-digit code matches, or null. One step either side of now is accepted (clock
 * drift and typing time: a code is good for at most 90 seconds), and never a step at or before
 * `afterTimeStep`, the last one accepted for this account: a code, once used, cannot be used again.
 */
export function matchTotp(secret: string, code: string, afterTimeStep: number | null, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    period: PERIOD_S,
    epoch: Math.floor(now / 1000),
    epochTolerance: PERIOD_S,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  // The functional API types TOTP and HOTP results together; a TOTP match carries its time step.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

// ---------------------------------------------------------------------------------------------
// Recovery codes (decision 0018)
// ---------------------------------------------------------------------------------------------

const RECOVERY_CHARS = 16; // 16 x 5 bits = 80 bits from the CSPRNG

/** Ten fresh codes, shown once, e.g. "7KQ2-M9XD-3FHT-0WRN" (Crockford base32: no I, L, O, U). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let body = "";
    for (let i = 0; i < RECOVERY_CHARS; i++) body += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    return body.match(/.{4}/g)!.join("-");
  });
}

/** A typed recovery code in canonical form (case, spaces and dashes ignored; O read as 0, I and L as 1), or null. */
export function normaliseRecoveryCode(input: string): string | null {
  const body = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (body.length !== RECOVERY_CHARS) return null;
  for (const c of body) if (!CODE_ALPHABET.includes(c)) return null;
  return body;
}

/** What is stored of a code: its SHA-256 (80 bits of entropy need no slow hash; decision 0018). */
export function recoveryCodeHash(normalised: string): string {
  return createHash("sha256").update(`passage-recovery:${normalised}`).digest("hex");
}
