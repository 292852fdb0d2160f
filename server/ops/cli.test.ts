import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The operations commands end to end, as an operator runs them (`npm run passage -- ...`, here the
 * same node invocation), against a demo database in a temporary folder: the restore drill of
 * docs/OPERATIONS.md, and a vault key rotation after which the old key is removed and every
 * identity still opens. Synthetic demo data, random keys.
 */

const key = () => randomBytes(32).toString("base64");
let dir: string;
let base: Record<string, string>;

function passage(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--max-old-space-size=400", "--import", "tsx", "--conditions=react-server", "server/cli.ts", ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", PASSAGE_ENV_FILE: path.join(dir, "absent.env"), ...base, ...env },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "passage-ops-cli-"));
  base = {
    DATABASE_URL: path.join(dir, "live.db"),
    NEXTAUTH_SECRET: randomBytes(40).toString("base64url"),
    PASSAGE_VAULT_KEYS: `old:${key()}`,
    PASSAGE_BLIND_INDEX_KEY: key(),
  };
  expect(passage(["seed", "--demo"]).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("operations CLI", () => {
  it("restore drill: backup, check, restore into a new file, verify; refuses to overwrite data", () => {
    const backup = path.join(dir, "drill.db");
    const made = passage(["backup", "--to", backup]);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain("audit trail ends at event");
    expect(passage(["backup:check", "--from", backup]).code).toBe(0);

    const target = path.join(dir, "drill-restored.db");
    const restored = passage(["restore", "--from", backup], { DATABASE_URL: target });
    expect(restored.code, restored.err).toBe(0);
    expect(existsSync(`${target}.audit-anchor.json`)).toBe(true);
    const verified = passage(["audit:verify"], { DATABASE_URL: target });
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toContain("matches its anchor");

    const refused = passage(["restore", "--from", backup]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("already holds data");
    expect(passage(["restore"]).code).toBe(2);
  }, 120_000);

  it("vault:rotate, then the old key removed: every identity still opens", () => {
    const next = `new:${key()}`;
    const rotated = passage(["vault:rotate", "--batch", "50"], { PASSAGE_VAULT_KEYS: `${next},${base.PASSAGE_VAULT_KEYS}` });
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toContain("key old: no value uses it any more");
    // Only the new key now. blind-index:rotate opens every identity: none is unreadable.
    const reindexed = passage(["blind-index:rotate"], { PASSAGE_VAULT_KEYS: next });
    expect(reindexed.code, reindexed.err).toBe(0);
    expect(reindexed.out).toMatch(/Checked \d+ person\(s\)/);
    expect(reindexed.out).not.toContain("could not be opened");
    expect(passage(["audit:verify"], { PASSAGE_VAULT_KEYS: next }).code).toBe(0);
  }, 120_000);

  it("audit:verify fails once the newest events are cut off behind its back", () => {
    const cut = spawnSync(
      process.execPath,
      ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(base.DATABASE_URL)});d.exec("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id > (SELECT max(id) - 3 FROM audit_events)");d.close();`],
      { cwd: process.cwd(), encoding: "utf8" },
    );
    expect(cut.status, cut.stderr).toBe(0);
    const verified = passage(["audit:verify"]);
    expect(verified.code).toBe(1);
    expect(verified.err).toContain("newest events removed");
  }, 60_000);
});
