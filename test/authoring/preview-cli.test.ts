import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SqlStatementOutput } from "../../src/api/sql.js";
import { runCli } from "../cli/run.js";
import { copyProject, removeDir, upTemplate } from "./views-loop.js";

// Runs the built CLI (`npm run build` first), as users do.

const TOP = "SHOP_DATA.ANALYTICS.TOP_SHOPS";
type Rows = Extract<SqlStatementOutput, { columns: string[] }>;
let template: string;
let dir: string | undefined;

beforeAll(async () => {
  template = await upTemplate();
});
afterAll(async () => {
  await removeDir(template);
});
beforeEach(async () => {
  dir = await copyProject(template);
});
afterEach(async () => {
  await removeDir(dir);
  dir = undefined;
});

const cli = (...args: string[]) => runCli(args, { cwd: dir! });

// Each run starts node and the engine; on a busy machine a test with three runs takes a while.
describe("mercurios views preview", { timeout: 180_000 }, () => {
  it("prints what it brought up to date, the rows with the types under the names, and exits 0", async () => {
    const run = await cli("views", "preview", "top_shops", "--as-role", "SHOP_TENANT_GLOBEX");
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toBe(
      [
        `${TOP}  (views/ANALYTICS/TOP_SHOPS.sql)`,
        `up to date in the local engine: SHOP_DATA.ANALYTICS.DAILY_SALES, SHOP_DATA.ANALYTICS.SHOP_SALES, ${TOP}`,
        "",
        "+-------------------+-------------------+-------------------+--------------+--------------+",
        "| TENANT_ID         | SHOP_ID           | SHOP_NAME         | REVENUE_EUR  | REVENUE_RANK |",
        "| VARCHAR(16777216) | VARCHAR(16777216) | VARCHAR(16777216) | NUMBER(38,2) | NUMBER(38,0) |",
        "|-------------------+-------------------+-------------------+--------------+--------------|",
        "| globex            | G1                | Globex Zentrum    | 375.25       | 1            |",
        "+-------------------+-------------------+-------------------+--------------+--------------+",
        "1 row as role SHOP_TENANT_GLOBEX",
        "",
      ].join("\n"),
    );
  });

  it("--format json prints one line in the shape `mercurios sql --format json` prints", async () => {
    const file = path.join(dir!, "views/ANALYTICS/TOP_SHOPS.sql");
    await writeFile(file, (await readFile(file, "utf8")).replace("REVENUE_EUR DESC", "REVENUE_EUR ASC"));
    const preview = await cli(
      "--format",
      "json",
      "views",
      "preview",
      "TOP_SHOPS",
      "--as-role",
      "SHOP_TENANT_ACME",
    );
    const sql = await cli(
      "--format",
      "json",
      "sql",
      `USE ROLE SHOP_TENANT_ACME; SELECT * FROM ${TOP} LIMIT 10`,
    );
    expect([preview.code, sql.code]).toEqual([0, 0]);
    // What was re-created goes to stderr; stdout is the one JSON line.
    expect(preview.stderr).toBe(
      `replaced ${TOP}: definition changed\nup to date in the local engine: SHOP_DATA.ANALYTICS.DAILY_SALES, SHOP_DATA.ANALYTICS.SHOP_SALES\n`,
    );
    const lines = preview.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const fromPreview = JSON.parse(lines[0]!) as Rows;
    const fromSql = JSON.parse(sql.stdout.trimEnd().split("\n")[1]!) as Rows;
    expect(Object.keys(fromPreview)).toEqual(["statement", "columns", "types", "rows", "rowCount"]);
    expect(Object.keys(fromPreview)).toEqual(Object.keys(fromSql));
    expect(fromPreview).toMatchObject({ statement: 1, rowCount: 2 });
    expect([fromPreview.columns, fromPreview.types]).toEqual([fromSql.columns, fromSql.types]);
    // Ranked the other way round now: A2 first.
    const byRank = [...fromPreview.rows].sort((a, b) => Number(a[4]) - Number(b[4]));
    expect(byRank).toEqual([
      ["acme", "A2", "Acme Altona", "20.00", "1"],
      ["acme", "A1", "Acme Mitte", "150.50", "2"],
    ]);
    expect([...fromSql.rows].sort()).toEqual([...fromPreview.rows].sort());
  });

  it("a role that may not read the view: the engine's error, exit 1, no stack trace", async () => {
    const run = await cli("views", "preview", "TOP_SHOPS", "--as-role", "PUBLIC");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `reading ${TOP} as role PUBLIC failed: Database 'SHOP_DATA' does not exist or not authorized.`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const json = await cli("--format", "json", "views", "preview", "TOP_SHOPS", "--as-role", "PUBLIC");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      statement: 1,
      error: {
        code: "002003",
        sqlState: "02000",
        message: "SQL compilation error:\nDatabase 'SHOP_DATA' does not exist or not authorized.",
      },
    });
  });

  it("a SQL error in an edited view names file:line and exits 1", async () => {
    const file = path.join(dir!, "views/ANALYTICS/SHOP_SALES.sql");
    await writeFile(file, (await readFile(file, "utf8")).replace("SUM(D.UNITS)", "SUM(D.UNITZ)"));
    const run = await cli("views", "preview", "TOP_SHOPS");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "views/ANALYTICS/SHOP_SALES.sql:2 [VIEW SHOP_DATA.ANALYTICS.SHOP_SALES]: view SHOP_DATA.ANALYTICS.SHOP_SALES could not be re-created: invalid identifier 'D.UNITZ'",
    );
  });

  it("refuses a Snowflake environment with a hint to views diff; unknown view and bad --limit exit 1", async () => {
    const config = path.join(dir!, "mercurios.config.ts");
    await writeFile(
      config,
      (await readFile(config, "utf8")).replace(
        'local: { kind: "local", localDb: ".mercurios/local.duckdb" },',
        'local: { kind: "local", localDb: ".mercurios/local.duckdb" },\n    dev: { kind: "snowflake", connection: "shop_dev" },',
      ),
    );
    const snowflake = await cli("--env", "dev", "views", "preview", "TOP_SHOPS");
    expect(snowflake.code).toBe(1);
    expect(snowflake.stderr).toContain(
      "views preview runs on the local engine; dev is a Snowflake environment",
    );
    expect(snowflake.stderr).toContain("`mercurios views diff <name> --env dev`");
    const unknown = await cli("views", "preview", "TOP_SHOP");
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      "error[VIEW_UNKNOWN]: VIEW TOP_SHOP: no declared view 'TOP_SHOP' in local. Did you mean ANALYTICS.TOP_SHOPS? (`mercurios views list` shows every declared view)\n",
    ]);
    const limit = await cli("views", "preview", "TOP_SHOPS", "--limit", "ten");
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain("--limit takes a whole number of rows, not 'ten'");
  });
});
