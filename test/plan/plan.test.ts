import { describe, expect, it } from "vitest";
import { diffModels } from "../../src/diff/index.js";
import { PlanError } from "../../src/errors/index.js";
import type { ModelObject, ResourceMonitorObject, WarehouseObject } from "../../src/model/index.js";
import { buildPlan } from "../../src/plan/index.js";
import { desiredFrom, liveCopy, liveOf, sampleInput } from "../diff/helpers.js";

describe("buildPlan", () => {
  it("orders a fresh account: roles, monitors, warehouses, role grants, views by dependency, grants, future grants", () => {
    const desired = desiredFrom(sampleInput);
    const plan = buildPlan(diffModels(desired, liveOf([])), desired.objects.values());
    expect(plan.steps.map((s) => s.sql)).toEqual([
      "CREATE ROLE MERCURIOS_ANALYST COMMENT = 'Read-only'",
      "CREATE RESOURCE MONITOR MERCURIOS_ANALYTICS_MONITOR WITH CREDIT_QUOTA = 10 FREQUENCY = MONTHLY START_TIMESTAMP = IMMEDIATELY TRIGGERS ON 80 PERCENT DO NOTIFY ON 100 PERCENT DO SUSPEND",
      "CREATE WAREHOUSE MERCURIOS_ANALYTICS_WH WITH WAREHOUSE_SIZE = XSMALL AUTO_SUSPEND = 60 AUTO_RESUME = TRUE RESOURCE_MONITOR = MERCURIOS_ANALYTICS_MONITOR",
      "GRANT ROLE MERCURIOS_ANALYST TO ROLE SYSADMIN",
      "CREATE VIEW MERCURIOS_DATA.ANALYTICS.DAILY AS\nselect tenant_id, sale_date from standard.sales",
      "ALTER VIEW MERCURIOS_DATA.ANALYTICS.DAILY SET COMMENT = 'Daily'",
      "CREATE VIEW MERCURIOS_DATA.ANALYTICS.SHOP AS\nselect tenant_id, count(*) as n from analytics.daily group by 1",
      "GRANT SELECT ON VIEW MERCURIOS_DATA.ANALYTICS.DAILY TO ROLE MERCURIOS_ANALYST",
      "GRANT USAGE ON SCHEMA MERCURIOS_DATA.ANALYTICS TO ROLE MERCURIOS_ANALYST",
      "GRANT USAGE ON WAREHOUSE MERCURIOS_ANALYTICS_WH TO ROLE MERCURIOS_ANALYST",
      "GRANT SELECT ON FUTURE VIEWS IN SCHEMA MERCURIOS_DATA.ANALYTICS TO ROLE MERCURIOS_ANALYST",
    ]);
    expect(plan.destructiveSteps).toBe(0);
  });

  it("alters in place, revokes unexpected grants last and marks them destructive", () => {
    const desired = desiredFrom(sampleInput);
    const live = liveCopy(desired);
    const wh = live.find((o) => o.kind === "warehouse") as WarehouseObject;
    wh.size = "XXLARGE";
    wh.resourceMonitor = null;
    live.push({
      kind: "grant",
      name: "SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -> MERCURIOS_ANALYST",
      privilege: "SELECT",
      objectType: "TABLE",
      objectName: "MERCURIOS_DATA.RAW.SALES",
      role: "MERCURIOS_ANALYST",
    });
    const plan = buildPlan(diffModels(desired, liveOf(live)), desired.objects.values());
    expect(plan.steps.map((s) => [s.sql, s.destructive])).toEqual([
      [
        "ALTER WAREHOUSE MERCURIOS_ANALYTICS_WH SET WAREHOUSE_SIZE = XSMALL RESOURCE_MONITOR = MERCURIOS_ANALYTICS_MONITOR",
        false,
      ],
      ["REVOKE SELECT ON TABLE MERCURIOS_DATA.RAW.SALES FROM ROLE MERCURIOS_ANALYST", true],
    ]);
    expect(plan.destructiveSteps).toBe(1);
  });

  it("recreates a monitor whose triggers are all removed, and re-attaches its warehouses", () => {
    const input = structuredClone(sampleInput);
    input.monitors![0]!.value.triggers = [];
    const desired = desiredFrom(input);
    const live = liveCopy(desired);
    (live.find((o) => o.kind === "resource_monitor") as ResourceMonitorObject).triggers = [
      { percent: 100, action: "SUSPEND" },
    ];
    const plan = buildPlan(diffModels(desired, liveOf(live)), desired.objects.values());
    expect(plan.steps.map((s) => [s.sql, s.destructive])).toEqual([
      ["DROP RESOURCE MONITOR MERCURIOS_ANALYTICS_MONITOR", true],
      [
        "CREATE RESOURCE MONITOR MERCURIOS_ANALYTICS_MONITOR WITH CREDIT_QUOTA = 10 FREQUENCY = MONTHLY START_TIMESTAMP = IMMEDIATELY",
        false,
      ],
      ["ALTER WAREHOUSE MERCURIOS_ANALYTICS_WH SET RESOURCE_MONITOR = MERCURIOS_ANALYTICS_MONITOR", false],
    ]);
  });

  it("replaces a changed view with COPY GRANTS and drops unexpected views after dependants", () => {
    const desired = desiredFrom(sampleInput);
    const live: ModelObject[] = liveCopy(desired).filter((o) => o.kind !== "view");
    const view = (name: string, query: string, dependsOn: string[] = []): ModelObject => ({
      kind: "view",
      name: `MERCURIOS_DATA.ANALYTICS.${name}`,
      database: "MERCURIOS_DATA",
      schema: "ANALYTICS",
      query,
      queryCanonical: query.toUpperCase(),
      dependsOn,
    });
    live.push(
      { ...(desired.objects.get("view:MERCURIOS_DATA.ANALYTICS.SHOP") as ModelObject) },
      { ...view("DAILY", "select 1 as old"), comment: "Daily", secure: false } as ModelObject,
      view("A", "select * from analytics.b", ["MERCURIOS_DATA.ANALYTICS.B"]),
      view("B", "select 1"),
    );
    const plan = buildPlan(diffModels(desired, liveOf(live)), desired.objects.values());
    expect(plan.steps.map((s) => [s.sql, s.destructive])).toEqual([
      [
        "CREATE OR REPLACE VIEW MERCURIOS_DATA.ANALYTICS.DAILY COPY GRANTS AS\nselect tenant_id, sale_date from standard.sales",
        false,
      ],
      ["ALTER VIEW MERCURIOS_DATA.ANALYTICS.DAILY SET COMMENT = 'Daily'", false],
      ["DROP VIEW MERCURIOS_DATA.ANALYTICS.A", true],
      ["DROP VIEW MERCURIOS_DATA.ANALYTICS.B", true],
    ]);
  });

  it("throws instead of skipping a change it cannot render", () => {
    const input = structuredClone(sampleInput);
    input.policies = [
      {
        file: "roles/p.ts",
        value: {
          schema: "ADMIN",
          name: "P",
          signature: [{ name: "T", type: "VARCHAR" }],
          body: "t = 'x'",
        },
      },
    ];
    const desired = desiredFrom(input);
    const live = liveCopy(desired);
    const policy = live.find((o) => o.kind === "row_access_policy") as Extract<
      ModelObject,
      { kind: "row_access_policy" }
    >;
    policy.signature = [{ name: "T", type: "NUMBER" }];
    policy.signatureCanonical = "T NUMBER";
    const error = (() => {
      try {
        buildPlan(diffModels(desired, liveOf(live)), desired.objects.values());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).message).toBe(
      "cannot render a change of signature for ROW ACCESS POLICY MERCURIOS_DATA.ADMIN.P",
    );
  });

  it("reports a dependency cycle between views", () => {
    const desired = desiredFrom({
      views: [
        {
          file: "a",
          value: {
            schema: "ANALYTICS",
            name: "A",
            sql: "select * from analytics.b",
            frontMatter: {},
            bodyLine: 1,
          },
        },
        {
          file: "b",
          value: {
            schema: "ANALYTICS",
            name: "B",
            sql: "select * from analytics.a",
            frontMatter: {},
            bodyLine: 1,
          },
        },
      ],
    });
    expect(() => buildPlan(diffModels(desired, liveOf([])))).toThrow(
      "dependency cycle: MERCURIOS_DATA.ANALYTICS.A -> MERCURIOS_DATA.ANALYTICS.B -> MERCURIOS_DATA.ANALYTICS.A",
    );
  });

  it("refuses to plan table changes: tables belong to migrations", () => {
    const desired = desiredFrom({});
    desired.objects.set("table:MERCURIOS_DATA.RAW.SALES", {
      kind: "table",
      name: "MERCURIOS_DATA.RAW.SALES",
      database: "MERCURIOS_DATA",
      schema: "RAW",
      columns: [{ name: "ID", type: "NUMBER(38,0)", nullable: false }],
    });
    expect(() => buildPlan(diffModels(desired, liveOf([]), { kinds: ["table"] }))).toThrow(
      "cannot render a change to TABLE MERCURIOS_DATA.RAW.SALES: tables belong to migrations",
    );
  });

  it("transfers declared ownership after create, and alone when only the owner changed", () => {
    const input = structuredClone(sampleInput);
    input.views![1]!.value.frontMatter = {
      ...input.views![1]!.value.frontMatter,
      owner: "MERCURIOS_ANALYST",
    };
    const desired = desiredFrom(input);
    const fresh = buildPlan(diffModels(desired, liveOf([])), desired.objects.values());
    const daily = fresh.steps
      .filter((s) => s.key === "view:MERCURIOS_DATA.ANALYTICS.DAILY")
      .map((s) => s.sql);
    expect(daily).toEqual([
      "CREATE VIEW MERCURIOS_DATA.ANALYTICS.DAILY AS\nselect tenant_id, sale_date from standard.sales",
      "ALTER VIEW MERCURIOS_DATA.ANALYTICS.DAILY SET COMMENT = 'Daily'",
      "GRANT OWNERSHIP ON VIEW MERCURIOS_DATA.ANALYTICS.DAILY TO ROLE MERCURIOS_ANALYST COPY CURRENT GRANTS",
    ]);
    const live = liveCopy(desired);
    (live.find((o) => o.name === "MERCURIOS_DATA.ANALYTICS.DAILY") as { owner?: string }).owner = "SYSADMIN";
    const diff = diffModels(desired, liveOf(live));
    expect(
      diff.differences.map((d) => [
        d.label,
        d.category,
        d.properties.map((p) => `${p.label}: ${p.declaredText} -> ${p.liveText}`),
      ]),
    ).toEqual([
      ["VIEW MERCURIOS_DATA.ANALYTICS.DAILY", "security", ["owner: MERCURIOS_ANALYST -> SYSADMIN"]],
    ]);
    expect(buildPlan(diff, desired.objects.values()).steps.map((s) => s.sql)).toEqual([
      "GRANT OWNERSHIP ON VIEW MERCURIOS_DATA.ANALYTICS.DAILY TO ROLE MERCURIOS_ANALYST COPY CURRENT GRANTS",
    ]);
  });
});
