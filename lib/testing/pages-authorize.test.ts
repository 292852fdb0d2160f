import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every page of the signed-in area checks the user and the permission itself (GUIDE section 3:
 * "in every restricted page.tsx, never only middleware or a layout"). A page that forgets would be
 * protected only by the layout, which Next may render separately from it.
 */
function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return pages(full);
    return entry === "page.tsx" ? [full] : [];
  });
}

describe("restricted pages", () => {
  const root = path.join(__dirname, "..", "..", "app", "(app)");
  const all = pages(root);

  it("exist", () => {
    expect(all.length).toBeGreaterThan(5);
  });

  it("each call requireUser with a permission in the page itself", () => {
    const missing = all
      .filter((file) => !/requireUser\(\s*"[a-z_]+:[a-z_]+:(own|office|all)"\s*\)/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(missing).toEqual([]);
  });
});
