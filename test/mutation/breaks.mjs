/**
 * Deliberate breaks for the mutation check (docs/testing.md): each one a literal edit of a source
 * file and the test that must turn red when it is applied. `node test/mutation/run.mjs` applies them
 * one at a time, runs the test, and puts the file back.
 *
 * Each break: id, what it breaks (why), the file, one or more { find, replace } edits (each `find`
 * must occur exactly once), and the test to run (file, optional -t case name, optional env).
 */
export const BREAKS = [
  {
    id: "rap-dml-target",
    what: "row access policies no longer filter the target of UPDATE / DELETE / MERGE",
    file: "src/engine/handlers/row-access.ts",
    edits: [{ find: "    addCondition(statement, condition);", replace: "    void condition;" }],
    test: "test/engine/account/row-access-dml.test.ts",
    testName: "UPDATE without WHERE",
  },
  {
    id: "rap-merge-source",
    what: "MERGE's source (a table under an alias node) is no longer read through the policy",
    file: "src/engine/handlers/row-access.ts",
    edits: [
      {
        find: "function aliasWrapperOf(ast: unknown, holder: unknown): Json | null {",
        replace:
          "function aliasWrapperOf(ast: unknown, holder: unknown): Json | null {\n  if (holder !== ast) return null;",
      },
    ],
    test: "test/engine/account/row-access-dml.test.ts",
    testName: "MERGE reads its source through the policy",
  },
  {
    id: "rap-select",
    what: "row access policies no longer filter reads (FROM / JOIN)",
    file: "src/engine/handlers/row-access.ts",
    edits: [
      {
        find: "      readThroughFilter(ast, found, predicate);\n      continue;",
        replace: "      continue;",
      },
    ],
    test: "test/engine/account/row-access.test.ts",
    testName: "applies to direct reads",
  },
  {
    id: "token-expiry",
    what: "the server accepts an expired session token (no 390112, so the driver never renews)",
    file: "src/engine/server/protocol.ts",
    edits: [
      {
        find: '    case "expired":\n      return failure(GS.sessionExpired, "Session token expired.");\n',
        replace: '    case "expired":\n',
      },
    ],
    test: "test/server/token-renewal.test.ts",
  },
  {
    id: "lock-busy-guard",
    what: "the lock is taken over from a dead holder whose last request is still in flight",
    file: "src/migrate/lock.ts",
    edits: [{ find: ' AND "BUSY_SINCE" IS NULL)`', replace: ")`" }],
    test: "test/migrate/lock.test.ts",
    testName: "dead holder",
  },
  {
    id: "lock-takeover-spin",
    what: "a runner retries a failed take-over at once, forever (no pause, no --lock-timeout)",
    file: "src/migrate/session.ts",
    edits: [{ find: "        if (firstTry) continue;", replace: "        if (deadRun) continue;" }],
    test: "test/migrate/lock.test.ts",
    testName: "never finishes",
  },
  {
    id: "lock-lease-lost",
    what: "a batch whose lease was taken by another runner is not stopped before its statements",
    file: "src/migrate/lock.ts",
    edits: [{ find: "THEN 'migration lock lost' ELSE '1' END", replace: "THEN '1' ELSE '1' END" }],
    test: "test/migrate/lock.test.ts",
    testName: "stops a runner whose lease was taken",
  },
  {
    id: "lock-exclusion",
    what: "the lease is granted whoever holds it (no mutual exclusion)",
    file: "src/migrate/lock.ts",
    edits: [{ find: 'AND ("RUN_ID" IS NULL OR ', replace: 'AND (TRUE OR "RUN_ID" IS NULL OR ' }],
    test: "test/migrate/concurrency.test.ts",
    testName: "one local engine",
  },
  {
    id: "history-row-apart",
    what: "a script's history row is written in a round trip of its own, after the script",
    file: "src/migrate/runner.ts",
    edits: [
      {
        find: "  const batch = [...setup, ...statements, ...session.restore, insertHistorySql(target.location, row)];",
        replace: "  const batch = [...setup, ...statements, ...session.restore];",
      },
      {
        find: "    session.noteWritten([row]);\n    session.completeLater(row.rank, queryIds, sent.durationMs);\n    return { ...scriptRunBase(p, start,",
        replace:
          "    await session.append([row]);\n    session.completeLater(row.rank, queryIds, sent.durationMs);\n    return { ...scriptRunBase(p, start,",
      },
    ],
    test: "test/migrate/crash.test.ts",
    env: { MERCURIOS_CRASH_SEED: "7" },
  },
  {
    id: "isolation-all-tenants",
    what: "the tenant policy lets every mapped role see every tenant",
    file: "migrations/_partials/tenant_isolation_body.sql",
    edits: [{ find: "OR M.TENANT_ID = '*'", replace: "OR M.TENANT_ID <> ''" }],
    test: "test/platform/tenant-isolation.test.ts",
    testName: "MERCURIOS_TENANT_MODEHAUS_BERLIN sees exactly",
  },
  {
    id: "isolation-hides-all",
    what: "the tenant policy hides every row from everyone",
    file: "migrations/_partials/tenant_isolation_body.sql",
    edits: [
      { find: "WHERE M.ROLE_NAME = CURRENT_ROLE()", replace: "WHERE M.ROLE_NAME = CURRENT_ROLE() AND FALSE" },
    ],
    test: "test/platform/tenant-isolation.test.ts",
    testName: "MERCURIOS_TENANT_SPORTWELT_MUENCHEN sees exactly",
  },
  {
    id: "forecast",
    what: "the cost forecast counts one day too many as elapsed",
    file: "views/ADMIN/MONITOR_MONTH_TO_DATE.sql",
    edits: [
      { find: "DAY(CURRENT_DATE()) AS DAYS_ELAPSED", replace: "DAY(CURRENT_DATE()) + 1 AS DAYS_ELAPSED" },
    ],
    test: "test/platform/operations.test.ts",
    testName: "cost",
  },
  {
    id: "metering-idle",
    what: "an idle warehouse is billed until the bill is read, past its auto-suspend",
    file: "src/engine/catalog/metering.ts",
    edits: [
      {
        find: "end: Math.max(Math.min(now, autoSuspendAt(w) ?? now), w.runningSince),",
        replace: "end: Math.max(now, w.runningSince),",
      },
    ],
    test: "test/engine/account/metering.test.ts",
    testName: "nobody touches",
  },
  {
    id: "sql-clock",
    what: "CURRENT_DATE() / CURRENT_TIMESTAMP() ignore the driven clock",
    file: "src/engine/session.ts",
    edits: [
      {
        find: "      if (clock) await this.connection.run(setClockStatement(clock()));",
        replace: "      void clock;",
      },
    ],
    test: "test/engine/account/metering.test.ts",
    testName: "follow the driven clock",
  },
  {
    id: "query-history-mask",
    what: "QUERY_HISTORY keeps passwords in statement text",
    file: "src/engine/catalog/users.ts",
    edits: [{ find: `"$1$2'****'"`, replace: `"$1$2$3"` }],
    test: "test/engine/account/metering.test.ts",
    testName: "masks passwords",
  },
  {
    id: "sdk-log-file",
    what: "snowflake-sdk logs with its own logger (a snowflake.log file) instead of ours",
    file: "src/driver/snowflake.ts",
    edits: [
      {
        find: '    sdk.configure({\n      logLevel: "WARN",',
        replace:
          '    sdk.configure({ logLevel: "TRACE" });\n    if (process.pid < 0) sdk.configure({\n      logLevel: "WARN",',
      },
    ],
    test: "test/driver/secrets.test.ts",
  },
  {
    id: "sync-unchanged-report",
    what: "views sync leaves unchanged views out of its report",
    file: "src/api/views/sync.ts",
    edits: [
      {
        find: '      report.push({ name: view.name, action: "unchanged", reason: "in sync", statements: [] });',
        replace: "      void view;",
      },
    ],
    test: "test/authoring/preview.test.ts",
    testName: "re-creates an edited upstream view",
  },
  {
    id: "cli-stale-dist",
    what: "a CLI message changed in src/ only (no build run): the CLI tests must see it",
    file: "src/cli/main.ts",
    edits: [{ find: '"(run mercurios --help for usage)"', replace: '"(see mercurios --help)"' }],
    test: "test/cli/cli.test.ts",
    testName: "exits 1 on an unknown flag",
  },
  {
    id: "engine-after-transpile",
    what: "the engine skips the function fix-ups after the transpiler",
    file: "src/engine/translate.ts",
    edits: [
      {
        find: "  return functions.afterTranspile ? functions.afterTranspile(duck) : duck;",
        replace: "  return duck;",
      },
    ],
    test: "test/engine/conformance/functions.test.ts",
    testName: "DATEADD with a negative amount",
  },
];
