/**
 * `views list` on a copy of the views-loop fixture after `up`: statuses agree with drift, changed
 * views name what changed, missing and undeclared views are listed, and the CLI exits 0 (a
 * listing) or 1 (target not set up).
 */
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkDrift } from "../../src/api/drift.js";
import { listViews } from "../../src/api/views/list.js";
import { loadEnvironment } from "../../src/config/index.js";
import { openEngine } from "../../src/engine/index.js";
import { MercuriosError } from "../../src/errors/index.js";
import { viewsListToText } from "../../src/report/views-list.js";
import { runCli } from "../cli/run.js";
import { copyProject, editFile, fixture, upTemplate } from "./views-loop.js";

let template: string;
const dirs: string[] = [];

/** A fresh copy of the fixture after `up` (project files and engine file), removed after the test. */
async function project(): Promise<string> {
  const dir = await copyProject(template);
  dirs.push(dir);
  return dir;
}

const edit = editFile;

async function runOnEngine(dir: string, sql: string[]): Promise<void> {
  const engine = await openEngine({ path: path.join(dir, ".mercurios/local.duckdb") });
  try {
    const session = await engine.openSession();
    for (const statement of sql) await session.execute(statement);
    await session.close();
  } finally {
    await engine.close();
  }
}

const list = async (dir: string) =>
  listViews({ environment: await loadEnvironment({ cwd: dir, env: "local" }) });

beforeAll(async () => {
  template = await upTemplate();
});

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await rm(template, { recursive: true, force: true });
});

describe("views list", () => {
  it("lists the four declared views in sync, with schema, secure flag, policy and file", async () => {
    const report = await list(await project());
    expect(report.views).toEqual([
      {
        name: "SHOP_DATA.ANALYTICS.DAILY_SALES",
        schema: "ANALYTICS",
        view: "DAILY_SALES",
        secure: false,
        rowAccessPolicy: "ADMIN.TENANT_ISOLATION on (TENANT_ID)",
        source: "views/ANALYTICS/DAILY_SALES.sql",
        status: "in sync",
        changed: [],
      },
      {
        name: "SHOP_DATA.ANALYTICS.SHOP_DIRECTORY",
        schema: "ANALYTICS",
        view: "SHOP_DIRECTORY",
        secure: false,
        rowAccessPolicy: null,
        source: "views/ANALYTICS/SHOP_DIRECTORY.sql",
        status: "in sync",
        changed: [],
      },
      {
        name: "SHOP_DATA.ANALYTICS.SHOP_SALES",
        schema: "ANALYTICS",
        view: "SHOP_SALES",
        secure: false,
        rowAccessPolicy: null,
        source: "views/ANALYTICS/SHOP_SALES.sql",
        status: "in sync",
        changed: [],
      },
      {
        name: "SHOP_DATA.ANALYTICS.TOP_SHOPS",
        schema: "ANALYTICS",
        view: "TOP_SHOPS",
        secure: false,
        rowAccessPolicy: null,
        source: "views/ANALYTICS/TOP_SHOPS.sql",
        status: "in sync",
        changed: [],
      },
    ]);
    expect(report.summary).toEqual({ views: 4, inSync: 4, changed: 0, missing: 0, notDeclared: 0 });
    expect(viewsListToText(report)).toBe(
      [
        "SCHEMA     VIEW            SECURE  ROW ACCESS POLICY                      FILE                                STATUS",
        "ANALYTICS  DAILY_SALES     no      ADMIN.TENANT_ISOLATION on (TENANT_ID)  views/ANALYTICS/DAILY_SALES.sql     in sync",
        "ANALYTICS  SHOP_DIRECTORY  no      -                                      views/ANALYTICS/SHOP_DIRECTORY.sql  in sync",
        "ANALYTICS  SHOP_SALES      no      -                                      views/ANALYTICS/SHOP_SALES.sql      in sync",
        "ANALYTICS  TOP_SHOPS       no      -                                      views/ANALYTICS/TOP_SHOPS.sql       in sync",
        "",
        "4 views: 4 in sync",
        "",
      ].join("\n"),
    );
  });

  it("says which fields of an edited view changed, as drift does", async () => {
    const dir = await project();
    await edit(dir, "views/ANALYTICS/SHOP_DIRECTORY.sql", "SHOP_NAME, CITY", "SHOP_NAME");
    await edit(
      dir,
      "views/ANALYTICS/DAILY_SALES.sql",
      "comment: Revenue and units",
      "comment: Revenue, units",
    );
    const report = await list(dir);
    const status = Object.fromEntries(report.views.map((v) => [v.view, [v.status, ...v.changed]]));
    expect(status).toEqual({
      DAILY_SALES: ["changed", "comment"],
      SHOP_DIRECTORY: ["changed", "definition"],
      SHOP_SALES: ["in sync"],
      TOP_SHOPS: ["in sync"],
    });
    expect(viewsListToText(report)).toContain("\n4 views: 2 in sync, 2 changed\n");
    // drift reads the same: the same two views, the same properties.
    const drift = await checkDrift({ environment: await loadEnvironment({ cwd: dir, env: "local" }) });
    const viewDrift = drift.report.drift.filter((d) => d.objectKind === "view");
    expect(viewDrift.map((d) => [d.name, d.kind, ...d.properties.map((p) => p.property)])).toEqual([
      ["SHOP_DATA.ANALYTICS.DAILY_SALES", "changed", "comment"],
      ["SHOP_DATA.ANALYTICS.SHOP_DIRECTORY", "changed", "query"],
    ]);
  });

  it("keeps a layout-only edit in sync", async () => {
    const dir = await project();
    await edit(
      dir,
      "views/ANALYTICS/SHOP_DIRECTORY.sql",
      "SELECT TENANT_ID, SHOP_ID, SHOP_NAME, CITY FROM",
      "-- one column a line\nselect tenant_id,\n       shop_id,\n       shop_name,\n       city\nfrom",
    );
    const report = await list(dir);
    expect(report.views.find((v) => v.view === "SHOP_DIRECTORY")?.status).toBe("in sync");
  });

  it("marks a view dropped on the target missing and lists a live view nobody declares", async () => {
    const dir = await project();
    await runOnEngine(dir, [
      "DROP VIEW SHOP_DATA.ANALYTICS.TOP_SHOPS",
      "CREATE VIEW SHOP_DATA.ANALYTICS.HANDMADE AS SELECT SHOP_ID FROM SHOP_DATA.RAW.SHOPS",
    ]);
    const report = await list(dir);
    expect(report.views.map((v) => [v.view, v.status])).toEqual([
      ["DAILY_SALES", "in sync"],
      ["SHOP_DIRECTORY", "in sync"],
      ["SHOP_SALES", "in sync"],
      ["TOP_SHOPS", "missing"],
      ["HANDMADE", "not declared"],
    ]);
    expect(report.views.at(-1)).toMatchObject({ schema: "ANALYTICS", source: null, rowAccessPolicy: null });
    expect(viewsListToText(report)).toContain(
      "ANALYTICS  HANDMADE        no      -                                      -                                   not declared",
    );
    expect(viewListSummary(report)).toBe("5 views: 3 in sync, 1 missing, 1 not declared");
  });

  it("refuses a target that is not set up, with the hint to run up", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-list-bare-"));
    dirs.push(dir);
    await cp(fixture, dir, { recursive: true });
    await rm(path.join(dir, ".mercurios"), { recursive: true, force: true });
    const error = await list(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MercuriosError);
    expect((error as MercuriosError).code).toBe("TARGET_NOT_SET_UP");
    expect((error as MercuriosError).message).toBe(
      "the local engine file .mercurios/local.duckdb does not exist",
    );
    expect((error as MercuriosError).hint).toContain("mercurios up");

    // An engine file without the project's database is not set up either.
    await mkdir(path.join(dir, ".mercurios"), { recursive: true });
    await runOnEngine(dir, ["CREATE DATABASE OTHER_DATA"]);
    const noDatabase = (await list(dir).catch((e: unknown) => e)) as MercuriosError;
    expect(noDatabase.code).toBe("TARGET_NOT_SET_UP");
    expect(noDatabase.message).toBe("database SHOP_DATA does not exist in local");
    expect(noDatabase.hint).toContain("mercurios up");
  });
});

