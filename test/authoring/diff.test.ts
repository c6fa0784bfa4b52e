/**
 * `views diff` on a copy of the views-loop fixture after `up`: semantic comparison as drift does it,
 * the text diff, attributes, columns added/removed/retyped with the breaking ones named and the
 * reading views affected, a missing view, a failing declared SELECT at file:line, and the CLI's
 * exit codes (0 same, 2 different, 1 error).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { diffView } from "../../src/api/views/diff.js";
import { loadEnvironment } from "../../src/config/index.js";
import { openEngine } from "../../src/engine/index.js";
import { MercuriosError, type ValidationError } from "../../src/errors/index.js";
import { viewDiffToText } from "../../src/report/view-diff.js";
import { runCli } from "../cli/run.js";
import { copyProject, editFile, upTemplate } from "./views-loop.js";

const SHOP_SALES = "views/ANALYTICS/SHOP_SALES.sql";
let template: string;
const dirs: string[] = [];

/** A fresh copy of the fixture after `up` (project files and engine file), removed after the test. */
async function project(): Promise<string> {
  const dir = await copyProject(template);
  dirs.push(dir);
  return dir;
}

const edit = editFile;

const diff = async (dir: string, name: string) =>
  diffView({ name, environment: await loadEnvironment({ cwd: dir, env: "local" }) });

beforeAll(async () => {
  template = await upTemplate();
});

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await rm(template, { recursive: true, force: true });
});

