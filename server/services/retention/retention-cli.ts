import "server-only";
import type { Db } from "@/db/client";
import messages from "@/lib/i18n/messages/en/retention.json";
import { runRetention } from "./run-retention";

type Label = keyof typeof messages.removes;

/**
 * `npm run passage -- retention:run [--dry-run]`: prints what was (or would be) removed, as counts
 * per kind of content, never content. Returns the exit code (0; retention off is not a failure).
 */
export function runRetentionCli(db: Db, options: { dryRun?: boolean; now?: number }, out: (text: string) => void): number {
  const report = runRetention(db, options);
  if (report.status === "off") {
    out("Retention is off: no retention period is set (an administrator sets it under Retention). Nothing was removed.\n");
    return 0;
  }
  const cutoff = new Date(report.cutoff).toISOString().slice(0, 10);
  out(`Retention period: ${report.years} year(s) after closure (persons whose cases were all closed on or before ${cutoff}).\n`);
  out(report.dryRun ? `Dry run, nothing changed. Would remove, for ${report.persons} person(s):\n` : `Removed, for ${report.persons} person(s):\n`);
  const width = Math.max(...Object.values(messages.removes).map((m) => m.length));
  for (const [name, count] of Object.entries(report.counts)) {
    const label = name in messages.removes ? messages.removes[name as Label] : name;
    out(`  ${label.padEnd(width)}  ${count}\n`);
  }
  return 0;
}
