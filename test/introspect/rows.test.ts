import { describe, expect, it } from "vitest";
import type { QueryResult } from "../../src/driver/types.js";
import {
  futureGrantsFromRows,
  grantsFromRows,
  monitorFromRow,
  policyFromDescribe,
  roleGrantsOfRows,
  rowsOf,
  runPooled,
  tablesFromColumnRows,
  taskFromRow,
  userFromRow,
  viewFromRow,
  warehouseFromRow,
} from "../../src/introspect/index.js";

function result(columns: string[], rows: (string | null)[][]): QueryResult {
  return {
    queryId: "q",
    sql: "SHOW",
    columns: columns.map((name) => ({ name, type: "text" })),
    rows,
    rowCount: rows.length,
  };
}

describe("SHOW rows into the model", () => {
  it("reads SHOW WAREHOUSES by column name, tolerating unknown columns and display formats", () => {
    const [row] = rowsOf(
      result(
        [
          "name",
          "state",
          "type",
          "size",
          "min_cluster_count",
          "max_cluster_count",
          "auto_suspend",
          "auto_resume",
          "available",
          "comment",
          "enable_query_acceleration",
          "resource_monitor",
          "scaling_policy",
          "brand_new_bundle_column",
        ],
        [
          [
            "MERCURIOS_DEV_WH",
            "SUSPENDED",
            "STANDARD",
            "2X-Large",
            "1",
            "1",
            null,
            "true",
            " 100",
            "",
            "false",
            "null",
            "STANDARD",
            "x",
          ],
        ],
      ),
    );
    expect(warehouseFromRow(row!)).toEqual({
      kind: "warehouse",
      name: "MERCURIOS_DEV_WH",
      size: "XXLARGE",
      type: "STANDARD",
      minClusterCount: 1,
      maxClusterCount: 1,
      scalingPolicy: "STANDARD",
      autoSuspend: null,
      autoResume: true,
      resourceMonitor: null,
      enableQueryAcceleration: false,
      comment: null,
    });
  });

  it("reads SHOW RESOURCE MONITORS triggers, quotas and users", () => {
    const [row] = rowsOf(
      result(
        [
          "name",
          "credit_quota",
          "used_credits",
          "frequency",
          "end_time",
          "notify_at",
          "suspend_at",
          "suspend_immediately_at",
          "notify_users",
        ],
        [["MERCURIOS_DEV_MONITOR", "5.00", "0.00", "MONTHLY", "", "75%,50%", "100%", null, "OPS, ADMIN"]],
      ),
    );
    expect(monitorFromRow(row!)).toEqual({
      kind: "resource_monitor",
      name: "MERCURIOS_DEV_MONITOR",
      creditQuota: 5,
      frequency: "MONTHLY",
      endTimestamp: null,
      notifyUsers: ["ADMIN", "OPS"],
      triggers: [
        { percent: 50, action: "NOTIFY" },
        { percent: 75, action: "NOTIFY" },
        { percent: 100, action: "SUSPEND" },
      ],
    });
  });

  it("splits SHOW GRANTS TO ROLE into privileges and inherited roles, dropping phantom grants", () => {
    const rows = rowsOf(
      result(
        [
          "created_on",
          "privilege",
          "granted_on",
          "name",
          "granted_to",
          "grantee_name",
          "grant_option",
          "granted_by",
        ],
        [
          [
            null,
            "USAGE",
            "WAREHOUSE",
            "MERCURIOS_ANALYTICS_WH",
            "ROLE",
            "MERCURIOS_ANALYST",
            "false",
            "SYSADMIN",
          ],
          [
            null,
            "SELECT",
            "MATERIALIZED_VIEW",
            "DB.S.SEARCH_IDX_MV_1",
            "ROLE",
            "MERCURIOS_ANALYST",
            "false",
            "",
          ],
          [null, "USAGE", "ROLE", "MERCURIOS_READER", "ROLE", "MERCURIOS_ANALYST", "false", "SECURITYADMIN"],
          [null, "MONITOR USAGE", "ACCOUNT", "AB12345", "ROLE", "MERCURIOS_ANALYST", "true", "ACCOUNTADMIN"],
        ],
      ),
    );
    expect(grantsFromRows(rows).map((g) => g.name)).toEqual([
      "USAGE ON WAREHOUSE MERCURIOS_ANALYTICS_WH -> MERCURIOS_ANALYST",
      "MERCURIOS_READER -> ROLE MERCURIOS_ANALYST",
      "MONITOR USAGE ON ACCOUNT -> MERCURIOS_ANALYST",
    ]);
    expect(grantsFromRows(rows)[2]).toMatchObject({ grantOption: true, objectName: "" });
  });

  it("reads OWNERSHIP on a role as the owner's grant, not as the role granted to its owner", () => {
    // SHOW GRANTS TO ROLE ACCOUNTADMIN after ACCOUNTADMIN created MERCURIOS_ADMIN: it owns the role,
    // and nothing granted the role to it (SHOW GRANTS OF ROLE MERCURIOS_ADMIN does not list it).
    const rows = rowsOf(
      result(
        ["privilege", "granted_on", "name", "granted_to", "grantee_name", "grant_option"],
        [
          ["OWNERSHIP", "ROLE", "MERCURIOS_ADMIN", "ROLE", "ACCOUNTADMIN", "true"],
          ["USAGE", "ROLE", "SYSADMIN", "ROLE", "ACCOUNTADMIN", "false"],
        ],
      ),
    );
    expect(grantsFromRows(rows).map((g) => `${g.kind} ${g.name}`)).toEqual([
      "grant OWNERSHIP ON ROLE MERCURIOS_ADMIN -> ACCOUNTADMIN",
      "role_grant SYSADMIN -> ROLE ACCOUNTADMIN",
    ]);
  });

  it("reads SHOW GRANTS OF ROLE holders and SHOW FUTURE GRANTS placeholders", () => {
    const of = rowsOf(
      result(
        ["created_on", "role", "granted_to", "grantee_name", "granted_by"],
        [
          [null, "MERCURIOS_ANALYST", "ROLE", "SYSADMIN", ""],
          [null, "MERCURIOS_ANALYST", "USER", "FIVETRAN_USER", ""],
        ],
      ),
    );
    expect(roleGrantsOfRows("MERCURIOS_ANALYST", of).map((g) => g.name)).toEqual([
      "MERCURIOS_ANALYST -> ROLE SYSADMIN",
      "MERCURIOS_ANALYST -> USER FIVETRAN_USER",
    ]);
    const future = rowsOf(
      result(
        ["created_on", "privilege", "grant_on", "name", "grant_to", "grantee_name", "grant_option"],
        [
          [null, "SELECT", "VIEW", "MERCURIOS_DATA.ANALYTICS.<VIEW>", "ROLE", "MERCURIOS_ANALYST", "false"],
          [null, "SELECT", "TABLE", "MERCURIOS_DATA.<TABLE>", "ROLE", "MERCURIOS_ANALYST", "false"],
        ],
      ),
    );
    expect(futureGrantsFromRows(future).map((g) => g.name)).toEqual([
      "SELECT ON FUTURE VIEW IN SCHEMA MERCURIOS_DATA.ANALYTICS -> MERCURIOS_ANALYST",
      "SELECT ON FUTURE TABLE IN DATABASE MERCURIOS_DATA -> MERCURIOS_ANALYST",
    ]);
  });

  it("reads SHOW VIEWS text as the query and skips materialized views", () => {
    const rows = rowsOf(
      result(
        ["name", "database_name", "schema_name", "comment", "text", "is_secure", "is_materialized"],
        [
          [
            "DAILY",
            "MERCURIOS_DATA",
            "ANALYTICS",
            "Daily",
            "CREATE OR REPLACE VIEW MERCURIOS_DATA.ANALYTICS.DAILY COPY GRANTS AS\nselect a from standard.sales;",
            "false",
            "false",
          ],
          [
            "MV",
            "MERCURIOS_DATA",
            "ANALYTICS",
            "",
            "create materialized view mv as select 1",
            "false",
            "true",
          ],
        ],
      ),
    );
    expect(viewFromRow(rows[0]!)).toEqual({
      kind: "view",
      name: "MERCURIOS_DATA.ANALYTICS.DAILY",
      database: "MERCURIOS_DATA",
      schema: "ANALYTICS",
      query: "select a from standard.sales",
      queryCanonical: "SELECT A FROM STANDARD . SALES",
      secure: false,
      comment: "Daily",
      dependsOn: ["MERCURIOS_DATA.STANDARD.SALES"],
    });
    expect(viewFromRow(rows[1]!)).toBeUndefined();
  });

  it("reads SHOW USERS and SHOW TASKS", () => {
    const [user] = rowsOf(
      result(
        [
          "name",
          "login_name",
          "default_role",
          "default_warehouse",
          "default_namespace",
          "disabled",
          "has_rsa_public_key",
          "type",
          "comment",
        ],
        [
          [
            "FIVETRAN_USER",
            "fivetran_user",
            "MERCURIOS_FIVETRAN_SERVICE",
            "",
            null,
            "false",
            "true",
            "SERVICE",
            "",
          ],
        ],
      ),
    );
    expect(userFromRow(user!)).toEqual({
      kind: "user",
      name: "FIVETRAN_USER",
      type: "SERVICE",
      loginName: "FIVETRAN_USER",
      defaultRole: "MERCURIOS_FIVETRAN_SERVICE",
      defaultWarehouse: null,
      defaultNamespace: null,
      disabled: false,
      hasRsaPublicKey: true,
      comment: null,
    });
    const [task] = rowsOf(
      result(
        [
          "name",
          "database_name",
          "schema_name",
          "warehouse",
          "schedule",
          "predecessors",
          "state",
          "definition",
          "condition",
          "comment",
        ],
        [
          [
            "T2",
            "MERCURIOS_DATA",
            "ADMIN",
            "MERCURIOS_TASK_WH",
            null,
            '["MERCURIOS_DATA.ADMIN.T1"]',
            "suspended",
            "select 1",
            null,
            "",
          ],
        ],
      ),
    );
    expect(taskFromRow(task!)).toEqual({
      kind: "task",
      name: "MERCURIOS_DATA.ADMIN.T2",
      database: "MERCURIOS_DATA",
      schema: "ADMIN",
      warehouse: "MERCURIOS_TASK_WH",
      schedule: null,
      after: ["MERCURIOS_DATA.ADMIN.T1"],
      condition: null,
      definition: "select 1",
      definitionCanonical: "SELECT 1",
      state: "suspended",
      comment: null,
    });
  });

  it("groups SHOW COLUMNS rows into tables with DESCRIBE-style types", () => {
    const rows = rowsOf(
      result(
        ["table_name", "schema_name", "column_name", "data_type", "null?", "kind", "database_name"],
        [
          [
            "SALES",
            "RAW",
            "AMOUNT",
            '{"type":"FIXED","precision":12,"scale":2,"nullable":true}',
            "true",
            "COLUMN",
            "MERCURIOS_DATA",
          ],
          [
            "SALES",
            "RAW",
            "ID",
            '{"type":"TEXT","length":36,"nullable":false}',
            "false",
            "COLUMN",
            "MERCURIOS_DATA",
          ],
        ],
      ),
    );
    expect(tablesFromColumnRows(rows)).toEqual([
      {
        kind: "table",
        name: "MERCURIOS_DATA.RAW.SALES",
        database: "MERCURIOS_DATA",
        schema: "RAW",
        columns: [
          { name: "AMOUNT", type: "NUMBER(12,2)", nullable: true },
          { name: "ID", type: "VARCHAR(36)", nullable: false },
        ],
      },
    ]);
  });

  it("runs jobs with a bounded pool, keeping order", async () => {
    let running = 0;
    let peak = 0;
    const jobs = Array.from({ length: 10 }, (_, i) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return i * 2;
    });
    expect(await runPooled(jobs, 3)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(peak).toBe(3);
  });

  it("qualifies DATABASE_ROLE owners with the object's database", () => {
    const rows = rowsOf(
      result(
        ["name", "database_name", "schema_name", "owner", "owner_role_type", "text", "is_secure"],
        [
          [
            "V",
            "MERCURIOS_DATA",
            "ANALYTICS",
            "READER",
            "DATABASE_ROLE",
            "create view v as select 1",
            "false",
          ],
          ["W", "MERCURIOS_DATA", "ANALYTICS", "SYSADMIN", "ROLE", "create view w as select 1", "false"],
        ],
      ),
    );
    expect(rows.map((r) => (viewFromRow(r) as { owner?: string }).owner)).toEqual([
      "MERCURIOS_DATA.READER",
      "SYSADMIN",
    ]);
  });

  it("reads DESCRIBE ROW ACCESS POLICY: body and signature, types compared by family", () => {
    const rows = rowsOf(
      result(
        ["name", "signature", "return_type", "body"],
        [
          ["P", "(ROW_TENANT_ID VARCHAR)", "BOOLEAN", "\n  row_tenant_id = current_role()\n"],
          ["Q", '(A NUMBER(38,0), "b c" VARCHAR(10), T TIMESTAMP_LTZ(9))', "BOOLEAN", "a > 0"],
        ],
      ),
    );
    expect(policyFromDescribe(rows[0]!)).toEqual({
      body: "ROW_TENANT_ID = CURRENT_ROLE ( )",
      bodyText: "row_tenant_id = current_role()",
      signature: [{ name: "ROW_TENANT_ID", type: "VARCHAR" }],
      signatureCanonical: "ROW_TENANT_ID VARCHAR",
    });
    // Commas inside a type's parentheses and quoted argument names do not split arguments.
    expect(policyFromDescribe(rows[1]!)).toMatchObject({
      signature: [
        { name: "A", type: "NUMBER(38,0)" },
        { name: '"b c"', type: "VARCHAR(10)" },
        { name: "T", type: "TIMESTAMP_LTZ(9)" },
      ],
      signatureCanonical: 'A NUMBER, "b c" VARCHAR, T TIMESTAMP_LTZ',
    });
  });

  it("keeps a task's condition as Snowflake reports it, for writing it back, and compares it as tokens", () => {
    const [row] = rowsOf(
      result(
        ["name", "database_name", "schema_name", "condition", "definition"],
        [["T", "DB", "S", "system$stream_has_data('RAW.SALES_STREAM')", "select 1"]],
      ),
    );
    expect(taskFromRow(row!)).toMatchObject({
      condition: "SYSTEM$STREAM_HAS_DATA ( 'RAW.SALES_STREAM' )",
      conditionText: "system$stream_has_data('RAW.SALES_STREAM')",
    });
  });

  it("reads a person's display name, first and last name and email from SHOW USERS", () => {
    const rows = rowsOf(
      result(
        ["name", "login_name", "display_name", "first_name", "last_name", "email", "type"],
        [
          ["JANE", "JANE@EXAMPLE.COM", "Jane Doe", "Jane", "Doe", "jane@example.com", "PERSON"],
          ["LOADER", "LOADER", "LOADER", null, "", "NULL", "SERVICE"],
        ],
      ),
    );
    expect(userFromRow(rows[0]!)).toMatchObject({
      displayName: "Jane Doe",
      firstName: "Jane",
      lastName: "Doe",
      email: "jane@example.com",
    });
    expect(userFromRow(rows[1]!)).toMatchObject({
      displayName: "LOADER",
      firstName: null,
      lastName: null,
      email: null,
    });
  });
});
