import { existsSync } from "node:fs";

/**
 * For the CLI and scripts (Next.js loads .env itself): read PASSAGE_ENV_FILE, else .env, into
 * process.env without overriding what the environment already sets.
 */
export function loadEnvFile(): void {
  const file = process.env.PASSAGE_ENV_FILE ?? ".env";
  if (existsSync(file)) process.loadEnvFile(file);
}
