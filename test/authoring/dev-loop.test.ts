/**
 * The dev loop's core on a copy of the views-loop fixture: real engine file, real test session,
 * real files edited between `handle` calls (no watcher, no timing).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevLoop, type DevLoop } from "../../src/api/dev/index.js";
import { loadEnvironment } from "../../src/config/index.js";
import { renderDevStatus } from "../../src/report/dev-status.js";

const fixture = path.resolve(import.meta.dirname, "../fixtures/projects/views-loop");

let root: string;
let loop: DevLoop;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "mercurios-dev-loop-"));
  await cp(fixture, root, { recursive: true });
  loop = await createDevLoop({
    environment: await loadEnvironment({ cwd: root, env: "local" }),
    reloadEnvironment: () => loadEnvironment({ cwd: root, env: "local" }),
  });
}, 180_000);

afterAll(async () => {
  await loop?.close();
  await rm(root, { recursive: true, force: true });
});

/** Rewrites a file of the copy; returns a function that puts the original back. */
async function edit(file: string, change: (text: string) => string): Promise<() => Promise<void>> {
  const absolute = path.join(root, file);
  const original = await readFile(absolute, "utf8");
  const changed = change(original);
  expect(changed).not.toBe(original);
  await writeFile(absolute, changed);
  return () => writeFile(absolute, original);
}

const sorted = (rows: (string | null)[][]) =>
  [...rows].sort((a, b) => a.join("|").localeCompare(b.join("|")));

