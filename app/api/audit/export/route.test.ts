import { describe, expect, it } from "vitest";
import { POST } from "./route";

/** The audit export route handler refuses cross-site requests before anything else, like the case export. */
describe("audit export route handler", () => {
  it("refuses an export posted from another site, or without an Origin", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: "https://elsewhere.example", host: "passage.test" },
      { origin: "null", "sec-fetch-site": "cross-site", host: "passage.test" },
      { host: "passage.test" },
    ]) {
      const response = await POST(
        new Request("http://passage.test/api/audit/export", {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ format: "csv" }),
        }),
      );
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
  });
});
