/**
 * The command line as an operator runs it (a child process), for what only the whole process
 * shows: how DATABASE_URL is read, and that refusals are in words.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { applyTestEnv } from "@/server/testing/env-setup";

const ROOT = process.cwd();
const dir = mkdtempSync(path.join(os.tmpdir(), "passage-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI from `cwd` (default: an empty folder, where a stray relative path would land). */
function passage(args: string[], databaseUrl: string, input = "", cwd = dir) {
  const env: NodeJS.ProcessEnv = { ...process.env, PASSAGE_ENV_FILE: path.join(dir, "none.env"), NODE_ENV: "production" };
  applyTestEnv(env);
  env.DATABASE_URL = databaseUrl;
  // The project's tsx and tsconfig, wherever it runs from.
  env.TSX_TSCONFIG_PATH = path.join(ROOT, "tsconfig.json");
  const tsx = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
  return spawnSync(process.execPath, ["--import", tsx, "--conditions=react-server", path.join(ROOT, "server/cli.ts"), ...args], {
    cwd,
    env,
    input,
    encoding: "utf8",
  });
}

describe("passage command line", { timeout: 60_000 }, () => {
  it("opens the SQLite file a file: URL names, and makes no folder called file:", () => {
    // From the project folder, as `npm run passage` runs (migrations are found there).
    const target = path.join(dir, "by-url", "passage.db");
    const stray = path.join(ROOT, "file:");
    try {
      const result = passage(["migrate"], `file:${target}`, "", ROOT);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(existsSync(target)).toBe(true);
      expect(existsSync(stray)).toBe(false);
    } finally {
      rmSync(stray, { recursive: true, force: true });
    }
  });

  it("refuses a DATABASE_URL it does not understand, saying so, and creates nothing", () => {
    const result = passage(["migrate"], "postgres://passage@localhost/passage");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/DATABASE_URL: .*PostgreSQL/);
    expect(existsSync(path.join(dir, "postgres:"))).toBe(false);
  });

  it("says what is wrong with a new user in words, never as message keys", () => {
    const result = passage(["user:create", "--email", "cli-admin@test.invalid", "--name", "CLI Admin", "--role", "administrator"], path.join(dir, "users.db"), "short\n");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Use at least 12 characters.");
    expect(result.stderr).not.toMatch(/validation\.[a-zA-Z]/);
  });
});
