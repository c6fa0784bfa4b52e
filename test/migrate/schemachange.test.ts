import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateStatus, migrateUp } from "../../src/api/migrate.js";
import { connectSnowflake } from "../../src/driver/snowflake.js";
import { copyFixture, localDriver, query, removeDir, shopProject } from "./helpers.js";
import { childEnv, startCli, startServe } from "./processes.js";
import { readEngine } from "./scripts.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

/** The environment schemachange's demo expects: A__render.sql reads SNOWFLAKE_ROLE. */
function demoEnv(): NodeJS.ProcessEnv {
  const env = childEnv({ SNOWFLAKE_ROLE: "SYSADMIN" });
  delete env.SNOWFLAKE_DATABASE;
  delete env.MY_TARGET_SCHEMA;
  return env;
}

/** schemachange's basics demo (test/fixtures/migrations/schemachange-basics), its database made. */
async function demoProject(): Promise<string> {
  const root = await copyFixture("schemachange-basics");
  dirs.push(root);
  const made = await startCli(
    ["sql", "CREATE DATABASE DEMO_DB; CREATE SCHEMA DEMO_DB.DEMO_SCHEMA"],
    root,
    demoEnv(),
  ).done;
  expect(made.code).toBe(0);
  return root;
}

const V_SCRIPTS = ["V1.0.0__render.sql", "V1.0.1__EOF_FIle.sql", "V1.0.2__StoredProc.sql"];
const R_SCRIPTS = ["R__basic001.sql", "R__render.sql"];
const A_SCRIPTS = [
  "A__basic001.sql",
  "A__comment_before_semicolon.sql",
  "A__inline_comment_with_semicolon.sql",
  "A__render.sql",
  "A__trailing_comment_after_semicolon.sql",
];

function applied(stdout: string): string[] {
  return [...stdout.matchAll(/^applied 2_test\/(\S+)/gm)].map((m) => m[1]!);
}

describe("schemachange's basics demo, unchanged, through mercurios migrate up", () => {
  it("runs every script including A__render.sql, then re-runs only the A__ scripts", {
    timeout: 300_000,
  }, async () => {
    const root = await demoProject();
    const first = await startCli(["migrate", "up"], root, demoEnv()).done;
    expect(first.stderr).toBe(
      "using schemachange-config.yml: scripts in 2_test, 2 vars (database_name, schema_name), Jinja templates, history METADATA.MERCURIOS.CHANGE_HISTORY (schemachange's: DEMO_DB.DEMO_SCHEMA.CHANGE_HISTORY)\n",
    );
    expect(first.code).toBe(0);
    expect(applied(first.stdout)).toEqual([...V_SCRIPTS, ...R_SCRIPTS, ...A_SCRIPTS]);

    const second = await startCli(["migrate", "up"], root, demoEnv()).done;
    expect(second.code).toBe(0);
    expect(applied(second.stdout)).toEqual(A_SCRIPTS);

    // The history names scripts by file, as schemachange's SCRIPT column does.
    const rows = await readEngine(
      path.join(root, ".mercurios/local.duckdb"),
      `SELECT "SCRIPT", "SCRIPT_TYPE", "STATUS" FROM METADATA.MERCURIOS.CHANGE_HISTORY WHERE "SCRIPT_TYPE" <> 'A' ORDER BY "INSTALLED_RANK"`,
    );
    expect(rows).toEqual([
      ["V1.0.0__render.sql", "V", "SUCCESS"],
      ["V1.0.1__EOF_FIle.sql", "V", "SUCCESS"],
      ["V1.0.2__StoredProc.sql", "V", "SUCCESS"],
      ["R__basic001.sql", "R", "SUCCESS"],
      ["R__render.sql", "R", "SUCCESS"],
    ]);
    // V1.0.2's $$-bodied procedure exists and runs.
    const procedure = await readEngine(
      path.join(root, ".mercurios/local.duckdb"),
      "CALL DEMO_DB.DEMO_SCHEMA.OUTPUT_MESSAGE('deployed')",
    );
    expect(procedure).toEqual([["deployed"]]);
  });

  it("renders A__render.sql with `mercurios render` as schemachange render would", {
    timeout: 120_000,
  }, async () => {
    const root = await copyFixture("schemachange-basics");
    dirs.push(root);
    const run = await startCli(["render", "2_test/A__render.sql"], root, demoEnv()).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "-- 2_test/A__render.sql (schemachange-config.yml)\nuse database DEMO_DB;\nuse schema DEMO_SCHEMA;\n\nUSE ROLE IDENTIFIER('\"SYSADMIN\"');\n",
    );
    const unset = await startCli(["render", "2_test/A__render.sql"], root, childEnv()).done;
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain("2_test/A__render.sql:4:");
    expect(unset.stderr).toContain("SNOWFLAKE_ROLE");
  });
});