describe("views diff", () => {
  it("finds a view just applied in sync, columns and all", async () => {
    const report = await diff(await project(), "shop_sales");
    expect(report.status).toBe("in sync");
    expect(report.definition).toMatchObject({ same: true, layoutOnly: false, textDiff: "" });
    expect(report.attributes).toEqual([]);
    expect(report.columns.declared).toEqual([
      { name: "TENANT_ID", type: "VARCHAR(16777216)" },
      { name: "SHOP_ID", type: "VARCHAR(16777216)" },
      { name: "SHOP_NAME", type: "VARCHAR(16777216)" },
      { name: "CITY", type: "VARCHAR(16777216)" },
      { name: "REVENUE_EUR", type: "NUMBER(38,2)" },
      { name: "UNITS", type: "NUMBER(9,0)" },
    ]);
    expect(report.columns.live).toEqual(report.columns.declared);
    expect(report.breaking).toEqual([]);
    expect(report.upstreamChanged).toEqual([]);
    expect(viewDiffToText(report)).toBe(
      [
        "SHOP_DATA.ANALYTICS.SHOP_SALES in local: in sync",
        "file: views/ANALYTICS/SHOP_SALES.sql",
        "",
        "definition: same",
        "columns: same (6: TENANT_ID, SHOP_ID, SHOP_NAME, CITY, REVENUE_EUR, UNITS)",
        "",
      ].join("\n"),
    );
  });

  it("names a removed column as breaking, with the views that read it affected", async () => {
    const dir = await project();
    await edit(dir, SHOP_SALES, ", SUM(D.UNITS) AS UNITS", "");
    const report = await diff(dir, "SHOP_SALES");
    expect(report.status).toBe("changed");
    expect(report.definition.same).toBe(false);
    expect(report.definition.textDiff).toContain(
      "-SELECT D.TENANT_ID, D.SHOP_ID, S.SHOP_NAME, S.CITY, SUM(D.REVENUE_EUR) AS REVENUE_EUR, SUM(D.UNITS) AS UNITS\n" +
        "+SELECT D.TENANT_ID, D.SHOP_ID, S.SHOP_NAME, S.CITY, SUM(D.REVENUE_EUR) AS REVENUE_EUR\n",
    );
    expect(report.columns).toMatchObject({
      added: [],
      removed: [{ name: "UNITS", type: "NUMBER(9,0)" }],
      retyped: [],
    });
    expect(report.breaking).toEqual([
      {
        kind: "removed",
        column: "UNITS",
        message: "BREAKING: column UNITS removed; dashboards or views reading it will fail",
      },
    ]);
    expect(report.affected).toEqual(["SHOP_DATA.ANALYTICS.TOP_SHOPS"]);
    const text = viewDiffToText(report);
    expect(text).toContain("definition: changed, text diff live -> declared:\n  @@ -1,5 +1,5 @@\n");
    expect(text).toContain("  - UNITS NUMBER(9,0) (removed)\n");
    expect(text).toContain(
      "\nBREAKING: column UNITS removed; dashboards or views reading it will fail\n" +
        "affected declared views (read SHOP_DATA.ANALYTICS.SHOP_SALES): SHOP_DATA.ANALYTICS.TOP_SHOPS\n",
    );
    // The reader's own definition is unchanged; its declared columns come from the live SHOP_SALES, and it says so.
    const reader = await diff(dir, "TOP_SHOPS");
    expect(reader.status).toBe("in sync");
    expect(reader.upstreamChanged).toEqual(["SHOP_DATA.ANALYTICS.SHOP_SALES"]);
    expect(viewDiffToText(reader)).toContain(
      "note: it reads SHOP_DATA.ANALYTICS.SHOP_SALES, which differs on the target; the declared columns were read against the live version",
    );
  });

  it("names a retyped column (live type -> declared type) and an added one, which is not breaking", async () => {
    const dir = await project();
    await edit(
      dir,
      SHOP_SALES,
      "SUM(D.REVENUE_EUR) AS REVENUE_EUR",
      "SUM(D.REVENUE_EUR)::VARCHAR AS REVENUE_EUR",
    );
    await edit(dir, SHOP_SALES, "AS UNITS", "AS UNITS, COUNT(*) AS SALE_DAYS");
    const report = await diff(dir, "ANALYTICS.SHOP_SALES");
    expect(report.columns.retyped).toEqual([
      { name: "REVENUE_EUR", live: "NUMBER(38,2)", declared: "VARCHAR(16777216)" },
    ]);
    expect(report.columns.added).toEqual([{ name: "SALE_DAYS", type: "NUMBER(38,0)" }]);
    expect(report.columns.removed).toEqual([]);
    expect(report.breaking.map((b) => b.message)).toEqual([
      "BREAKING: column REVENUE_EUR retyped NUMBER(38,2) -> VARCHAR(16777216); dashboards or views reading it may fail or change results",
    ]);
    expect(viewDiffToText(report)).toContain(
      "columns:\n  + SALE_DAYS NUMBER(38,0) (added)\n  ~ REVENUE_EUR NUMBER(38,2) -> VARCHAR(16777216) (retyped)\n",
    );
  });

  it("calls a layout-only edit in sync and still shows the text diff", async () => {
    const dir = await project();
    await edit(
      dir,
      "views/ANALYTICS/SHOP_DIRECTORY.sql",
      "SELECT TENANT_ID, SHOP_ID, SHOP_NAME, CITY FROM",
      "-- one column a line\nselect tenant_id,\n       shop_id,\n       shop_name,\n       city\nfrom",
    );
    const report = await diff(dir, "SHOP_DIRECTORY");
    expect(report.status).toBe("in sync");
    expect(report.definition).toMatchObject({ same: true, layoutOnly: true });
    expect(report.definition.textDiff).toContain("+select tenant_id,");
    expect(report.breaking).toEqual([]);
    expect(viewDiffToText(report).split("\n")[0]).toBe(
      "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY in local: in sync: same definition, text differs only in layout",
    );
  });

  it("lists the other attributes that differ", async () => {
    const dir = await project();
    await edit(
      dir,
      "views/ANALYTICS/DAILY_SALES.sql",
      "comment: Revenue and units",
      "comment: Revenue, units",
    );
    const report = await diff(dir, "DAILY_SALES");
    expect(report.status).toBe("changed");
    expect(report.definition.same).toBe(true);
    expect(report.attributes).toEqual([
      {
        attribute: "comment",
        declared: "Revenue, units per tenant, shop and day",
        live: "Revenue and units per tenant, shop and day",
      },
    ]);
    expect(viewDiffToText(report)).toContain(
      "attributes:\n  comment: live Revenue and units per tenant, shop and day -> declared Revenue, units per tenant, shop and day\n",
    );
  });

  it("shows everything as new for a view missing on the target", async () => {
    const dir = await project();
    const engine = await openEngine({ path: path.join(dir, ".mercurios/local.duckdb") });
    const session = await engine.openSession();
    await session.execute("DROP VIEW SHOP_DATA.ANALYTICS.TOP_SHOPS");
    await session.close();
    await engine.close();
    const report = await diff(dir, "TOP_SHOPS");
    expect(report.status).toBe("missing");
    expect(report.definition).toMatchObject({ same: false, live: null, textDiff: "" });
    expect(report.columns.live).toBeNull();
    expect(report.columns.added.map((c) => c.name)).toEqual([
      "TENANT_ID",
      "SHOP_ID",
      "SHOP_NAME",
      "REVENUE_EUR",
      "REVENUE_RANK",
    ]);
    expect(report.breaking).toEqual([]);
    expect(viewDiffToText(report)).toContain(
      "TOP_SHOPS in local: missing on the target; everything below is new\n",
    );
  });

  it("reports a declared SELECT the target cannot run at the view file's line", async () => {
    const dir = await project();
    // Line 3 of the file (the comment is line 1): a column no migration has created.
    await edit(
      dir,
      SHOP_SALES,
      "FROM {{database}}.ANALYTICS.DAILY_SALES AS D",
      "  , S.OPENED_ON\nFROM {{database}}.ANALYTICS.DAILY_SALES AS D",
    );
    const error = (await diff(dir, "SHOP_SALES").catch((e: unknown) => e)) as MercuriosError;
    expect(error).toBeInstanceOf(MercuriosError);
    expect(error.code).toBe("VIEW_QUERY_FAILED");
    expect(error.location).toMatchObject({ file: "views/ANALYTICS/SHOP_SALES.sql", line: 3 });
    expect(error.message).toContain("OPENED_ON");
    expect(error.hint).toContain("migrate up");
  });

  it("points at the line reading a table the target does not have", async () => {
    const dir = await project();
    await edit(dir, SHOP_SALES, "RAW.SHOPS AS S", "RAW.SHOP_MASTER AS S");
    // Validation finds the missing table before anything runs on the target (issue 14).
    const error = (await diff(dir, "SHOP_SALES").catch((e: unknown) => e)) as ValidationError;
    expect(error.code).toBe("DECLARATIONS_INVALID");
    expect(error.problems.map((p) => p.code)).toEqual(["VIEW_READS_MISSING"]);
    const [problem] = error.problems;
    // Line 4 of the file is the JOIN (line 1 is the comment, the SELECT is line 2).
    expect(problem!.location).toMatchObject({ file: "views/ANALYTICS/SHOP_SALES.sql", line: 4 });
    expect(problem!.message).toContain("SHOP_DATA.RAW.SHOP_MASTER");
  });

  it("names unknown views with the declared ones", async () => {
    const error = (await diff(await project(), "SHOP_SALE").catch((e: unknown) => e)) as MercuriosError;
    expect(error.code).toBe("VIEW_UNKNOWN");
    expect(error.hint).toContain("ANALYTICS.SHOP_SALES");
  });
});

