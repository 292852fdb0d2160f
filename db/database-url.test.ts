import { describe, expect, it } from "vitest";
import { DatabaseUrlError, parseDatabaseUrl } from "./database-url";

describe("DATABASE_URL", () => {
  it.each([
    ["./data/passage.db", "./data/passage.db"],
    ["/var/lib/passage/passage.db", "/var/lib/passage/passage.db"],
    ["file:./data/passage.db", "data/passage.db"],
    ["file:data/passage.db", "data/passage.db"],
    ["file:/x/y.db", "/x/y.db"],
    ["file:///var/lib/passage/passage.db", "/var/lib/passage/passage.db"],
    ["file:/srv/with%20space.db", "/srv/with space.db"],
    [":memory:", ":memory:"],
  ])("%s is the SQLite file %s", (raw, file) => {
    expect(parseDatabaseUrl(raw)).toEqual({ engine: "sqlite", file });
  });

  it.each(["postgres://passage@db/passage", "postgresql://db/passage", "mysql://db/x", "https://example.org/x.db", "file:", "file://remote-host/x.db", "  "])(
    "refuses %s with a message",
    (raw) => {
      expect(() => parseDatabaseUrl(raw)).toThrow(DatabaseUrlError);
    },
  );

  it("says what to give instead", () => {
    expect(() => parseDatabaseUrl("postgres://db/passage")).toThrow(/PostgreSQL.*SQLite file/);
  });
});
