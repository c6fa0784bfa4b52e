import { Umzug } from "umzug";
import { describe, expect, it } from "vitest";
import type {
  MigrationScript,
  PreparedMigrations,
  PreparedScript,
} from "../../src/project/migrations/index.js";
import { normaliseVersion, scriptChecksum } from "../../src/project/migrations/index.js";
import type { HistoryRow } from "../../src/migrate/history.js";
import { computeStatus, migrationName } from "../../src/migrate/status.js";
import { ChangeHistoryStorage, MemoryHistoryLog } from "../../src/migrate/storage.js";

function script(
  kind: MigrationScript["kind"],
  name: string,
  text: string,
  version: string | null = null,
): PreparedScript {
  const key = kind === "versioned" ? `RAW/V${version}` : `RAW/${kind === "repeatable" ? "R" : "A"}__${name}`;
  const s: MigrationScript = {
    kind,
    path: `migrations/RAW/${name}.sql`,
    absolutePath: `/p/migrations/RAW/${name}.sql`,
    fileName: `${name}.sql`,
    scriptName: `${name}.sql`,
    version,
    versionParts: version ? normaliseVersion(version) : null,
    description: name,
    environments: null,
    schema: "RAW",
    template: text,
    key,
  };
  return {
    script: s,
    sql: text,
    maskedSql: text,
    checksum: scriptChecksum(text),
    templateChecksum: scriptChecksum(text),
  };
}

function row(
  p: PreparedScript,
  rank: number,
  status: HistoryRow["status"],
  extra: Partial<HistoryRow> = {},
): HistoryRow {
  return {
    rank,
    migration: migrationName(p, "run-0"),
    scriptKey: p.script.key,
    version: p.script.version,
    description: p.script.description,
    script: p.script.path,
    scriptType: p.script.kind === "versioned" ? "V" : "R",
    schemaName: "RAW",
    environment: "local",
    checksum: p.checksum,
    templateChecksum: p.templateChecksum,
    status,
    errorMessage: null,
    failedStatement: null,
    queryIds: [],
    executionTimeMs: null,
    installedBy: null,
    installedOn: null,
    runId: "run-0",
    ...extra,
  };
}

const v1 = script("versioned", "V1__a", "CREATE TABLE A (x INT);", "1");
const v2 = script("versioned", "V2__b", "CREATE TABLE B (x INT);", "2");
const v3 = script("versioned", "V3__c", "CREATE TABLE C (x INT);", "3");
const r1 = script("repeatable", "views", "CREATE OR REPLACE VIEW V AS SELECT 1 X;");
const a1 = script("always", "grants", "SELECT 1;");
const prepared: PreparedMigrations = {
  environment: "local",
  versioned: [v1, v2, v3],
  repeatable: [r1],
  always: [a1],
  undo: new Map(),
};

describe("computeStatus", () => {
  it("tells applied, pending, failed, changed, out-of-order and missing apart", () => {
    const edited = { ...v1, templateChecksum: scriptChecksum("CREATE TABLE A (x INT, y INT);") };
    const gone = script("versioned", "V0__gone", "SELECT 1;", "0.5");
    const statuses = computeStatus({ ...prepared, versioned: [edited, v2, v3] }, [
      row(v1, 1, "SUCCESS"),
      row(v3, 2, "SUCCESS"),
      row(r1, 3, "SUCCESS", { migration: "RAW/R__views#0000000000000000", checksum: "old" }),
      row(gone, 4, "SUCCESS"),
    ]);
    expect(statuses.map((s) => [s.key, s.state])).toEqual([
      ["RAW/V1", "changed"],
      ["RAW/V2", "out-of-order"],
      ["RAW/V3", "applied"],
      ["RAW/R__views", "pending"],
      ["RAW/A__grants", "pending"],
      ["RAW/V0.5", "missing"],
    ]);
    const failed = computeStatus(prepared, [row(v1, 1, "FAILED", { failedStatement: 2 })]);
    expect(failed[0]).toMatchObject({
      state: "failed",
      failedStatement: 2,
      reason: "failed at statement 2; will resume there",
    });
  });
});

describe("ChangeHistoryStorage with umzug", () => {
  it("runs pending migrations once, in order, and logs them in memory", async () => {
    const log = new MemoryHistoryLog([row(v1, 1, "SUCCESS")]);
    const ran: string[] = [];
    const list = [v1, v2, v3, r1, a1];
    const byName = new Map(list.map((p) => [migrationName(p, "run-1"), p]));
    const umzug = new Umzug({
      migrations: list.map((p) => ({
        name: migrationName(p, "run-1"),
        up: async () => void ran.push(p.script.key),
      })),
      storage: new ChangeHistoryStorage(log, (name, status, rank) => ({
        ...row(byName.get(name)!, rank, status),
        runId: "run-1",
        migration: name,
      })),
      logger: undefined,
    });
    await umzug.up();
    expect(ran).toEqual(["RAW/V2", "RAW/V3", "RAW/R__views", "RAW/A__grants"]);
    expect(log.rows().map((r) => [r.rank, r.scriptKey, r.status])).toEqual([
      [1, "RAW/V1", "SUCCESS"],
      [2, "RAW/V2", "SUCCESS"],
      [3, "RAW/V3", "SUCCESS"],
      [4, "RAW/R__views", "SUCCESS"],
      [5, "RAW/A__grants", "SUCCESS"],
    ]);
    expect((await umzug.pending()).map((m) => m.name)).toEqual([]);
    await umzug.down();
    expect(log.rows().at(-1)).toMatchObject({ scriptKey: "RAW/A__grants", status: "UNDONE" });
  });
});