describe("mercurios views diff (CLI)", () => {
  it("exits 0 when the view is the same", async () => {
    const run = await runCli(["views", "diff", "TOP_SHOPS"], { cwd: await project() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("SHOP_DATA.ANALYTICS.TOP_SHOPS in local: in sync");
  });

  it("exits 2 and prints BREAKING for a removed column; JSON is one document", async () => {
    const dir = await project();
    await edit(dir, SHOP_SALES, ", SUM(D.UNITS) AS UNITS", "");
    const text = await runCli(["views", "diff", "SHOP_SALES"], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("BREAKING: column UNITS removed; dashboards or views reading it will fail");
    const json = await runCli(["views", "diff", "SHOP_SALES", "--format", "json"], { cwd: dir });
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as {
      status: string;
      breaking: { column: string }[];
      affected: string[];
    };
    expect(report.status).toBe("changed");
    expect(report.breaking.map((b) => b.column)).toEqual(["UNITS"]);
    expect(report.affected).toEqual(["SHOP_DATA.ANALYTICS.TOP_SHOPS"]);
  });

  it("exits 1 with file:line when the declared SELECT fails on the target", async () => {
    const dir = await project();
    await edit(
      dir,
      SHOP_SALES,
      "FROM {{database}}.ANALYTICS.DAILY_SALES AS D",
      "  , S.OPENED_ON\nFROM {{database}}.ANALYTICS.DAILY_SALES AS D",
    );
    const run = await runCli(["views", "diff", "SHOP_SALES"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("views/ANALYTICS/SHOP_SALES.sql:3");
    expect(run.stderr).toContain("OPENED_ON");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
