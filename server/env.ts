import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * Every setting the server reads from the environment, validated once when the module is first
 * imported (at start-up through instrumentation.ts, or by the CLI). A missing or malformed secret
 * stops the process with a message naming the variable, never its value.
 */
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().min(1).default("./data/passage.db"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /** Comma-separated `keyId:base64key` pairs; the first is used to encrypt, all can decrypt. */
  PASSAGE_VAULT_KEYS: z
    .string()
    .min(1)
    .transform((raw, ctx) => {
      const keys = new Map<string, Buffer>();
      for (const pair of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
        const [id, key] = pair.split(":");
        if (!id || !key || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || !base64Key.safeParse(key).success) {
          ctx.addIssue({ code: "custom", message: "each entry must be keyId:base64-32-byte-key" });
          return z.NEVER;
        }
        keys.set(id, Buffer.from(key, "base64"));
      }
      if (keys.size === 0) {
        ctx.addIssue({ code: "custom", message: "at least one key is required" });
        return z.NEVER;
      }
      return keys;
    }),
  PASSAGE_BLIND_INDEX_KEY: base64Key.transform((v) => Buffer.from(v, "base64")),
  /** The blind index key being replaced, only while `blind-index:rotate` runs (decision 0022). */
  PASSAGE_BLIND_INDEX_KEY_PREVIOUS: base64Key.transform((v) => Buffer.from(v, "base64")).optional(),
  /** Key of the audit anchor's HMAC (decision 0024); derived from NEXTAUTH_SECRET when absent. */
  PASSAGE_AUDIT_ANCHOR_KEY: base64Key.transform((v) => Buffer.from(v, "base64")).optional(),
  /** Where the audit anchor is written; default `<database file>.audit-anchor.json` beside the
   * database; "off" disables it (an in-memory database never has one). */
  PASSAGE_AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  /** Login attempts allowed per client address per 10 minutes (all accounts together). */
  PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(5).max(100_000).default(30),
});

export type Env = z.infer<typeof ZEnv>;

/**
 * `next build` imports server modules to collect route information but runs none of them against
 * data, and a build machine (CI) has no secrets. During the build only, throwaway values stand in
 * for missing ones; at run time every variable is required.
 */
function buildPlaceholders(): Record<string, string> {
  if (process.env.NEXT_PHASE !== "phase-production-build") return {};
  const key = () => randomBytes(32).toString("base64");
  return {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PASSAGE_VAULT_KEYS: `build:${key()}`,
    PASSAGE_BLIND_INDEX_KEY: key(),
  };
}

function loadEnv(): Env {
  const parsed = ZEnv.safeParse({ ...buildPlaceholders(), ...process.env });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}\nSee .env.example.`);
  }
  return parsed.data;
}

export const env: Env = loadEnv();
