import "server-only";
import { randomBytes } from "node:crypto";
import proxyAddr from "proxy-addr";
import { z } from "zod";
import { DatabaseUrlError, DEFAULT_DATABASE_URL, parseDatabaseUrl } from "@/db/database-url";
import { ROLES, type Role } from "../lib/permissions";

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
  /** The SQLite file (a path or a file: URL; db/database-url.ts), as the path to open. */
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .transform((raw, ctx) => {
      try {
        return parseDatabaseUrl(raw).file;
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof DatabaseUrlError ? error.message : "not understood" });
        return z.NEVER;
      }
    }),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /**
   * Folder of the import jobs' temporary files (created 0700 if missing; it must belong to the
   * server's user and be closed to everyone else). Default: <os temp dir>/passage-imports.
   */
  PASSAGE_IMPORT_DIR: z.string().min(1).optional(),
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
  /** Identity reveals allowed per user in any 60 minutes, counted in the database (decision 0025). */
  PASSAGE_REVEALS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(60),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated IPs or CIDRs (or proxy-addr's
   * names loopback, linklocal, uniquelocal). Default none: the socket address is the client.
   */
  PASSAGE_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((raw, ctx) => {
      const entries = raw.split(",").map((p) => p.trim()).filter(Boolean);
      try {
        return proxyAddr.compile(entries);
      } catch {
        ctx.addIssue({ code: "custom", message: "each entry must be an IP address or CIDR range" });
        return z.NEVER;
      }
    }),
  /**
   * Roles that must pass a second factor (TOTP) at sign-in: comma-separated; unset or empty means
   * every role, and only the explicit word `none` requires it of no role. An account that has
   * enrolled is always asked for its second factor, whatever its role.
   */
  PASSAGE_MFA_ROLES: z
    .string()
    .default("")
    .transform((raw, ctx) => {
      if (raw.trim() === "") return new Set<Role>(ROLES) as ReadonlySet<Role>;
      if (raw.trim() === "none") return new Set<Role>() as ReadonlySet<Role>;
      const entries = raw.split(",").map((p) => p.trim()).filter(Boolean);
      const unknown = entries.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length > 0) {
        ctx.addIssue({ code: "custom", message: `unknown role(s); use ${ROLES.join(", ")}` });
        return z.NEVER;
      }
      return new Set(entries as Role[]) as ReadonlySet<Role>;
    }),
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
