import { defineConfig } from "vitest/config";
import DurationSequencer from "./test/sequencer.js";

/**
 * Test files that run the engine or the model in-process and leave no process-wide state behind
 * (no environment, working directory, server or driver module state): they share a worker's module
 * registry (isolate: false), so DuckDB's library, the transpiler's WebAssembly and ~200 engine modules
 * load once per worker instead of once per file. Measured on test/engine/functions (18 files): 134.7
 * -> 91.1 CPU s (docs/benchmarks.md, "Test suite cost"). The CLI, driver, server, migration and
 * security files keep a process each: they start servers, load snowflake-sdk, change process.env.
 */
const sharedRegistry = [
  "test/engine/**/*.test.ts",
  "test/model/**/*.test.ts",
  "test/template/**/*.test.ts",
  "test/config/**/*.test.ts",
  "test/declarations/**/*.test.ts",
  "test/diff/**/*.test.ts",
  "test/report/**/*.test.ts",
];

const common = {
  // Sets SNOWFLAKE_DISABLE_PLATFORM_DETECTION before anything can import snowflake-sdk.
  setupFiles: ["test/setup-env.ts"],
  // Generous: a case that runs `up` or a platform-wide lineage takes 20–130 s on a 2-core machine
  // under load; the limit is there to end a hang, not to time anything.
  testTimeout: 180_000,
  hookTimeout: 180_000,
  pool: "forks" as const,
};

export default defineConfig({
  test: {
    // Builds dist/ first when it is older than src/: the CLI tests run the built code.
    globalSetup: ["test/global-setup.ts"],
    // Two workers on CI's two cores: most files wait on child CLI processes, servers and DuckDB
    // files, so the default (cores - 1 = one worker) leaves a core idle for much of the run.
    maxWorkers: 2,
    // Slowest files first, by recorded durations (test/durations.json): vitest's own order on a fresh
    // clone (largest file first) left the three-line conformance suites, among the slowest, for last.
    sequence: { sequencer: DurationSequencer },
    projects: [
      { test: { ...common, name: "shared", include: sharedRegistry, isolate: false } },
      { test: { ...common, name: "isolated", include: ["test/**/*.test.ts"], exclude: sharedRegistry } },
    ],
  },
});
