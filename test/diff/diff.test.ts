import { describe, expect, it } from "vitest";
import { diffModels, isIgnored, summarise } from "../../src/diff/index.js";
import type { GrantObject, ModelObject, ViewObject, WarehouseObject } from "../../src/model/index.js";
import { canonicalSql } from "../../src/model/index.js";
import { policyFromDescribe, rowsOf } from "../../src/introspect/index.js";
import { desiredFrom, liveCopy, liveOf, sampleInput } from "./helpers.js";

describe("diffModels", () => {
  it("finds nothing when live equals desired", () => {
    const desired = desiredFrom(sampleInput);
    const result = diffModels(desired, liveOf(liveCopy(desired)));
    expect(result.differences).toEqual([]);
    expect(result.compared).toHaveLength(desired.objects.size);
  });

  it("reports missing, changed (property, declared, live) and unexpected, each tagged", () => {
    const desired = desiredFrom(sampleInput);
    const live = liveCopy(desired).filter((o) => o.kind !== "future_grant");
    const wh = live.find((o) => o.kind === "warehouse") as WarehouseObject;
    wh.size = "SMALL";
    wh.autoSuspend = null;
    const view = live.find((o) => o.name === "MERCURIOS_DATA.ANALYTICS.DAILY") as ViewObject;
    view.query = "SELECT tenant_id, sale_date, amount FROM standard.sales";
    view.queryCanonical = canonicalSql(view.query);
    const handGrant: GrantObject = {
      kind: "grant",
      name: "SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -> MERCURIOS_ANALYST",
      privilege: "SELECT",
      objectType: "TABLE",
      objectName: "MERCURIOS_DATA.RAW.SALES",
      role: "MERCURIOS_ANALYST",
      grantOption: false,
    };
    live.push(handGrant);
    const result = diffModels(desired, liveOf(live));
    expect(
      result.differences.map((d) => [
        d.kind,
        d.label,
        d.category,
        d.properties.map((p) => [p.label, p.declaredText, p.liveText]),
      ]),
    ).toEqual([
      [
        "changed",
        "WAREHOUSE MERCURIOS_ANALYTICS_WH",
        "cost",
        [
          ["warehouse_size", "XSMALL (X-Small)", "SMALL (Small)"],
          ["auto_suspend", "60", "(unset)"],
        ],
      ],
      ["unexpected", "GRANT SELECT ON TABLE MERCURIOS_DATA.RAW.SALES -> MERCURIOS_ANALYST", "security", []],
      [
        "missing",
        "FUTURE GRANT SELECT ON FUTURE VIEW IN SCHEMA MERCURIOS_DATA.ANALYTICS -> MERCURIOS_ANALYST",
        "security",
        [],
      ],
      [
        "changed",
        "VIEW MERCURIOS_DATA.ANALYTICS.DAILY",
        "schema",
        [
          [
            "query",
            "select tenant_id, sale_date from standard.sales",
            "SELECT tenant_id, sale_date, amount FROM standard.sales",
          ],
        ],
      ],
    ]);
    expect(summarise(result)).toEqual({
      missing: 1,
      changed: 2,
      unexpected: 1,
      byCategory: { security: 2, cost: 1, schema: 1 },
    });
  });

  it("compares a policy's signature by argument names and type families, as DESCRIBE prints it", () => {
    const declare = (type: string) =>
      desiredFrom({
        policies: [
          {
            file: "roles/p.ts",
            value: {
              schema: "ADMIN",
              name: "P",
              signature: [{ name: "row_tenant_id", type }],
              body: "row_tenant_id = current_role()",
            },
          },
        ],
      });
    const [described] = rowsOf({
      queryId: "q",
      sql: "DESCRIBE",
      columns: ["name", "signature", "return_type", "body"].map((name) => ({ name, type: "text" })),
      rows: [["P", "(ROW_TENANT_ID VARCHAR)", "BOOLEAN", "row_tenant_id = current_role()"]],
      rowCount: 1,
    });
    const live = liveOf([
      {
        kind: "row_access_policy",
        name: "MERCURIOS_DATA.ADMIN.P",
        database: "MERCURIOS_DATA",
        schema: "ADMIN",
        ...policyFromDescribe(described!),
      },
    ]);
    // STRING and VARCHAR(100) are VARCHAR to Snowflake: no difference.
    expect(diffModels(declare("string"), live).differences).toEqual([]);
    expect(diffModels(declare("VARCHAR(100)"), live).differences).toEqual([]);
    const changed = diffModels(declare("NUMBER"), live).differences;
    expect(changed.map((d) => d.properties.map((p) => [p.label, p.declaredText, p.liveText]))).toEqual([
      [["signature", "(ROW_TENANT_ID NUMBER)", "(ROW_TENANT_ID VARCHAR)"]],
    ]);
  });

  it("does not report a view whose text differs only in whitespace, case and comments", () => {
    const desired = desiredFrom(sampleInput);
    const live = liveCopy(desired);
    const view = live.find((o) => o.name === "MERCURIOS_DATA.ANALYTICS.DAILY") as ViewObject;
    view.query = "SELECT TENANT_ID,\n   SALE_DATE -- the day\nFROM STANDARD.SALES;";
    view.queryCanonical = canonicalSql(view.query);
    expect(diffModels(desired, liveOf(live)).differences).toEqual([]);
  });

  it("leaves undeclared properties and properties Snowflake cannot report out of the comparison", () => {
    const desired = desiredFrom(sampleInput);
    const live = liveCopy(desired);
    const wh = live.find((o) => o.kind === "warehouse") as WarehouseObject;
    wh.scalingPolicy = "ECONOMY"; // not declared
    const role = live.find((o) => o.kind === "role") as Extract<ModelObject, { kind: "role" }>;
    delete role.comment; // not readable
    expect(diffModels(desired, liveOf(live)).differences).toEqual([]);
  });

  it("ignores objects outside the managed scope, system roles, ownership and config ignore patterns", () => {
    const desired = desiredFrom(sampleInput, ["VIEW MERCURIOS_DATA.ANALYTICS.TMP_*"]);
    const live = liveCopy(desired);
    const extra: ModelObject[] = [
      { kind: "role", name: "SOMEONE_ELSES_ROLE" },
      { kind: "warehouse", name: "COMPUTE_WH", size: "XSMALL" },
      {
        kind: "grant",
        name: "USAGE ON WAREHOUSE COMPUTE_WH -> SYSADMIN",
        privilege: "USAGE",
        objectType: "WAREHOUSE",
        objectName: "COMPUTE_WH",
        role: "SYSADMIN",
      },
      {
        kind: "grant",
        name: "OWNERSHIP ON TABLE MERCURIOS_DATA.RAW.X -> MERCURIOS_ANALYST",
        privilege: "OWNERSHIP",
        objectType: "TABLE",
        objectName: "MERCURIOS_DATA.RAW.X",
        role: "MERCURIOS_ANALYST",
      },
      {
        kind: "view",
        name: "MERCURIOS_DATA.ANALYTICS.TMP_SCRATCH",
        database: "MERCURIOS_DATA",
        schema: "ANALYTICS",
        query: "select 1",
        queryCanonical: "SELECT 1",
      },
      {
        kind: "view",
        name: "OTHER_DB.PUBLIC.V",
        database: "OTHER_DB",
        schema: "PUBLIC",
        query: "select 1",
        queryCanonical: "SELECT 1",
      },
    ];
    expect(diffModels(desired, liveOf([...live, ...extra])).differences).toEqual([]);
    const unmanagedView: ModelObject = {
      kind: "view",
      name: "MERCURIOS_DATA.ANALYTICS.HAND_MADE",
      database: "MERCURIOS_DATA",
      schema: "ANALYTICS",
      query: "select 1",
      queryCanonical: "SELECT 1",
    };
    const result = diffModels(desired, liveOf([...live, unmanagedView]));
    expect(result.differences.map((d) => `${d.kind} ${d.label}`)).toEqual([
      "unexpected VIEW MERCURIOS_DATA.ANALYTICS.HAND_MADE",
    ]);
  });

  it("counts grants produced by a declared future grant as declared", () => {
    const desired = desiredFrom(sampleInput);
    const live = liveCopy(desired);
    const grant = (objectType: string, objectName: string, privilege = "SELECT"): GrantObject => ({
      kind: "grant",
      name: `${privilege} ON ${objectType} ${objectName} -> MERCURIOS_ANALYST`,
      privilege,
      objectType,
      objectName,
      role: "MERCURIOS_ANALYST",
    });
    live.push(grant("VIEW", "MERCURIOS_DATA.ANALYTICS.NEW_VIEW"));
    live.push(grant("VIEW", "MERCURIOS_DATA.RAW.OTHER_VIEW"));
    live.push(grant("TABLE", "MERCURIOS_DATA.ANALYTICS.T"));
    expect(diffModels(desired, liveOf(live)).differences.map((d) => `${d.kind} ${d.label}`)).toEqual([
      "unexpected GRANT SELECT ON TABLE MERCURIOS_DATA.ANALYTICS.T -> MERCURIOS_ANALYST",
      "unexpected GRANT SELECT ON VIEW MERCURIOS_DATA.RAW.OTHER_VIEW -> MERCURIOS_ANALYST",
    ]);
  });

  it("compares tables and columns only when asked (--include tables)", () => {
    const desired = desiredFrom({});
    const table = (columns: { name: string; type: string; nullable: boolean }[]): ModelObject => ({
      kind: "table",
      name: "MERCURIOS_DATA.RAW.SALES",
      database: "MERCURIOS_DATA",
      schema: "RAW",
      columns,
    });
    desired.objects.set(
      "table:MERCURIOS_DATA.RAW.SALES",
      table([{ name: "AMOUNT", type: "NUMBER(12,2)", nullable: true }]),
    );
    const live = liveOf([table([{ name: "AMOUNT", type: "NUMBER(38,0)", nullable: true }])]);
    expect(diffModels(desired, live).differences).toEqual([]);
    const withTables = diffModels(desired, live, { kinds: ["table"] });
    expect(
      withTables.differences.map((d) => [
        d.label,
        d.category,
        d.properties.map((p) => [p.label, p.declaredText, p.liveText]),
      ]),
    ).toEqual([
      [
        "TABLE MERCURIOS_DATA.RAW.SALES",
        "schema",
        [["columns", "AMOUNT NUMBER(12,2)", "AMOUNT NUMBER(38,0)"]],
      ],
    ]);
  });

  it("matches config ignore patterns against '<KIND> <NAME>'", () => {
    const scope = {
      databases: [],
      roles: [],
      warehouses: [],
      monitors: [],
      users: [],
      ignore: ["ROLE GRANT *USER*"],
    };
    const toUser: ModelObject = {
      kind: "role_grant",
      name: "R -> USER ALICE",
      role: "R",
      granteeType: "USER",
      grantee: "ALICE",
    };
    const toRole: ModelObject = {
      kind: "role_grant",
      name: "R -> ROLE SYSADMIN",
      role: "R",
      granteeType: "ROLE",
      grantee: "SYSADMIN",
    };
    expect(isIgnored(toUser, scope)).toBe(true);
    expect(isIgnored(toRole, scope)).toBe(false);
  });
});