/**
 * What schemachange writes (session/SnowflakeSession.py create_change_history_table and
 * record_change_history): its table as it creates it, one row per script applied, DESCRIPTION the
 * description with `_` as spaces and Python's capitalize(), VERSION '' for R and A scripts, CHECKSUM
 * the SHA-224 of the Jinja-rendered text, stripped, without a trailing `;`. The checksums below were
 * computed with Python's Jinja2 3.1.6 and hashlib over the demo files with schemachange's render
 * (database_name=DEMO_DB, schema_name=DEMO_SCHEMA, SNOWFLAKE_ROLE=SYSADMIN).
 */
const SCHEMACHANGE_ROWS: [
  version: string,
  description: string,
  script: string,
  type: string,
  checksum: string,
][] = [
  ["1.0.0", "Render", "V1.0.0__render.sql", "V", "991b78ef93078a464b272f6154c1d827d0a2cdc12596b8341da3c392"],
  [
    "1.0.1",
    "Eof file",
    "V1.0.1__EOF_FIle.sql",
    "V",
    "d9ebb9ad50835cda49ecc5664583370e4a4bf5991d51ca6487e24291",
  ],
  [
    "1.0.2",
    "Storedproc",
    "V1.0.2__StoredProc.sql",
    "V",
    "4a92f0bb2a881891feba4ab4c53cb544d68c2d6ae36a9e64a21508a9",
  ],
  ["", "Basic001", "R__basic001.sql", "R", "cf10d24b9fdfe97deed2616e91ce08dc4491bbc0d556a1f518647de5"],
  ["", "Render", "R__render.sql", "R", "991b78ef93078a464b272f6154c1d827d0a2cdc12596b8341da3c392"],
  ["", "Basic001", "A__basic001.sql", "A", "cf10d24b9fdfe97deed2616e91ce08dc4491bbc0d556a1f518647de5"],
  ["", "Render", "A__render.sql", "A", "18254779abd7929f2914c3db1d7af8f354ebfcfc6ca582058715f194"],
];

function schemachangeHistorySql(table: string): string {
  const create = `CREATE TABLE IF NOT EXISTS ${table} (
    VERSION VARCHAR,
    DESCRIPTION VARCHAR,
    SCRIPT VARCHAR,
    SCRIPT_TYPE VARCHAR,
    CHECKSUM VARCHAR,
    EXECUTION_TIME NUMBER,
    STATUS VARCHAR,
    INSTALLED_BY VARCHAR,
    INSTALLED_ON TIMESTAMP_LTZ
)`;
  const insert = (
    [version, description, script, type, checksum]: (typeof SCHEMACHANGE_ROWS)[number],
    status = "Success",
  ) =>
    `INSERT INTO ${table} (VERSION, DESCRIPTION, SCRIPT, SCRIPT_TYPE, CHECKSUM, EXECUTION_TIME, STATUS, INSTALLED_BY, INSTALLED_ON) VALUES ('${version}', '${description}', '${script}', '${type}', '${checksum}', 0, '${status}', 'DEPLOYER', CURRENT_TIMESTAMP)`;
  // A failed first attempt of V1.0.2 (schemachange 4.3 records it) precedes its success.
  return [
    `CREATE SCHEMA IF NOT EXISTS DEMO_DB.DEMO_SCHEMA`,
    create,
    ...SCHEMACHANGE_ROWS.slice(0, 2).map((row) => insert(row)),
    insert(SCHEMACHANGE_ROWS[2]!, "Failed"),
    ...SCHEMACHANGE_ROWS.slice(2).map((row) => insert(row)),
  ].join(";\n");
}

describe("a schemachange project on Snowflake (snowflake-sdk against mercurios local serve)", () => {
  it("runs on --env <name> through the SNOWFLAKE_* variables, as schemachange connects, tagging queries", {
    timeout: 300_000,
  }, async () => {
    const root = await copyFixture("schemachange-basics");
    dirs.push(root);
    const served = await startServe(path.join(root, ".mercurios/served.duckdb"));
    try {
      const admin = await connectSnowflake({
        account: "local",
        user: "ADMIN",
        password: "admin",
        authenticator: "SNOWFLAKE",
        accessUrl: served.url,
        sources: {},
        secrets: ["admin"],
      });
      try {
        for (const sql of [
          "USE ROLE SYSADMIN",
          "CREATE DATABASE DEMO_DB",
          "CREATE SCHEMA DEMO_DB.DEMO_SCHEMA",
        ]) {
          await admin.execute(sql);
        }
      } finally {
        await admin.close();
      }
      await writeFile(
        path.join(root, "schemachange-config.yml"),
        `${await readFile(path.join(root, "schemachange-config.yml"), "utf8")}query-tag: nightly-deploy\n`,
      );
      const env = {
        ...demoEnv(),
        SNOWFLAKE_ACCOUNT: "local",
        SNOWFLAKE_USER: "ADMIN",
        SNOWFLAKE_PASSWORD: "admin",
        SNOWFLAKE_ACCESS_URL: served.url,
      };
      const up = await startCli(["migrate", "up", "--env", "ci"], root, env).done;
      expect(up.stderr).toContain("connection from SNOWFLAKE_* variables");
      expect(up.code).toBe(0);
      expect(applied(up.stdout)).toEqual([...V_SCRIPTS, ...R_SCRIPTS, ...A_SCRIPTS]);
      expect(up.stdout).not.toContain("admin");
      const again = await startCli(["migrate", "up", "--env", "ci"], root, env).done;
      expect(applied(again.stdout)).toEqual(A_SCRIPTS);
    } finally {
      await served.stop();
    }
    const tagged = await readEngine(
      path.join(root, ".mercurios/served.duckdb"),
      "SELECT COUNT(*) FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY WHERE QUERY_TAG LIKE 'mercurios/migrate/ci/%;nightly-deploy'",
    );
    expect(Number(tagged[0]![0])).toBeGreaterThan(0);
  });
});

