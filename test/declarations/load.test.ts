import path from "node:path";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors/index.js";
import type { GrantObject, ViewObject, WarehouseObject } from "../../src/model/index.js";
import { loadDeclarations, splitFrontMatter } from "../../src/project/declarations/index.js";

const fixtures = path.resolve(__dirname, "../fixtures/declarations");
const context = {
  env: "local",
  database: "MERCURIOS_DATA",
  schemas: ["RAW", "STANDARD", "ANALYTICS", "ADMIN"],
  vars: { analyticsQuota: 12 },
};

describe("loadDeclarations", () => {
  it("loads monitors, warehouses, roles, grants, users, policies, tasks and views into the model", async () => {
    const { model, sources } = await loadDeclarations({
      root: path.join(fixtures, "basic"),
      context,
      processEnv: {
        FIXTURE_FIVETRAN_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\nBgkq\n-----END PUBLIC KEY-----",
      },
    });
    const keys = [...model.objects.keys()].sort();
    expect(keys).toEqual([
      "future_grant:SELECT ON FUTURE VIEW IN SCHEMA MERCURIOS_DATA.ANALYTICS -> MERCURIOS_ANALYST",
      "grant:SELECT ON VIEW MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY -> MERCURIOS_ANALYST",
      "grant:USAGE ON DATABASE MERCURIOS_DATA -> MERCURIOS_ANALYST",
      "grant:USAGE ON SCHEMA MERCURIOS_DATA.ANALYTICS -> MERCURIOS_ANALYST",
      "grant:USAGE ON WAREHOUSE MERCURIOS_ANALYTICS_WH -> MERCURIOS_ANALYST",
      "policy_attachment:VIEW MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY",
      "resource_monitor:MERCURIOS_ANALYTICS_MONITOR",
      "role:MERCURIOS_ANALYST",
      "role_grant:MERCURIOS_ANALYST -> ROLE SYSADMIN",
      "role_grant:MERCURIOS_ANALYST -> USER FIVETRAN_USER",
      "row_access_policy:MERCURIOS_DATA.ADMIN.TENANT_ISOLATION",
      "task:MERCURIOS_DATA.ADMIN.REFRESH_COSTS",
      "user:FIVETRAN_USER",
      "view:MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY",
      "view:MERCURIOS_DATA.ANALYTICS.SHOP_PERFORMANCE",
      "warehouse:MERCURIOS_ANALYTICS_WH",
    ]);
    const wh = model.objects.get("warehouse:MERCURIOS_ANALYTICS_WH") as WarehouseObject;
    expect(wh.size).toBe("XXLARGE");
    expect(wh.resourceMonitor).toBe("MERCURIOS_ANALYTICS_MONITOR");
    expect(model.objects.get("resource_monitor:MERCURIOS_ANALYTICS_MONITOR")).toMatchObject({
      creditQuota: 12,
      triggers: [
        { percent: 80, action: "NOTIFY" },
        { percent: 100, action: "SUSPEND" },
      ],
    });
    const view = model.objects.get("view:MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY") as ViewObject;
    expect(view.secure).toBe(true);
    expect(view.comment).toBe("Daily sales per shop");
    expect(view.dependsOn).toEqual(["MERCURIOS_DATA.STANDARD.SALES"]);
    expect(view.rowAccessPolicy).toEqual({
      policy: "MERCURIOS_DATA.ADMIN.TENANT_ISOLATION",
      columns: ["TENANT_ID"],
    });
    expect(view.query.endsWith(";")).toBe(false);
    const shop = model.objects.get("view:MERCURIOS_DATA.ANALYTICS.SHOP_PERFORMANCE") as ViewObject;
    expect(shop.dependsOn).toEqual(["MERCURIOS_DATA.ANALYTICS.DAILY_SALES_SUMMARY"]);
    expect(model.objects.get("user:FIVETRAN_USER")).toMatchObject({
      hasRsaPublicKey: true,
      rsaPublicKey: "MIIBIjANBgkq",
    });
    const grant = model.objects.get(
      "grant:USAGE ON SCHEMA MERCURIOS_DATA.ANALYTICS -> MERCURIOS_ANALYST",
    ) as GrantObject;
    expect(grant.objectName).toBe("MERCURIOS_DATA.ANALYTICS");
    expect(model.scope).toEqual({
      databases: ["MERCURIOS_DATA"],
      roles: ["MERCURIOS_ANALYST"],
      warehouses: ["MERCURIOS_ANALYTICS_WH"],
      monitors: ["MERCURIOS_ANALYTICS_MONITOR"],
      users: ["FIVETRAN_USER"],
      ignore: [],
    });
    expect(sources.get("view:MERCURIOS_DATA.ANALYTICS.SHOP_PERFORMANCE")).toBe(
      path.join("views", "ANALYTICS", "SHOP_PERFORMANCE.sql"),
    );
  });

  it("reports every problem at once, each with its file and object", async () => {
    const error = await loadDeclarations({
      root: path.join(fixtures, "broken"),
      context,
      processEnv: {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems.map((p) => p.describe());
    const text = problems.join("\n");
    expect(text).toContain(
      "monitors/bad.ts (triggers) [M1]: a resource monitor can have at most one SUSPEND trigger",
    );
    expect(text).toContain("monitors/bad.ts (warehouses.0.size) [M1]: unknown warehouse size 'HUGE'");
    expect(text).toContain(
      "monitors/bad.ts (resourceMonitor) [WAREHOUSE WH2]: names resource monitor NO_SUCH_MONITOR, which is not declared",
    );
    expect(text).toContain(
      "roles/bad.ts (parents) [ROLE GRANT R1 -> ROLE GHOST_ROLE]: names parent role GHOST_ROLE, which is not declared",
    );
    expect(text).toContain(
      "roles/bad.ts [GRANT USAGE ON WAREHOUSE NO_WH -> R1]: is on warehouse NO_WH, which is not declared",
    );
    expect(text).toContain("roles/bad.ts [ROLE SYSADMIN]: is a system role and cannot be declared");
    expect(text).toContain(
      "views/ANALYTICS/BROKEN.sql:1 [VIEW MERCURIOS_DATA.ANALYTICS.BROKEN]: does not parse",
    );
    expect(text).toContain("views/ANALYTICS/BADFRONT.sql (front matter.secure)");
    expect(text).toContain("views/NOPE/V.sql [VIEW MERCURIOS_DATA.NOPE.V]: is in schema folder views/NOPE");
    expect(problems).toHaveLength(9);
  });
});

describe("splitFrontMatter", () => {
  it("reads fenced and commented front matter and reports the body line", () => {
    expect(splitFrontMatter("---\ncomment: x\n---\nselect 1\n")).toEqual({
      data: { comment: "x" },
      body: "select 1\n",
      bodyLine: 4,
    });
    expect(splitFrontMatter("/* ---\nsecure: true\n--- */\nselect 1").data).toEqual({ secure: true });
    expect(splitFrontMatter("select 1").data).toBeUndefined();
  });
});
