import { describe, expect, it } from "vitest";
import { POST as exportCases } from "./route";
import { POST as importUpload } from "../import/route";

/** The interchange route handlers refuse cross-site requests before anything else. */
describe("interchange route handlers", () => {
  const form = () => new URLSearchParams({ office: "AT-VIE", identity: "1" });

  it("refuse an export posted from another site", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: "https://elsewhere.example", host: "passage.test" },
      { origin: "null", "sec-fetch-site": "cross-site", host: "passage.test" },
      { host: "passage.test" },
    ]) {
      const response = await exportCases(new Request("http://passage.test/api/export", { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: form() }));
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
  });

  it("refuse an upload from another site", async () => {
    const response = await importUpload(new Request("http://passage.test/api/import", { method: "POST", headers: { origin: "https://elsewhere.example", host: "passage.test" }, body: "x" }));
    expect(response.status).toBe(403);
  });
});
