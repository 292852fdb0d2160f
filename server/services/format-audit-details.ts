/**
 * Audit details are stored as canonical JSON; people read them as `key: value` lines. Nested
 * objects become dotted keys, arrays of plain values a comma-separated list.
 */
export type DetailLine = { key: string; value: string };

function plain(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function walk(prefix: string, value: unknown, out: DetailLine[]): void {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) {
      out.push({ key: prefix, value: value.length === 0 ? "—" : value.map(plain).join(", ") });
    } else {
      value.forEach((v, i) => walk(`${prefix}.${i + 1}`, v, out));
    }
    return;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.push({ key: prefix, value: "—" });
    for (const [k, v] of entries) walk(prefix ? `${prefix}.${k}` : k, v, out);
    return;
  }
  out.push({ key: prefix || "value", value: plain(value) });
}

export function flattenDetails(json: string): DetailLine[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [{ key: "value", value: "(unreadable)" }];
  }
  const out: DetailLine[] = [];
  walk("", parsed, out);
  return out;
}
