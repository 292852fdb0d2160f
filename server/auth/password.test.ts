import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { passwordPatternProblem } from "@/lib/password-policy";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { passwordProblem } from "./password";

describe("the password policy (issue 11, item 9)", () => {
  it("refuses twelve spaces and one character repeated, whatever the length", () => {
    expect(passwordProblem(" ".repeat(12))).toBe("trivial");
    expect(passwordProblem(" ".repeat(40))).toBe("trivial");
    expect(passwordProblem("\t \u00a0".repeat(6))).toBe("trivial");
    expect(passwordProblem("a".repeat(16))).toBe("trivial");
    expect(passwordProblem("é".repeat(13))).toBe("trivial");
    expect(passwordPatternProblem("🙂".repeat(12))).toBe("trivial");
  });

  it("still accepts passphrases that contain spaces or repeats", () => {
    expect(passwordProblem("violet anchor drifts past nine lanterns")).toBeNull();
    expect(passwordProblem("aaaaaaaaaaab")).toBeNull();
    expect(passwordProblem("  spaced  passphrase  ")).toBeNull();
  });

  it("is enforced when a person chooses their password from a set-up link, with the catalogue message", async () => {
    const db = createTestDb();
    try {
      const admin = makeUser(db, { role: "administrator" });
      const target = makeUser(db, { role: "data_officer" });
      const { setupToken } = await callerFor(db, admin).users.resetPassword({ id: target.id });
      const refusal = await callerFor(db, null)
        .account.completeSetup({ token: setupToken, password: " ".repeat(12) })
        .then(() => null, (e: unknown) => e);
      expect(refusal).toBeInstanceOf(TRPCError);
      const cause = (refusal as TRPCError).cause;
      expect(cause).toBeInstanceOf(AppError);
      expect((cause as AppError).code).toBe("WEAK_PASSWORD");
      expect((cause as AppError).fieldErrors).toEqual({ password: "validation.password.trivial" });
    } finally {
      destroyTestDb(db);
    }
  });
});
