import "server-only";
import { existsSync, statSync } from "node:fs";
import type { Db } from "@/db/client";
import messages from "@/lib/i18n/messages/en/interchange.json";
import { renderMessage, type RowError } from "@/lib/interchange/format";
import { countEveryPartial } from "@/server/stats/partials";
import { importCases, type ImportOutcome, type ValidationReport } from "./import-cases";
import { startImportSweeps } from "./job-folders";
import { ReaderFailed, type ParseLimits } from "./parse-in-worker";

/**
 * `npm run passage -- import --file F [--office CODE] [--dry-run]`: the same two passes and the same
 * report as the web import, in English. The command line acts as an operator (any office); cases
 * are owned by each office's first supervisor (or caseworker). Exit code 0 when the file was
 * imported (or, with --dry-run, would be), 1 when it has problems.
 */

export class ImportCliUsage extends Error {}

const catalogue = messages.errors as Record<string, string>;

export function describeError(e: RowError): string {
  const where = [e.row === null ? null : `row ${e.row}`, e.column].filter(Boolean).join(", ");
  return `${where ? `${where}: ` : ""}${renderMessage(catalogue, e.message)}`;
}

export function formatReport(report: ValidationReport, outcome: ImportOutcome | null, dryRun: boolean): string {
  const lines: string[] = [];
  lines.push(`Rows read: ${report.rows}${report.format ? ` (${report.format.toUpperCase()})` : ""}`);
  if (report.errorCount > 0) {
    lines.push(`Problems: ${report.errorCount}${report.errors.length < report.errorCount ? ` (the first ${report.errors.length} are listed)` : ""}`);
    for (const e of report.errors) lines.push(`  ${describeError(e)}`);
  }
  if (report.warningCount > 0) {
    lines.push(`Warnings (imported as given): ${report.warningCount}`);
    for (const w of report.warnings.slice(0, 100)) lines.push(`  ${describeError(w)}`);
  }
  if (report.errorCount === 0) {
    const offices = report.offices.map((o) => `${o.code} ${o.cases}`).join(", ");
    lines.push(`New cases: ${report.toImport}${offices ? ` (${offices})` : ""}`);
    lines.push(`Already imported (skipped): ${report.alreadyImported}`);
    lines.push(`Cases of persons already in Passage: ${report.existingPersons}`);
    lines.push(`Probable duplicate persons (linked through the blind index): ${report.probableDuplicateCount}`);
    for (const d of report.probableDuplicates) lines.push(`  row ${d.row}: person ${d.personCode}`);
    lines.push(`Rows with identity (to the encrypted vault): ${report.withIdentity}`);
  }
  if (outcome?.committed) {
    const r = outcome.result;
    lines.push(`Imported: ${r.cases} cases, ${r.persons} new persons (${r.alreadyImported} rows already imported were skipped).`);
  } else if (report.errorCount > 0) {
    lines.push("Nothing was imported. Fix the file and run the import again.");
  } else if (dryRun) {
    lines.push("Dry run: nothing was written.");
  }
  return `${lines.join("\n")}\n`;
}

export async function runImportCli(
  db: Db,
  options: { file?: string; office?: string; dryRun?: boolean; limits?: ParseLimits },
  write: (text: string) => void,
  progress?: (text: string) => void,
): Promise<number> {
  if (!options.file) throw new ImportCliUsage("import needs --file F");
  if (!existsSync(options.file) || !statSync(options.file).isFile()) throw new ImportCliUsage(`No such file: ${options.file}`);
  // Folders that an earlier import (of this command or of the server) left behind by crashing.
  startImportSweeps();
  const started = performance.now();
  let outcome: ImportOutcome;
  try {
    outcome = await runImport(db, options, progress);
  } catch (error) {
    // The parser's worker stopped (out of memory, or an error): this process goes on and says so.
    if (!(error instanceof ReaderFailed)) throw error;
    write(`${renderMessage(catalogue, error.detail)}\nNothing was imported.\n`);
    return 1;
  }
  write(formatReport(outcome.report, outcome, options.dryRun === true));
  if (outcome.committed && outcome.result.cases > 0) {
    // Counted now, once, rather than by whoever opens the statistics first.
    const counting = performance.now();
    const years = countEveryPartial(db);
    if (years) progress?.(`Statistics counted for ${years.from}-${years.to} in ${((performance.now() - counting) / 1000).toFixed(1)} s.\n`);
  }
  progress?.(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  return outcome.report.errorCount > 0 ? 1 : 0;
}

function runImport(db: Db, options: { file?: string; office?: string; dryRun?: boolean; limits?: ParseLimits }, progress?: (text: string) => void): Promise<ImportOutcome> {
  let shown = -1;
  return importCases(db, options.file!, {
    actor: { kind: "cli" },
    defaultOfficeCode: options.office ?? null,
    dryRun: options.dryRun === true,
    limits: options.limits,
    onProgress: progress
      ? (done, total) => {
          const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
          if (percent >= shown + 10) {
            shown = percent - (percent % 10);
            progress(`Checking: ${shown}%\n`);
          }
        }
      : undefined,
  });
}
