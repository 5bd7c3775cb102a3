import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database copy; end-to-end files each start their own emulator.
    pool: "forks",
    env: { TZ: "America/New_York" },
  },
});
