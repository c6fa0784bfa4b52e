import { describe, expect, it } from "vitest";
import { diffModels } from "../../src/diff/index.js";
import { canonicalSql, type ViewObject, type WarehouseObject } from "../../src/model/index.js";
import { buildPlan } from "../../src/plan/index.js";
import {
  buildDriftReport,
  buildPlanReport,
  driftToJUnit,
  driftToMarkdown,
  driftToText,
  planToText,
} from "../../src/report/index.js";
import { desiredFrom, liveCopy, liveOf, sampleInput } from "../diff/helpers.js";

function driftedReport() {
  const desired = desiredFrom(sampleInput);
  const live = liveCopy(desired).filter((o) => o.kind !== "future_grant");
  (live.find((o) => o.kind === "warehouse") as WarehouseObject).size = "SMALL";
  const view = live.find((o) => o.name === "MERCURIOS_DATA.ANALYTICS.DAILY") as ViewObject;
  view.query = "select tenant_id, sale_date, amount from standard.sales";
  view.queryCanonical = canonicalSql(view.query);
  live.push({
    kind: "grant",
    name: "SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -> MERCURIOS_ANALYST",
    privilege: "SELECT",
    objectType: "TABLE",
    objectName: "MERCURIOS_DATA.RAW.SALES",
    role: "MERCURIOS_ANALYST",
  });
  const diff = diffModels(desired, liveOf(live));
  return {
    diff,
    desired,
    report: buildDriftReport(diff, {
      environment: "dev",
      database: "MERCURIOS_DATA",
      generatedAt: new Date("2026-11-27T10:00:00Z"),
    }),
  };
}

describe("drift report", () => {
  it("builds the versioned document with a summary, entries and every compared object", () => {
    const { report } = driftedReport();
    expect(report.schemaVersion).toBe(1);
    expect(report.inSync).toBe(false);
    expect(report.summary).toEqual({
      objectsCompared: 11,
      missing: 1,
      changed: 2,
      unexpected: 1,
      byCategory: { security: 2, cost: 1, schema: 1 },
    });
    expect(report.drift[0]).toEqual({
      kind: "changed",
      objectKind: "warehouse",
      objectType: "WAREHOUSE",
      name: "MERCURIOS_ANALYTICS_WH",
      category: "cost",
      properties: [
        { property: "warehouse_size", declared: "XSMALL (X-Small)", live: "SMALL (Small)", category: "cost" },
      ],
    });
    expect(report.objects.filter((o) => o.status === "in_sync")).toHaveLength(7);
  });

  it("renders text naming object, property, declared and live values, with a text diff for view bodies", () => {
    const text = driftToText(driftedReport().report);
    expect(text).toContain(
      "Drift in dev: 1 missing, 2 changed, 1 unexpected (security 2, cost 1, schema 1) of 11 objects compared.",
    );
    expect(text).toContain(
      "WAREHOUSE MERCURIOS_ANALYTICS_WH: changed [cost]\n  warehouse_size: declared XSMALL (X-Small), live SMALL (Small)",
    );
    // One direction everywhere: live -> declared (the live view has `amount`, the declared one not).
    expect(text).toContain("query: declared and live differ, text diff live -> declared:");
    expect(text).toContain(
      "-select tenant_id, sale_date, amount from standard.sales\n    +select tenant_id, sale_date from standard.sales",
    );
    expect(text).toContain(
      "GRANT SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -> MERCURIOS_ANALYST: unexpected (live, not declared) [security]",
    );
    expect(text).toContain(
      "FUTURE GRANT SELECT ON FUTURE VIEW IN SCHEMA MERCURIOS_DATA.ANALYTICS -> MERCURIOS_ANALYST: missing (declared, not live) [security]",
    );
  });

  it("renders Markdown for a pull-request comment", () => {
    const markdown = driftToMarkdown(driftedReport().report);
    expect(markdown).toContain("### Drift report: `dev` (MERCURIOS_DATA)");
    expect(markdown).toContain(
      "| WAREHOUSE `MERCURIOS_ANALYTICS_WH` | changed | cost | warehouse_size | `XSMALL (X-Small)` | `SMALL (Small)` |",
    );
    expect(markdown).toContain("(diff live -> declared)</summary>");
    expect(markdown).toContain(
      "```diff\n@@ -1,1 +1,1 @@\n-select tenant_id, sale_date, amount from standard.sales\n+select tenant_id, sale_date from standard.sales",
    );
  });

  it("renders JUnit with one test case per object and drift as failures", () => {
    const junit = driftToJUnit(driftedReport().report);
    expect(junit.match(/<testcase /g)).toHaveLength(11);
    expect(junit.match(/<failure /g)).toHaveLength(4);
    expect(junit).toContain('<testsuites name="mercurios drift dev" tests="11" failures="4" errors="0"');
    expect(junit).toContain(
      '<testcase classname="mercurios.drift.dev.GRANT" name="SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -&gt; MERCURIOS_ANALYST">',
    );
    expect(junit).toContain('<testcase classname="mercurios.drift.dev.ROLE" name="MERCURIOS_ANALYST"/>');
  });

  it("says in sync when nothing differs", () => {
    const desired = desiredFrom(sampleInput);
    const report = buildDriftReport(diffModels(desired, liveOf(liveCopy(desired))), {
      environment: "local",
      database: "MERCURIOS_DATA",
    });
    expect(driftToText(report)).toBe("In sync: 10 objects compared in local.\n");
  });
});

describe("plan report", () => {
  it("prints ordered DDL with destructive steps marked", () => {
    const { diff, desired } = driftedReport();
    const text = planToText(
      buildPlanReport(buildPlan(diff, desired.objects.values()), {
        environment: "dev",
        database: "MERCURIOS_DATA",
      }),
    );
    expect(text).toBe(
      [
        "-- Plan for dev (MERCURIOS_DATA): 5 steps for 4 changes, 1 DESTRUCTIVE",
        "",
        "-- 1. WAREHOUSE MERCURIOS_ANALYTICS_WH: alter warehouse_size [cost]",
        "ALTER WAREHOUSE MERCURIOS_ANALYTICS_WH SET WAREHOUSE_SIZE = XSMALL;",
        "",
        "-- 2. VIEW MERCURIOS_DATA.ANALYTICS.DAILY: replace (query changed) [schema]",
        "CREATE OR REPLACE VIEW MERCURIOS_DATA.ANALYTICS.DAILY COPY GRANTS AS\nselect tenant_id, sale_date from standard.sales;",
        "",
        "-- 3. VIEW MERCURIOS_DATA.ANALYTICS.DAILY: comment [schema]",
        "ALTER VIEW MERCURIOS_DATA.ANALYTICS.DAILY SET COMMENT = 'Daily';",
        "",
        "-- 4. FUTURE GRANT SELECT ON FUTURE VIEW IN SCHEMA MERCURIOS_DATA.ANALYTICS -> MERCURIOS_ANALYST: grant future [security]",
        "GRANT SELECT ON FUTURE VIEWS IN SCHEMA MERCURIOS_DATA.ANALYTICS TO ROLE MERCURIOS_ANALYST;",
        "",
        "-- 5. [DESTRUCTIVE] GRANT SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -> MERCURIOS_ANALYST: revoke unexpected GRANT SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -> MERCURIOS_ANALYST [security]",
        "REVOKE SELECT ON TABLE MERCURIOS_DATA.RAW.SALES FROM ROLE MERCURIOS_ANALYST;",
        "",
      ].join("\n"),
    );
  });
});
