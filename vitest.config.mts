import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Unit and integration tests live next to their sources as `*.test.ts(x)`; Playwright's e2e/ is
 * excluded. Tests run in Node (server code, pure functions, routers through createCaller).
 */
export default defineConfig({
  resolve: {
    // `@/...` imports, from tsconfig.json's `paths`.
    tsconfigPaths: true,
    alias: {
      // `server-only` throws outside a React Server Components bundle; tests import server modules.
      "server-only": fileURLToPath(new URL("./lib/testing/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: [
      ...configDefaults.exclude,
      "e2e/**",
      ".next/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
    ],
    setupFiles: ["./server/testing/env-setup.ts", "./lib/testing/vitest-setup.ts"],
    // Two cores: one worker process per core. Forks rather than threads, because native modules
    // (better-sqlite3, @node-rs/argon2) are happier with a process each.
    pool: "forks",
    maxWorkers: 2,
    // Password hashing (argon2) and migrations on a small machine can take a few seconds.
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
