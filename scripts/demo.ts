/**
 * `npm run demo`: prepares the embedded database with demo data (only if it is empty), builds the
 * app and starts it, then prints the URL and the demo logins. Re-running keeps the data.
 */
import { spawn, spawnSync } from "node:child_process";
import { withServerHeap } from "./server-heap";
import { DEMO_ENV_FILE, DEMO_PORT, ensureDemoEnv } from "./demo-env";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n"${command} ${args.join(" ")}" failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

function main(): void {
  const demoEnv = ensureDemoEnv();
  const env = { ...process.env, ...demoEnv, PASSAGE_ENV_FILE: DEMO_ENV_FILE, NODE_ENV: "production" } as NodeJS.ProcessEnv;
  console.log("Preparing the demo database…");
  run("npx", ["tsx", "--conditions=react-server", "server/cli.ts", "seed", "--demo"], env);
  if (!process.env.PASSAGE_SKIP_BUILD) {
    console.log("Building Passage (about a minute)…");
    run("npx", ["next", "build"], env);
  }
  const server = spawn("npx", ["next", "start", "-p", String(DEMO_PORT)], { stdio: ["ignore", "pipe", "inherit"], env: withServerHeap(env) });
  let announced = false;
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /ready|started|Local:/i.test(chunk.toString())) {
      announced = true;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DEMO_USERS, DEMO_PASSWORD, DEMO_TOTP_SECRET } = require("../db/seed/demo-accounts") as typeof import("../db/seed/demo-accounts");
      console.log(`\nPassage is running at http://localhost:${DEMO_PORT}\n\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(14)} ${u.email}${u.offices.length ? `  (${u.offices.join(", ")})` : ""}`);
      console.log(
        [
          "",
          "Second sign-in step: every demo account has the same demo authenticator key. Either add it to an",
          `authenticator app (time-based, 6 digits, 30 s):  ${DEMO_TOTP_SECRET}`,
          "or print the current code in another terminal:",
          "  PASSAGE_ENV_FILE=.env.demo npm run passage -- demo:totp --email caseworker@passage.demo",
          "(each code signs in once; for a second sign-in within 30 seconds, wait for the next code).",
        ].join("\n"),
      );
      console.log("\nThe demo data is synthetic. Press Ctrl+C to stop.\n");
    }
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main();
