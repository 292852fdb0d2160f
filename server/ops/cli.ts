import "server-only";
import { writeTransaction } from "@/db/client";

/**
 * The operations commands of `npm run passage -- <command>` (docs/OPERATIONS.md): backup and
 * restore, key rotation, audit verification with its anchor. server/cli.ts dispatches here first;
 * null means "not an operations command". Exit codes: 0 success, 1 failure or a check that does not
 * hold. Messages name files, counts and key ids, never data.
 */

export class OpsUsage extends Error {}

export type OpsOptions = { to?: string; from?: string; force?: boolean; batch?: string };
type Io = { out: (text: string) => void; err: (text: string) => void };


function batchSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new OpsUsage("--batch needs a whole number from 1 to 100000");
  return n;
}

export async function runOpsCommand(command: string, options: OpsOptions, io: Io): Promise<number | null> {
  switch (command) {
    case "backup": {
      if (!options.to) throw new OpsUsage("backup needs --to FILE");
      const { getDb } = await import("@/db/client");
      const { backupDatabase, describeManifest } = await import("./backup");
      const manifest = await backupDatabase(getDb(), options.to);
      io.out(`Backup written to ${options.to}\n${describeManifest(manifest)}`);
      return 0;
    }
    case "backup:check": {
      if (!options.from) throw new OpsUsage("backup:check needs --from FILE");
      const { verifyBackup, describeManifest, BackupError } = await import("./backup");
      try {
        io.out(`Backup ${options.from} checks out:\n${describeManifest(verifyBackup(options.from))}`);
        return 0;
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        io.err(`Backup refused: ${error.message}.\n`);
        return 1;
      }
    }
    case "restore": {
      if (!options.from) throw new OpsUsage("restore needs --from FILE");
      const { env } = await import("@/server/env");
      if (env.DATABASE_URL === ":memory:") throw new OpsUsage("restore needs DATABASE_URL to name a database file");
      const { restoreDatabase, describeManifest, BackupError } = await import("./backup");
      try {
        const result = restoreDatabase(options.from, env.DATABASE_URL, { force: options.force });
        io.out(
          `Restored ${options.from} into ${result.target}\n${describeManifest(result.manifest)}` +
            (result.anchored ? "  audit anchor set to the restored trail\n" : "") +
            "Run `npm run passage -- audit:verify`, then start the server.\n",
        );
        return 0;
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        io.err(`Restore refused, nothing was changed: ${error.message}.\n`);
        return 1;
      }
    }
    case "vault:rotate": {
      const { getDb } = await import("@/db/client");
      const { rotateVault, describeVaultRotation } = await import("./rotate-vault");
      const report = rotateVault(getDb(), { batchSize: batchSize(options.batch) });
      io.out(describeVaultRotation(report));
      return report.unreadable > 0 ? 1 : 0;
    }
    case "blind-index:rotate": {
      const { getDb } = await import("@/db/client");
      const { rotateBlindIndex, describeBlindIndexRotation } = await import("./rotate-blind-index");
      const report = rotateBlindIndex(getDb(), { batchSize: batchSize(options.batch) });
      io.out(describeBlindIndexRotation(report));
      return report.unreadable > 0 ? 1 : 0;
    }
    case "audit:verify": {
      const { getDb } = await import("@/db/client");
      const { verifyAuditTrail } = await import("@/server/audit/record");
      const { anchorConfigFor } = await import("@/server/audit/anchor");
      const db = getDb();
      const result = verifyAuditTrail(db);
      const anchor = anchorConfigFor(db);
      if (result.ok) {
        const anchorText =
          result.anchor.status === "ok" ? ` The end of the trail matches its anchor (${anchor?.file}).` : " No anchor is configured (PASSAGE_AUDIT_ANCHOR_FILE=off).";
        io.out(`Audit chain intact: ${result.checked} events verified.${anchorText}\n`);
        return 0;
      }
      const hint =
        result.anchor.status === "missing"
          ? ` No anchor at ${anchor?.file}: after an upgrade, run \`npm run passage -- audit:anchor\` once.`
          : "";
      io.err(`Audit chain BROKEN at event ${result.brokenEventId}: ${result.reason} (${result.checked} events verified).${hint}\n`);
      return 1;
    }
    case "audit:anchor": {
      const { getDb } = await import("@/db/client");
      const { checkAnchor, resetAnchor, anchorConfigFor } = await import("@/server/audit/anchor");
      const { recordAudit } = await import("@/server/audit/record");
      const db = getDb();
      const config = anchorConfigFor(db);
      if (!config) throw new OpsUsage("no anchor is configured for this database (PASSAGE_AUDIT_ANCHOR_FILE=off or an in-memory database)");
      const check = checkAnchor(db, config);
      if (check.status !== "ok" && check.status !== "missing" && !options.force) {
        io.err(`The anchor at ${config.file} does not match the trail (${check.status}): this is what audit:verify reports. Use --force only once the cause is understood.\n`);
        return 1;
      }
      const previous = check.status;
      resetAnchor(db, config);
      writeTransaction(db, (tx) => recordAudit(tx, { action: "audit.anchor_reset", details: { previous } }));
      io.out(`Audit anchor written to ${config.file}.\n`);
      return 0;
    }
    default:
      return null;
  }
}
