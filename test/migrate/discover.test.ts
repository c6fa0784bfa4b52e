import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/index.js";
import {
  discoverMigrations,
  orderRepeatables,
  scriptsForEnvironment,
  sortByVersion,
} from "../../src/project/migrations/index.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-discover-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(relative: string, text = "SELECT 1;\n"): Promise<void> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

describe("discoverMigrations", () => {
  it("finds scripts in schema folders and the root, with keys and schemas", async () => {
    await write("migrations/V1__schemas.sql");
    await write("migrations/raw/V1__sales.sql");
    await write("migrations/RAW/views/R__sales_view.sql");
    await write("migrations/STANDARD/V2__clean.dev.sql");
    await write("migrations/README.md", "notes");
    const scripts = await discoverMigrations({
      root,
      schemas: ["RAW", "STANDARD"],
      environments: ["local", "dev"],
    });
    expect(scripts.map((s) => [s.path, s.schema, s.key]).sort()).toEqual([
      ["migrations/RAW/views/R__sales_view.sql", "RAW", "RAW/R__sales_view"],
      ["migrations/STANDARD/V2__clean.dev.sql", "STANDARD", "STANDARD/V2"],
      ["migrations/V1__schemas.sql", null, "V1"],
      ["migrations/raw/V1__sales.sql", "RAW", "RAW/V1"],
    ]);
    expect(scriptsForEnvironment(scripts, "local").map((s) => s.fileName)).not.toContain("V2__clean.dev.sql");
    expect(scriptsForEnvironment(scripts, "dev").map((s) => s.fileName)).toContain("V2__clean.dev.sql");
  });

  it("reports every offending file at once", async () => {
    await write("migrations/RAW/V1__a.sql");
    await write("migrations/RAW/V1.0__b.sql");
    await write("migrations/RAW/V2_single.sql");
    await write("migrations/NOPE/V3__x.sql");
    await write("migrations/V4__q.prod.sql");
    await write("migrations/U9__undo_nothing.sql");
    await write("migrations/V5__locked.sql");
    await chmod(path.join(root, "migrations/V5__locked.sql"), 0o000);
    const error = await discoverMigrations({ root, schemas: ["RAW"], environments: ["local", "dev"] }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const messages = (error as ValidationError).problems.map((p) => p.describe());
    const expected = [
      "migrations/NOPE: folder 'NOPE' is not a configured schema (configured: RAW)",
      "migrations/RAW/V2_single.sql: 'V2_single.sql' uses a single underscore between version and description; use two: V2__single.sql",
      "migrations/V4__q.prod.sql: 'V4__q.prod.sql' is limited to unknown environment prod (known: local, dev)",
      "migrations/RAW/V1.0__b.sql: duplicate version 1 in schema RAW: migrations/RAW/V1__a.sql, migrations/RAW/V1.0__b.sql",
      "migrations/RAW/V1__a.sql: duplicate version 1 in schema RAW: migrations/RAW/V1__a.sql, migrations/RAW/V1.0__b.sql",
      "migrations/U9__undo_nothing.sql: undo script 'U9__undo_nothing.sql' has no versioned script V9",
    ];
    if (process.getuid?.() !== 0)
      expected.push("migrations/V5__locked.sql: cannot read 'V5__locked.sql': permission denied");
    for (const text of expected)
      expect(
        messages.filter((m) => m.startsWith(text)),
        text,
      ).toHaveLength(1);
    if (messages.length !== expected.length) expect(messages).toEqual(expected);
    expect(messages).toHaveLength(expected.length);
  });

  it("reads a schemachange root folder: .sql.jinja names, other SQL and the modules folder skipped", async () => {
    await write("scripts/V1.0__tables.sql.jinja");
    await write("scripts/sub/R__views.sql");
    await write("scripts/create_stage.sql");
    await write("scripts/modules/V9__not_a_script.sql");
    const scripts = await discoverMigrations({
      root,
      dir: "scripts",
      schemas: null,
      ignoreOtherFiles: true,
      exclude: [path.join(root, "scripts", "modules")],
    });
    expect(scripts.map((s) => [s.path, s.scriptName, s.key])).toEqual([
      ["scripts/sub/R__views.sql", "R__views.sql", "R__views"],
      ["scripts/V1.0__tables.sql.jinja", "V1.0__tables.sql", "V1"],
    ]);
    // A name that starts like a script's is still checked, as schemachange checks it.
    await write("scripts/V1a__typo.sql");
    await expect(
      discoverMigrations({ root, dir: "scripts", schemas: null, ignoreOtherFiles: true }),
    ).rejects.toMatchObject({
      problems: [{ code: "MIGRATIONS_BAD_NAME", location: { file: "scripts/V1a__typo.sql" } }],
    });
  });

  it("allows one version per environment when the environments don't overlap", async () => {
    await write("migrations/V3__seed.dev.sql");
    await write("migrations/V3__seed.local.sql");
    const scripts = await discoverMigrations({ root, schemas: [] });
    expect(scripts).toHaveLength(2);
  });

  it("orders versions across schemas, ties by schema order, root first", async () => {
    await write("migrations/STANDARD/V1__b.sql");
    await write("migrations/RAW/V1__a.sql");
    await write("migrations/V1__root.sql");
    await write("migrations/RAW/V1.10__c.sql");
    await write("migrations/STANDARD/V1.9__d.sql");
    const scripts = await discoverMigrations({ root, schemas: ["RAW", "STANDARD"] });
    expect(sortByVersion(scripts, ["RAW", "STANDARD"]).map((s) => s.path)).toEqual([
      "migrations/V1__root.sql",
      "migrations/RAW/V1__a.sql",
      "migrations/STANDARD/V1__b.sql",
      "migrations/STANDARD/V1.9__d.sql",
      "migrations/RAW/V1.10__c.sql",
    ]);
  });

  it("orders repeatables by requires headers and created objects", async () => {
    await write(
      "migrations/R__a_dashboard.sql",
      "CREATE OR REPLACE VIEW DASHBOARD AS SELECT * FROM daily_sales;",
    );
    await write(
      "migrations/R__b_daily.sql",
      "-- requires: R__c_base\nCREATE OR REPLACE VIEW DAILY_SALES AS SELECT 1 x;",
    );
    await write("migrations/R__c_base.sql", "CREATE OR REPLACE TABLE BASE (x int);");
    const scripts = await discoverMigrations({ root, schemas: null });
    const ordered = orderRepeatables(
      scripts.map((script) => ({ script, text: script.template })),
      null,
    );
    expect(ordered.map((o) => o.script.fileName)).toEqual([
      "R__c_base.sql",
      "R__b_daily.sql",
      "R__a_dashboard.sql",
    ]);
  });

  it("names a dependency cycle", async () => {
    await write("migrations/R__x.sql", "-- requires: R__y\nSELECT 1;");
    await write("migrations/R__y.sql", "-- requires: R__x\nSELECT 1;");
    const scripts = await discoverMigrations({ root, schemas: null });
    expect(() =>
      orderRepeatables(
        scripts.map((script) => ({ script, text: script.template })),
        null,
      ),
    ).toThrow(
      "repeatable scripts depend on each other in a cycle: migrations/R__x.sql -> migrations/R__y.sql -> migrations/R__x.sql",
    );
  });
});
