import { availableParallelism } from "node:os";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/** Tests that are about SQLite itself (its files, its backup API) or need nothing of a database. */
const SQLITE_ONLY = [
  "test/e2e/backup-restore.test.ts",
  "test/e2e/bench-smoke.test.ts",
  "test/e2e/demo.test.ts",
  "test/e2e/readme-examples.test.ts",
  "test/integration/zalo-client.test.ts",
];

/**
 * Which databases the suites run on: both unless CHIBO_TEST_DATABASES names fewer ("sqlite", "postgresql" or
 * "sqlite,postgresql").
 */
const databases = (process.env.CHIBO_TEST_DATABASES ?? "sqlite,postgresql").split(",").map((d) => d.trim());
for (const d of databases)
  if (d !== "sqlite" && d !== "postgresql") throw new Error(`CHIBO_TEST_DATABASES: unknown database "${d}"`);

/** Which suites run: all unless CHIBO_TEST_SUITES names fewer ("unit", "integration", "e2e", comma-separated). */
const suites = (process.env.CHIBO_TEST_SUITES ?? "unit,integration,e2e").split(",").map((s) => s.trim());
for (const s of suites)
  if (!["unit", "integration", "e2e"].includes(s)) throw new Error(`CHIBO_TEST_SUITES: unknown suite "${s}"`);
const only = (globs: string[]) => globs.filter((g) => suites.some((s) => g.startsWith(`test/${s}/`)));

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database copy; end-to-end files each start their own emulator.
    pool: "forks",
    // Files run side by side (each has its own database, ports and processes), at least two at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { TZ: "America/New_York" },
    projects: (
      [
        {
          extends: true,
          test: {
            name: "sqlite",
            include: only(["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/e2e/**/*.test.ts"]),
          },
        },
        {
          extends: true,
          test: {
            name: "postgresql",
            // The integration and end-to-end suites again, on a real PostgreSQL server.
            include: only(["test/integration/**/*.test.ts", "test/e2e/**/*.test.ts"]),
            exclude: SQLITE_ONLY,
            env: {
              TZ: "America/New_York",
              CHIBO_TEST_DATABASE: "postgresql",
              INVITE_CODE_SECRET: "a-test-secret-shared-by-instances",
            },
          },
        },
      ] satisfies TestProjectInlineConfiguration[]
    ).filter((p) => databases.includes(p.test.name)),
  },
});
