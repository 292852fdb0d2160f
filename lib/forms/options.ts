import { HTCDS_PICKLISTS } from "@/lib/reference/htcds.generated";
import type { OptionSource } from "./types";

/** The values a choice field accepts, in display order. */
export function optionValues(source: OptionSource): string[] {
  if ("htcds" in source) {
    const picklist = (HTCDS_PICKLISTS as Record<string, { values: readonly { name: string }[] }>)[source.htcds];
    if (!picklist) throw new Error(`unknown HTCDS picklist ${source.htcds}`);
    return [...picklist.values.map((v) => v.name), ...(source.extra ?? [])];
  }
  return [...source.values];
}

/** The message key of an option's label. */
export function optionLabelKey(source: OptionSource, value: string): string {
  if ("htcds" in source) {
    const base = (HTCDS_PICKLISTS as Record<string, { values: readonly { name: string }[] }>)[source.htcds];
    return base?.values.some((v) => v.name === value) ? `htcds.${source.htcds}.${value}` : `forms.options.ext.${value}`;
  }
  return `${source.labelPrefix}.${value}`;
}
