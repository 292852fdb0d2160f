import { describe, expect, it } from "vitest";
import { ZCreateUserWithPassword } from "@/lib/schemas/admin";
import { describeIssues, inWords } from "./cli-messages";

describe("command-line messages", () => {
  it("puts catalogue keys in words and names fields by their option", () => {
    const parsed = ZCreateUserWithPassword.safeParse({ email: "not an email", name: "A. Admin", role: "administrator", officeIds: [], password: "short" });
    expect(parsed.success).toBe(false);
    const text = describeIssues(parsed.error!.issues, { email: "--email", password: "password (standard input)" });
    expect(text).toContain("--email: Enter a valid email address.");
    expect(text).toContain("password (standard input): Use at least 12 characters.");
    expect(text).not.toMatch(/validation\./);
  });

  it("leaves text that is not a key as it is", () => {
    expect(inWords("Unknown office code(s): XX")).toBe("Unknown office code(s): XX");
    expect(inWords("validation.noSuchKey")).toBe("validation.noSuchKey");
  });
});
