import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database copy; end-to-end files each start their own emulator.
    pool: "forks",
    // Files run side by side (each has its own database, ports and processes), at least two at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { TZ: "America/New_York" },
  },
});