// Each case re-runs `up` and every view test in the warm session: 20–45 s on a busy 2-core machine,
// so the default 60 s would fail them on load, not on behaviour.
describe("createDevLoop", { timeout: 180_000 }, () => {
  it("starts like `mercurios up` and runs every view test in the warm session", () => {
    expect(loop.started.errors).toEqual([]);
    expect(loop.started.migrations).toEqual([
      "migrations/V1__schemas.sql",
      "migrations/RAW/V2__sales.sql",
      "migrations/ADMIN/V3__tenant_isolation.sql",
      "migrations/RAW/V4__sample_rows.local.sql",
    ]);
    expect(loop.started.tests).toMatchObject({ passed: 6, failed: 0 });
  });

  it("re-creates a changed view and its dependants in order, re-runs their tests and shows its rows", async () => {
    const restore = await edit("views/ANALYTICS/DAILY_SALES.sql", (t) =>
      t.replace("SUM(UNITS) AS UNITS", "SUM(UNITS) AS UNITS, COUNT(*) AS SALES"),
    );
    const status = await loop.handle([path.join(root, "views/ANALYTICS/DAILY_SALES.sql")]);
    expect(status.errors).toEqual([]);
    expect(status.applied.map((v) => [v.name, v.action, v.reason])).toEqual([
      ["SHOP_DATA.ANALYTICS.DAILY_SALES", "replaced", "definition changed"],
      ["SHOP_DATA.ANALYTICS.SHOP_SALES", "replaced", "reads SHOP_DATA.ANALYTICS.DAILY_SALES, which changed"],
      ["SHOP_DATA.ANALYTICS.TOP_SHOPS", "replaced", "reads SHOP_DATA.ANALYTICS.SHOP_SALES, which changed"],
    ]);
    // DAILY_SALES has 2 cases and TOP_SHOPS 3; SHOP_SALES has none; SHOP_DIRECTORY is not affected.
    expect(status.tests).toMatchObject({ passed: 5, failed: 0 });
    expect(new Set(status.tests?.cases.map((c) => c.view))).toEqual(
      new Set(["SHOP_DATA.ANALYTICS.DAILY_SALES", "SHOP_DATA.ANALYTICS.TOP_SHOPS"]),
    );
    expect(status.preview?.columns).toEqual([
      "TENANT_ID",
      "SHOP_ID",
      "SALE_DATE",
      "REVENUE_EUR",
      "UNITS",
      "SALES",
    ]);
    expect(sorted(status.preview?.rows ?? [])).toEqual([
      ["acme", "A1", "2026-10-01", "100.00", "4", "1"],
      ["acme", "A1", "2026-10-02", "50.50", "2", "1"],
      ["acme", "A2", "2026-10-01", "20.00", "1", "1"],
      ["globex", "G1", "2026-10-01", "300.00", "10", "1"],
      ["globex", "G1", "2026-10-03", "75.25", "3", "1"],
    ]);
    const block = renderDevStatus(status);
    expect(block).toContain("applied  ANALYTICS.DAILY_SALES  replaced: definition changed\n");
    expect(block).toContain("tests    5 passed\n");
    expect(block).toContain("rows     ANALYTICS.DAILY_SALES (first 5)\n");
    await restore();
    const back = await loop.handle(["views/ANALYTICS/DAILY_SALES.sql"]);
    expect(back.applied.filter((v) => v.action !== "unchanged").map((v) => v.name)).toEqual([
      "SHOP_DATA.ANALYTICS.DAILY_SALES",
      "SHOP_DATA.ANALYTICS.SHOP_SALES",
      "SHOP_DATA.ANALYTICS.TOP_SHOPS",
    ]);
  });

  it("reports a template error with file:line, keeps going, and the next good save recovers", async () => {
    const restore = await edit("views/ANALYTICS/TOP_SHOPS.sql", (t) =>
      t.replace(/\{\{vars\.top_n\}\}\s*$/, "{{vars.nope}}\n"),
    );
    const broken = await loop.handle(["views/ANALYTICS/TOP_SHOPS.sql"]);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]).toMatchObject({
      code: "TEMPLATE_MISSING_VAR",
      file: "views/ANALYTICS/TOP_SHOPS.sql",
      line: 5,
      message: "variable 'nope' is not defined.",
    });
    expect(renderDevStatus(broken)).toContain(
      "error    views/ANALYTICS/TOP_SHOPS.sql:5:27: variable 'nope' is not defined.",
    );
    expect(broken.applied).toEqual([]);

    await restore();
    const fixed = await loop.handle(["views/ANALYTICS/TOP_SHOPS.sql"]);
    expect(fixed.errors).toEqual([]);
    expect(fixed.tests).toMatchObject({ passed: 3, failed: 0 });
    expect(fixed.preview?.view).toBe("SHOP_DATA.ANALYTICS.TOP_SHOPS");
    expect(sorted(fixed.preview?.rows ?? [])).toEqual([
      ["acme", "A1", "Acme Mitte", "150.50", "1"],
      ["acme", "A2", "Acme Altona", "20.00", "2"],
      ["globex", "G1", "Globex Zentrum", "375.25", "1"],
    ]);
  });

  it("reports a SQL error the engine gives with file:line, and the next good save re-creates the view", async () => {
    const restore = await edit("views/ANALYTICS/SHOP_SALES.sql", (t) =>
      t.replace("SUM(D.UNITS)", "SUM(D.UNITZ)"),
    );
    const broken = await loop.handle(["views/ANALYTICS/SHOP_SALES.sql"]);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]).toMatchObject({
      code: "VIEW_CREATE_FAILED",
      file: "views/ANALYTICS/SHOP_SALES.sql",
      line: 2,
    });
    expect(broken.errors[0]?.message).toContain("UNITZ");
    expect(broken.tests).toBeNull();
    expect(broken.preview).toBeNull();

    await restore();
    const fixed = await loop.handle(["views/ANALYTICS/SHOP_SALES.sql"]);
    expect(fixed.errors).toEqual([]);
    // The engine still had the old SHOP_SALES, so the restored file changes nothing there.
    expect(fixed.applied.map((v) => v.name)).toContain("SHOP_DATA.ANALYTICS.SHOP_SALES");
    expect(fixed.preview?.columns).toEqual([
      "TENANT_ID",
      "SHOP_ID",
      "SHOP_NAME",
      "CITY",
      "REVENUE_EUR",
      "UNITS",
    ]);
  });

  it("re-runs a saved test file's tests; a failing expectation shows side by side", async () => {
    const restore = await edit("views/ANALYTICS/TOP_SHOPS.test.yaml", (t) =>
      t.replace(
        "SHOP_NAME: Mitte, REVENUE_EUR: 10.5, REVENUE_RANK: 2",
        "SHOP_NAME: Mitte, REVENUE_EUR: 10.5, REVENUE_RANK: 3",
      ),
    );
    const status = await loop.handle(["views/ANALYTICS/TOP_SHOPS.test.yaml"]);
    expect(status.applied).toEqual([]);
    expect(status.tests).toMatchObject({ passed: 2, failed: 1 });
    const failure = status.tests?.cases.find((c) => c.status === "failed");
    expect(failure).toMatchObject({ name: "ranks shops by revenue within each tenant", line: 3 });
    const block = renderDevStatus(status);
    expect(block).toContain("tests    2 passed, 1 failed\n");
    expect(block).toContain(
      "✗ ANALYTICS.TOP_SHOPS: ranks shops by revenue within each tenant (views/ANALYTICS/TOP_SHOPS.test.yaml:3)",
    );
    expect(block).toMatch(/≠ acme\s+A1\s+Mitte\s+10\.5\s+3\s+\| acme\s+A1\s+Mitte\s+10\.50?\s+\*2\*/);
    await restore();
    expect((await loop.handle(["views/ANALYTICS/TOP_SHOPS.test.yaml"])).tests).toMatchObject({
      passed: 3,
      failed: 0,
    });

    await writeFile(path.join(root, "views/ANALYTICS/NO_SUCH.test.yaml"), "tests: []\n");
    const stray = await loop.handle(["views/ANALYTICS/NO_SUCH.test.yaml"]);
    expect(stray.notes).toEqual([
      "views/ANALYTICS/NO_SUCH.test.yaml tests no declared view: a test file sits beside its view (views/ANALYTICS/NO_SUCH.sql)",
    ]);
    await rm(path.join(root, "views/ANALYTICS/NO_SUCH.test.yaml"));
  });

  it("applies a new migration to the local engine and re-runs every view test", async () => {
    const file = "migrations/RAW/V5__more_shops.local.sql";
    await writeFile(path.join(root, file), "INSERT INTO SHOPS VALUES ('acme', 'A3', 'Acme Neu', 'Koeln');\n");
    const status = await loop.handle([file]);
    expect(status.errors).toEqual([]);
    expect(status.migrations).toEqual([file]);
    expect(status.tests).toMatchObject({ passed: 6, failed: 0 });
    expect(renderDevStatus(status)).toContain(`migrated ${file}\n`);
  });

  it("reloads a saved config: a changed var re-creates the views that use it and re-runs every test", async () => {
    const restore = await edit("mercurios.config.ts", (t) => t.replace("top_n: 3", "top_n: 2"));
    const status = await loop.handle(["mercurios.config.ts"]);
    expect(status.errors).toEqual([]);
    expect(status.applied.filter((v) => v.action !== "unchanged").map((v) => [v.name, v.reason])).toEqual([
      ["SHOP_DATA.ANALYTICS.TOP_SHOPS", "definition changed"],
    ]);
    // The case names and expects the best {{vars.top_n}} shops: it now reads "2" but still lists 3 rows.
    expect(status.tests).toMatchObject({ passed: 5, failed: 1 });
    expect(status.tests?.cases.find((c) => c.status === "failed")?.name).toBe(
      "keeps the best 2 shops of a tenant",
    );
    await restore();
    const back = await loop.handle(["mercurios.config.ts"]);
    expect(back.tests).toMatchObject({ passed: 6, failed: 0 });
  });
});

