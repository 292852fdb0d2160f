import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { optionLabelKey, optionValues } from "./options";
import { FORMS } from "./registry";
import type { FieldDef } from "./types";

/** The English catalogue, merged into namespaces like the app does. */
function catalogue(): Record<string, unknown> {
  const dir = path.join(__dirname, "..", "i18n", "messages", "en");
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(dir, f), "utf8"))]),
  );
}

function has(messages: Record<string, unknown>, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" && node.length > 0;
}

function keysOf(field: FieldDef): string[] {
  const keys = [field.label, ...(field.help ? [field.help] : []), ...(field.flagWhen ? [`${field.label}Flag`] : [])];
  if (field.type === "group") return [...keys, field.itemLabel, ...field.fields.flatMap(keysOf)];
  if (field.type === "single" || field.type === "multi") {
    return [...keys, ...optionValues(field.options).map((v) => optionLabelKey(field.options, v))];
  }
  return keys;
}

describe("form definitions and the message catalogue", () => {
  const messages = catalogue();
  for (const [id, form] of Object.entries(FORMS)) {
    it(`every label, help text and option of "${id}" has an English message`, () => {
      const keys = [
        form.definition.title,
        ...form.definition.sections.flatMap((s) => [s.title, ...("intro" in s && s.intro ? [s.intro] : []), ...s.fields.flatMap(keysOf)]),
      ];
      expect(keys.filter((k) => !has(messages, k))).toEqual([]);
    });

    it(`field ids of "${id}" are unique`, () => {
      const ids = form.definition.sections.flatMap((s) => s.fields.map((f) => f.id));
      expect(new Set(ids).size).toBe(ids.length);
    });
  }
});
