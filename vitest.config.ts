import { defineConfig } from "vitest/config";
import DurationSequencer from "./test/sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Sets SNOWFLAKE_DISABLE_PLATFORM_DETECTION before anything can import snowflake-sdk.
    setupFiles: ["test/setup-env.ts"],
    // Builds dist/ first when it is older than src/: the CLI tests run the built code.
    globalSetup: ["test/global-setup.ts"],
    // Generous: a case that runs `up` or a platform-wide lineage takes 20–130 s on a 2-core machine
    // under load; the limit is there to end a hang, not to time anything.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Two workers on CI's two cores: most files wait on child CLI processes, servers and DuckDB
    // files, so the default (cores - 1 = one worker) leaves a core idle for much of the run.
    maxWorkers: 2,
    // Slowest files first, by recorded durations (test/durations.json): vitest's own order on a fresh
    // clone (largest file first) left the three-line conformance suites, among the slowest, for last.
    sequence: { sequencer: DurationSequencer },
  },
});