describe("createDevLoop when the start cannot finish `up`", () => {
  let brokenRoot: string;
  let brokenLoop: DevLoop | undefined;

  afterAll(async () => {
    await brokenLoop?.close();
    if (brokenRoot) await rm(brokenRoot, { recursive: true, force: true });
  });

  it("reports the view the engine rejected at file:line, and the fixing save finishes `up` and runs every test", async () => {
    brokenRoot = await mkdtemp(path.join(tmpdir(), "mercurios-dev-broken-"));
    await cp(fixture, brokenRoot, { recursive: true });
    const file = path.join(brokenRoot, "views/ANALYTICS/DAILY_SALES.sql");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace("SUM(AMOUNT_EUR)", "SUM(AMOUNT_EURO)"));

    brokenLoop = await createDevLoop({
      environment: await loadEnvironment({ cwd: brokenRoot, env: "local" }),
    });
    const start = brokenLoop.started;
    expect(start.errors).toHaveLength(1);
    expect(start.errors[0]).toMatchObject({
      code: "APPLY_FAILED",
      object: "VIEW SHOP_DATA.ANALYTICS.DAILY_SALES",
      file: "views/ANALYTICS/DAILY_SALES.sql",
      line: 5,
    });
    expect(start.errors[0]?.message).toContain("invalid identifier 'AMOUNT_EURO'");
    expect(start.tests).toBeNull();
    expect(renderDevStatus(start)).toContain(
      "error    views/ANALYTICS/DAILY_SALES.sql:5 [VIEW SHOP_DATA.ANALYTICS.DAILY_SALES]: apply step",
    );

    await writeFile(file, original);
    const fixed = await brokenLoop.handle([file]);
    expect(fixed.errors).toEqual([]);
    expect(fixed.applied.map((v) => [v.name, v.reason]).slice(0, 3)).toEqual([
      ["SHOP_DATA.ANALYTICS.DAILY_SALES", "applied by `up`"],
      ["SHOP_DATA.ANALYTICS.SHOP_DIRECTORY", "applied by `up`"],
      ["SHOP_DATA.ANALYTICS.SHOP_SALES", "applied by `up`"],
    ]);
    expect(fixed.tests).toMatchObject({ passed: 6, failed: 0 });
    expect(fixed.preview?.rows).toHaveLength(5);
  });
});
