import { afterEach, beforeEach, vi, type MockInstance } from "vitest";

/**
 * Any `console.error` during a test fails that test (the Epic Stack convention): React warnings,
 * swallowed exceptions that log, and the like should never scroll past unnoticed. The message is
 * still printed.
 *
 * A test that expects an error silences this check by replacing the implementation of the spy:
 *
 *     const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
 *     ...
 *     expect(consoleError).toHaveBeenCalledOnce();
 *
 * (`vi.spyOn` returns the spy this file installed, so the new implementation replaces ours.)
 */

let consoleError: MockInstance<typeof console.error> | undefined;
let unexpected: unknown[][] = [];

beforeEach(() => {
  unexpected = [];
  const original = console.error.bind(console);
  consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    unexpected.push(args);
    original(...args);
  });
});

afterEach(() => {
  consoleError?.mockRestore();
  consoleError = undefined;
  if (unexpected.length > 0) {
    const first = unexpected[0]?.map(show).join(" ") ?? "";
    const count = unexpected.length;
    unexpected = [];
    throw new Error(
      `console.error was called ${count} time(s) during this test; first call: ${first.slice(0, 500)}\n` +
        "If this is expected, call vi.spyOn(console, 'error').mockImplementation(() => {}) in the test.",
    );
  }
});

function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
