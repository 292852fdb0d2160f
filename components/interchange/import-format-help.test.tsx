import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import importFormat from "@/lib/i18n/messages/en/importFormat.json";
import { COLUMNS, COLUMN_NAMES, type ColumnDef } from "@/lib/interchange/format";
import { helpSections } from "@/lib/interchange/format-help";
import { ImportFormatHelp } from "./import-format-help";

/**
 * The import format help page (issue 15, item 13) is generated from COLUMNS: every column has its
 * meaning and its kind's description in the catalogue, sits in exactly one section in the order of
 * COLUMNS, and its row lists every allowed value; no message key reaches the page.
 */
const limits = { maxCellChars: 10_000, maxColumns: 256, maxUploadMb: 512, maxRows: 100_000 };

function render(): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale="en" timeZone="UTC" messages={{ importFormat }} onError={(e) => { throw e; }}>
      <ImportFormatHelp limits={limits} officeCode="TPL-OFF" />
    </NextIntlClientProvider>,
  );
}

/** The HTML of one column's row. */
function rowOf(html: string, name: string): string {
  const start = html.indexOf(`<tr id="column-${name}">`);
  expect(start, name).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</tr>", start));
}

describe("import format help", () => {
  it("has a meaning for every column and a description for every kind in the catalogue", () => {
    const meanings: Record<string, string> = importFormat.columns;
    const kinds: Record<string, string> = importFormat.kinds;
    for (const c of COLUMNS) {
      expect(meanings[c.name]?.trim(), c.name).toBeTruthy();
      expect(kinds[c.kind]?.trim(), c.kind).toBeTruthy();
    }
    // No stale meaning of a column that no longer exists.
    expect(Object.keys(meanings).sort()).toEqual([...COLUMN_NAMES].sort());
  });

  it("puts every column in exactly one section, in the order of COLUMNS", () => {
    expect(helpSections(null).flatMap((s) => s.columns.map((c) => c.name))).toEqual(COLUMN_NAMES);
    expect(helpSections(null).every((s) => s.columns.length > 0)).toBe(true);
  });

  it("renders every column with its meaning, and lists every allowed value of every picklist", () => {
    const html = render();
    for (const c of COLUMNS as readonly (ColumnDef & { name: string })[]) {
      const row = rowOf(html, c.name);
      expect(row).toContain(`<code>${c.name}</code>`);
      for (const value of c.values ?? []) expect(row, `${c.name}: ${value}`).toContain(`<code>${value}</code>`);
      expect(row.includes("required"), c.name).toBe(c.required === true);
    }
    // Message keys never reach the page; the limits are the import's own.
    expect(html).not.toMatch(/\b(importFormat|columns|kinds|rules|sections|table)\.[A-Za-z_]/);
    expect(html).toContain("10,000");
    expect(html).toContain("100,000");
  });

  it("shows the template's example, with the user's office code", () => {
    const html = render();
    expect(rowOf(html, "ext_OfficeCode")).toContain("<code>TPL-OFF</code>");
    expect(rowOf(html, "ext_ExternalCaseId")).toContain("<code>EXAMPLE-CASE-0001</code>");
  });
});