describe("migrate baseline --from-schemachange", () => {
  it("records what schemachange applied, so migrate up then runs nothing already applied", {
    timeout: 300_000,
  }, async () => {
    const root = await demoProject();
    const table = "DEMO_DB.DEMO_SCHEMA.CHANGE_HISTORY";
    const wrote = await startCli(["sql", schemachangeHistorySql(table)], root, demoEnv()).done;
    expect(wrote.code).toBe(0);

    const baseline = await startCli(["migrate", "baseline", "--from-schemachange"], root, demoEnv()).done;
    expect(baseline.code).toBe(0);
    const recorded = [...baseline.stdout.matchAll(/^baseline 2_test\/(\S+):/gm)].map((m) => m[1]);
    expect(recorded).toEqual([...V_SCRIPTS, ...R_SCRIPTS]);
    expect(baseline.stdout).toContain(
      `5 scripts recorded as applied from ${table} (7 successful rows read); nothing was run`,
    );

    const up = await startCli(["migrate", "up"], root, demoEnv()).done;
    expect(up.code).toBe(0);
    expect(applied(up.stdout)).toEqual(A_SCRIPTS);

    const engine = path.join(root, ".mercurios/local.duckdb");
    // schemachange's table is only read.
    expect(await readEngine(engine, `SELECT COUNT(*) FROM ${table}`)).toEqual([["8"]]);
    // Nothing the V scripts create exists: baseline ran none of them.
    expect(
      await readEngine(
        engine,
        "SELECT COUNT(*) FROM DEMO_DB.INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'FORGETMEPLEASE'",
      ),
    ).toEqual([["0"]]);
    const ours = await readEngine(
      engine,
      `SELECT "SCRIPT", "STATUS" FROM METADATA.MERCURIOS.CHANGE_HISTORY WHERE "STATUS" = 'BASELINE' ORDER BY "INSTALLED_RANK"`,
    );
    expect(ours.map((r) => r[0])).toEqual([...V_SCRIPTS, ...R_SCRIPTS]);

    const again = await startCli(["migrate", "baseline", "--from-schemachange", table], root, demoEnv()).done;
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 scripts recorded as applied");
  });

  it("says which table is missing and how to name it", { timeout: 120_000 }, async () => {
    const root = await demoProject();
    const run = await startCli(
      ["migrate", "baseline", "--from-schemachange", "DEMO_DB.NOPE.HISTORY"],
      root,
      demoEnv(),
    ).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("schemachange's change history DEMO_DB.NOPE.HISTORY does not exist");
    expect(run.stderr).toContain("--from-schemachange DATABASE.SCHEMA.TABLE");
    expect(run.stderr).not.toContain("    at ");
  });
});

describe("a history written before SCRIPT held file names", () => {
  it("keeps working: nothing re-runs, and its rows are rewritten to file names", {
    timeout: 300_000,
  }, async () => {
    const root = await copyFixture("shop");
    dirs.push(root);
    const project = await shopProject(root);
    const driver = await localDriver(project);
    try {
      const first = await migrateUp({ project, driver });
      const history = '"SHOP"."ADMIN"."MERCURIOS_CHANGE_HISTORY"';
      // Until this change every row's SCRIPT held the path from the project root: put the rows back
      // the way that code wrote them (no other column differs).
      for (const run of first.scripts) {
        await driver.execute(
          `UPDATE ${history} SET "SCRIPT" = '${run.script}' WHERE "SCRIPT_KEY" = '${run.key}'`,
        );
      }
      expect(
        await query(driver, `SELECT COUNT(*) FROM ${history} WHERE "SCRIPT" LIKE 'migrations/%'`),
      ).toEqual([[String(first.scripts.length)]]);

      const status = await migrateStatus({ project, driver });
      expect(status.summary).toMatchObject({ failed: 0, changed: 0, missing: 0 });
      const second = await migrateUp({ project, driver });
      expect(second.scripts.map((s) => s.kind)).toEqual(["always"]);
      expect(await query(driver, `SELECT COUNT(*) FROM ${history} WHERE "SCRIPT" LIKE '%/%'`)).toEqual([
        ["0"],
      ]);
      expect(await query(driver, `SELECT "SCRIPT" FROM ${history} WHERE "SCRIPT_KEY" = 'RAW/V1'`)).toEqual([
        ["V1__sales.sql"],
      ]);
    } finally {
      await driver.close();
    }
  });
});
