import "server-only";
import Bowser from "bowser";

/** A session's device in names a person recognises ("Chromium" on "Linux"); null when unknown. */
export type DeviceDescription = { browser: string | null; os: string | null };

/** Reads a recorded User-Agent header with bowser (decision 0031). Never throws. */
export function describeDevice(userAgent: string | null): DeviceDescription {
  if (!userAgent) return { browser: null, os: null };
  try {
    const parsed = Bowser.parse(userAgent);
    return { browser: parsed.browser.name || null, os: parsed.os.name || null };
  } catch {
    return { browser: null, os: null };
  }
}
