import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { countRemovable, personsDueForRetention, type RemovalCounts } from "@/db/queries/retention";
import { recordAudit } from "@/server/audit/record";
import { addCounts, removePersonContent } from "./remove-person-content";
import { getRetentionPolicy, retentionCutoff } from "./retention-policy";

/** Persons per write transaction: short transactions keep the application responsive. */
const BATCH = 200;

/** For the audit event: identities, case notes and every other removed text, as three numbers. */
function summary(counts: RemovalCounts) {
  const { identities = 0, case_notes: caseNotes = 0, ...rest } = counts;
  return { identities, caseNotes, otherTexts: Object.values(rest).reduce((a, b) => a + b, 0) };
}

export type RetentionReport =
  | { status: "off" }
  | { status: "done"; dryRun: boolean; years: number; cutoff: number; persons: number; counts: RemovalCounts };

/**
 * `npm run passage -- retention:run [--dry-run]` (issue 11 item 12): removes the identity,
 * narratives and free text of every person whose cases were all closed at least the retention
 * period ago. The dry run counts what would go and changes nothing. Each batch of persons is one
 * transaction with its audit events; the run itself is one more event with the totals. Resumable:
 * a run stopped half-way leaves whole batches done, and the next run finds the rest.
 */
export function runRetention(db: Db, options: { dryRun?: boolean; now?: number } = {}): RetentionReport {
  const { years } = getRetentionPolicy(db);
  if (years === null) return { status: "off" };
  const now = options.now ?? Date.now();
  const cutoff = retentionCutoff(years, now);
  const due = personsDueForRetention(db, cutoff);
  const dryRun = options.dryRun ?? false;
  let counts: RemovalCounts = {};
  let removedPersons = 0;
  if (dryRun) {
    removedPersons = due.length;
    for (let i = 0; i < due.length; i += BATCH) counts = addCounts(counts, countRemovable(db, due.slice(i, i + BATCH)));
  } else {
    for (let i = 0; i < due.length; i += BATCH) {
      const batch = due.slice(i, i + BATCH);
      const removed = writeTransaction(db, (tx) => {
        const still = personsDueForRetention(tx, cutoff, batch);
        removedPersons += still.length;
        return removePersonContent(tx, still, "retention", null, null, now);
      });
      counts = addCounts(counts, removed);
    }
  }
  writeTransaction(db, (tx) =>
    recordAudit(tx, { action: "retention.run", details: { dryRun, years, cutoff: new Date(cutoff).toISOString().slice(0, 10), persons: removedPersons, ...summary(counts) } }),
  );
  return { status: "done", dryRun, years, cutoff, persons: removedPersons, counts };
}