function viewListSummary(report: Awaited<ReturnType<typeof list>>): string {
  return viewsListToText(report).trimEnd().split("\n").at(-1) ?? "";
}

describe("mercurios views list (CLI)", () => {
  it("prints the table and exits 0 even when views differ: drift is the gate", async () => {
    const dir = await project();
    await edit(dir, "views/ANALYTICS/SHOP_SALES.sql", ", SUM(D.UNITS) AS UNITS", "");
    const run = await runCli(["views", "list"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "ANALYTICS  SHOP_SALES      no      -                                      views/ANALYTICS/SHOP_SALES.sql      changed (definition)",
    );
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("4 views: 3 in sync, 1 changed");
  });

  it("prints one JSON document with --format json", async () => {
    const run = await runCli(["views", "list", "--format", "json"], { cwd: await project() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { environment: string; summary: unknown; views: unknown[] };
    expect(report.environment).toBe("local");
    expect(report.summary).toEqual({ views: 4, inSync: 4, changed: 0, missing: 0, notDeclared: 0 });
    expect(report.views).toHaveLength(4);
  });

  it("exits 1 with a clear error and no stack trace when the target is not set up", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "mercurios-list-bare-"));
    dirs.push(dir);
    await cp(fixture, dir, { recursive: true });
    await rm(path.join(dir, ".mercurios"), { recursive: true, force: true });
    const run = await runCli(["views", "list"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("the local engine file .mercurios/local.duckdb does not exist");
    expect(run.stderr).toContain("Run `mercurios up` first");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
