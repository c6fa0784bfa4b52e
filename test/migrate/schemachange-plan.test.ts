import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { HistoryRow } from "../../src/migrate/history.js";
import { planSchemachangeBaseline, type SchemachangeRow } from "../../src/migrate/schemachange.js";
import {
  type MigrationScript,
  normaliseVersion,
  type PreparedMigrations,
  type PreparedScript,
  scriptChecksum,
} from "../../src/project/migrations/index.js";

function prepared(kind: MigrationScript["kind"], fileName: string, sql: string): PreparedScript {
  const version = /^V([\d.]+)__/.exec(fileName)?.[1] ?? null;
  const description = fileName.replace(/^[VRA][\d.]*__/, "").replace(/\.sql$/, "");
  const script: MigrationScript = {
    kind,
    path: `scripts/${fileName}`,
    absolutePath: `/p/scripts/${fileName}`,
    fileName,
    scriptName: fileName,
    version,
    versionParts: version ? normaliseVersion(version) : null,
    description,
    environments: null,
    schema: null,
    template: sql,
    key: version ? `V${normaliseVersion(version).join(".")}` : `${fileName.slice(0, 1)}__${description}`,
  };
  return {
    script,
    sql,
    maskedSql: sql,
    checksum: scriptChecksum(sql),
    templateChecksum: scriptChecksum(sql),
  };
}

/** schemachange's checksum, written out here from its source: SHA-224 of the stripped text without a final `;`. */
function sha224(text: string): string {
  return createHash("sha224").update(text, "utf8").digest("hex");
}

function row(
  script: string,
  scriptType: string,
  checksum: string,
  version: string | null = null,
): SchemachangeRow {
  return { version, script, scriptType, checksum, installedOn: "2025-01-02 03:04:05.000 +0000" };
}

const v1 = prepared("versioned", "V1.0__tables.sql", "CREATE TABLE T (A INT);\n");
const v2 = prepared("versioned", "V1.1__renamed_since.sql", "CREATE TABLE U (A INT);");
const v3 = prepared("versioned", "V1.2__never_applied.sql", "SELECT 1;");
const v4 = prepared("versioned", "V2.0__newer.sql", "SELECT 2;");
const same = prepared("repeatable", "R__views.sql", "  CREATE VIEW V AS SELECT 1;\n\n");
const edited = prepared("repeatable", "R__edited.sql", "CREATE VIEW W AS SELECT 2;");
const always = prepared("always", "A__grants.sql", "SELECT 3;");
const project: PreparedMigrations = {
  environment: "local",
  versioned: [v1, v2, v3, v4],
  repeatable: [same, edited],
  always: [always],
  undo: new Map(),
};

describe("what a baseline from schemachange records", () => {
  const theirs = [
    row("V1.0__tables.sql", "V", sha224("CREATE TABLE T (A INT)"), "1.0"),
    // schemachange knew V1.1 under its old file name: matched by version.
    row("V1.1__old_name.sql", "V", "0".repeat(56), "1.1"),
    row("V1.3__gone.sql", "V", "1".repeat(56), "1.3"),
    row("R__views.sql", "R", sha224("CREATE VIEW W AS SELECT 1")), // an older text of R__views …
    row("R__views.sql", "R", sha224("CREATE VIEW V AS SELECT 1")), // … then the current one
    row("R__edited.sql", "R", sha224("CREATE VIEW W AS SELECT 1")),
    row("A__grants.sql", "A", sha224("SELECT 3")),
  ];

  it("records applied versions by file name or version, and repeatables whose text schemachange ran", () => {
    const plan = planSchemachangeBaseline(project, theirs, []);
    expect(plan.baseline.map((b) => b.prepared.script.fileName)).toEqual([
      "V1.0__tables.sql",
      "V1.1__renamed_since.sql",
      "R__views.sql",
    ]);
    expect(plan.left).toEqual([
      {
        script: "scripts/R__edited.sql",
        reason: "changed since schemachange ran it (its checksum differs): migrate up runs it",
      },
    ]);
  });

  it("warns about versions schemachange skipped for good and scripts it applied that are gone", () => {
    const plan = planSchemachangeBaseline(project, theirs, []);
    expect(plan.warnings).toEqual([
      "scripts/V1.2__never_applied.sql was never applied by schemachange, whose newest version is 1.3: migrate up will stop on it as out of order (run it with --out-of-order, or baseline it with --version)",
      "schemachange applied V1.3__gone.sql, which is not a script of this project",
    ]);
  });

  it("leaves alone what this project's history already has", () => {
    const ours: HistoryRow[] = [v1, same].map((p, i) => ({
      rank: i + 1,
      migration: p.script.kind === "repeatable" ? `${p.script.key}#${p.checksum.slice(0, 16)}` : p.script.key,
      scriptKey: p.script.key,
      version: p.script.version,
      description: p.script.description,
      script: p.script.scriptName,
      scriptType: p.script.kind === "repeatable" ? "R" : "V",
      schemaName: null,
      environment: "local",
      checksum: p.checksum,
      templateChecksum: p.templateChecksum,
      status: "SUCCESS",
      errorMessage: null,
      failedStatement: null,
      queryIds: [],
      executionTimeMs: null,
      installedBy: null,
      installedOn: null,
      runId: "r",
    }));
    const plan = planSchemachangeBaseline(project, theirs, ours);
    expect(plan.baseline.map((b) => b.prepared.script.fileName)).toEqual(["V1.1__renamed_since.sql"]);
    expect(plan.left.filter((l) => l.reason === "already applied here").map((l) => l.script)).toEqual([
      "scripts/V1.0__tables.sql",
      "scripts/R__views.sql",
    ]);
  });
});
