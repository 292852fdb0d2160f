import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The house is strictly downward (lib/ <- db/ <- server/, docs/ARCHITECTURE.md): db/ code never
 * imports or requires server/ (seed code that calls services lives in server/seed/, SessionUser in
 * lib/). Tests next to db/ code may use the server/testing helpers.
 */
const DB_DIR = path.join(process.cwd(), "db");
const SERVER_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["'](?:@\/server\/|(?:\.\.\/)+server\/)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("db/ layering", () => {
  it("finds the db/ sources it checks", () => {
    expect(sourceFiles(DB_DIR).map((f) => path.relative(DB_DIR, f))).toContain("client.ts");
  });

  it("no db/ source imports from server/", () => {
    const offenders = sourceFiles(DB_DIR).filter((file) => SERVER_IMPORT.test(readFileSync(file, "utf8")));
    expect(offenders.map((f) => path.relative(process.cwd(), f))).toEqual([]);
  });
});
