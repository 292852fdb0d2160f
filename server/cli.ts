/**
 * Operator command line: `npm run passage -- <command> [options]`.
 * Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.
 */
import { parseArgs } from "node:util";
import { describeIssues } from "./cli-messages";
import { loadEnvFile } from "./load-env-file";
import { OPS_USAGE } from "./ops/usage";

loadEnvFile();

const USAGE = `Usage: npm run passage -- <command> [options]

Commands:
  migrate                                   apply database migrations
  seed --demo                               add the demo dataset if the database is empty
  seed --synthetic N [--seed S]             add N synthetic people and cases (deterministic for S)
  user:create --email E --name N --role R [--office CODE]...
                                            create a user; the password is read from stdin
                                            (R: caseworker, supervisor, data_officer, administrator);
                                            the operator's path: its offices are confirmed at once
                                            (bootstrap of the first administrator and supervisors)
  access:confirm --email E --office CODE    confirm a user's access to an office's cases when the
                                            office has no supervisor who could (decision 0020)
  office:create --code C --name N --country ISO2
  demo:totp --email E                       print the current second-factor code of a DEMO account
                                            (refused for any account without the demo secret)
  audit:verify                              recompute the audit hash chain and compare its end with
                                            the anchor outside the database (exit 0 only if intact)
  stats --year YYYY [--region R] [--office CODE] [--json] [--export K]
                                            every indicator (exact, or with the export rule, k >= 5)
  import --file F [--office CODE] [--dry-run]
                                            import cases from an interchange CSV or XLSX file
                                            (docs/import-format.md); all rows or none
  retention:run [--dry-run]                 remove identities, narratives and free text of persons
                                            closed longer ago than the retention period (counts only
                                            are printed; --dry-run changes nothing; docs/retention.md)
${OPS_USAGE}`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write("Password (input is not hidden; prefer piping it): ");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      demo: { type: "boolean" },
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      office: { type: "string", multiple: true },
      code: { type: "string" },
      country: { type: "string" },
      synthetic: { type: "string" },
      seed: { type: "string" },
      year: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      region: { type: "string" },
      json: { type: "boolean" },
      export: { type: "string" },
      file: { type: "string" },
      "dry-run": { type: "boolean" },
      force: { type: "boolean" },
      batch: { type: "string" },
    },
    strict: true,
  });

  // Operations (backup, restore, key rotation, audit anchor): server/ops/cli.ts. Before the
  // database is opened below: a restore must find its target closed.
  const { runOpsCommand, OpsUsage } = await import("./ops/cli");
  try {
    const code = await runOpsCommand(command, values, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
    if (code !== null) return code;
  } catch (error) {
    if (error instanceof OpsUsage) throw new UsageError(error.message);
    throw error;
  }

  // Imported after the env file is loaded: server/env validates the whole environment on import
  // (a bad DATABASE_URL stops here with its message) before db/client opens the file.
  await import("@/server/env");
  const { getDb, migrateDatabase } = await import("@/db/client");
  const db = getDb();

  switch (command) {
    case "migrate": {
      migrateDatabase(db);
      console.log("Database migrated.");
      return 0;
    }
    case "seed": {
      if (values.synthetic !== undefined) {
        const count = Number(values.synthetic);
        if (!Number.isInteger(count) || count < 1) throw new UsageError("seed --synthetic needs a positive whole number");
        migrateDatabase(db);
        const { seedSyntheticCases } = await import("@/server/seed/synthetic-cases");
        const result = seedSyntheticCases(db, { count, seed: values.seed === undefined ? undefined : Number(values.seed) });
        console.log(`Synthetic data created: ${result.persons} persons, ${result.cases} cases in ${result.offices} offices (${result.ms} ms).`);
        const { countEveryPartial } = await import("@/server/stats/partials");
        const counting = performance.now();
        const years = countEveryPartial(db);
        if (years) console.log(`Statistics counted for ${years.from}-${years.to} (${Math.round(performance.now() - counting)} ms).`);
        return 0;
      }
      if (!values.demo) throw new UsageError("seed needs --demo or --synthetic N");
      migrateDatabase(db);
      const { seedDemo } = await import("@/server/seed/demo");
      const result = await seedDemo(db);
      console.log(result.created ? `Demo data created: ${result.summary}` : "Database already has data; demo seed skipped.");
      return 0;
    }
    case "user:create": {
      const { ZCreateUserWithPassword } = await import("@/lib/schemas/admin");
      const { createUserWithPassword } = await import("@/server/services/create-user");
      const { offices } = await import("@/db/schema");
      const { inArray } = await import("drizzle-orm");
      const codes = (values.office ?? []).map((c) => c.toUpperCase());
      const found = codes.length
        ? db.select({ id: offices.id, code: offices.code }).from(offices).where(inArray(offices.code, codes)).all()
        : [];
      const missing = codes.filter((c) => !found.some((o) => o.code === c));
      if (missing.length) throw new Error(`Unknown office code(s): ${missing.join(", ")}`);
      const password = await readStdin();
      const parsed = ZCreateUserWithPassword.safeParse({
        email: values.email,
        name: values.name,
        role: values.role,
        officeIds: found.map((o) => o.id),
        password,
      });
      if (!parsed.success) {
        throw new UsageError(describeIssues(parsed.error.issues, { email: "--email", name: "--name", role: "--role", officeIds: "--office", password: "password (standard input)" }));
      }
      const { id } = await createUserWithPassword(db, parsed.data);
      console.log(`User ${parsed.data.email} created (id ${id}, ${parsed.data.role}).`);
      return 0;
    }
    case "access:confirm": {
      if (!values.email || values.office?.length !== 1) throw new UsageError("access:confirm needs --email and one --office");
      const { confirmOfficeAccessByOperator } = await import("@/server/services/decide-office-access");
      const result = confirmOfficeAccessByOperator(db, values.email, values.office[0]!);
      console.log(
        result.alreadyConfirmed
          ? `Access of ${values.email} to ${values.office[0]!.toUpperCase()} was already confirmed.`
          : `Access of ${values.email} to ${values.office[0]!.toUpperCase()} confirmed.`,
      );
      return 0;
    }
    case "office:create": {
      const { ZCreateOffice } = await import("@/lib/schemas/admin");
      const { createOffice } = await import("@/server/services/create-office");
      const parsed = ZCreateOffice.safeParse({ code: values.code, name: values.name, countryIso2: values.country });
      if (!parsed.success) {
        throw new UsageError(describeIssues(parsed.error.issues, { code: "--code", name: "--name", countryIso2: "--country" }));
      }
      const office = createOffice(db, null, parsed.data);
      console.log(`Office ${office.code} created (region ${office.region}).`);
      return 0;
    }
    case "demo:totp": {
      if (!values.email) throw new UsageError("demo:totp needs --email");
      const { DEMO_TOTP_SECRET } = await import("@/db/seed/demo-accounts");
      const { currentDemoCode } = await import("@/server/services/second-factor");
      const now = Date.now();
      const code = currentDemoCode(db, values.email, DEMO_TOTP_SECRET, now);
      const left = 30 - (Math.floor(now / 1000) % 30);
      console.log(`${code}  (valid for about ${left} more seconds; each code signs in once)`);
      return 0;
    }
    case "stats": {
      const { runStatsCli, StatsCliUsage } = await import("@/server/stats/cli");
      try {
        await runStatsCli(db, { ...values, office: values.office?.[0] }, (text) => process.stdout.write(text));
      } catch (error) {
        if (error instanceof StatsCliUsage) throw new UsageError(error.message);
        throw error;
      }
      return 0;
    }
    case "import": {
      migrateDatabase(db);
      const { runImportCli, ImportCliUsage } = await import("@/server/interchange/cli");
      try {
        return await runImportCli(
          db,
          { file: values.file, office: values.office?.[0], dryRun: values["dry-run"] },
          (text) => process.stdout.write(text),
          (text) => process.stderr.write(text),
        );
      } catch (error) {
        if (error instanceof ImportCliUsage) throw new UsageError(error.message);
        throw error;
      }
    }
    case "retention:run": {
      migrateDatabase(db);
      const { runRetentionCli } = await import("@/server/services/retention/retention-cli");
      return runRetentionCli(db, { dryRun: values["dry-run"] }, (text) => process.stdout.write(text));
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const { AppError } = await import("@/lib/errors");
    if (error instanceof AppError) {
      const fields = error.fieldErrors ? ` (${Object.values(error.fieldErrors).join(", ")})` : "";
      console.error(`Error: ${error.message}${fields}`);
    } else {
      console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exit(1);
  });
