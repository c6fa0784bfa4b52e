import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, record } from "./helpers.js";

let a: Account;
beforeEach(async () => {
  a = await openAccount();
});
afterEach(async () => {
  await a.close();
});

describe("warehouses", () => {
  it("a bare CREATE shows Snowflake's columns, order and defaults", async () => {
    await a.run("create warehouse wh1");
    const t = await a.run("show warehouses");
    expect(t.columns).toEqual([
      "name",
      "state",
      "type",
      "size",
      "min_cluster_count",
      "max_cluster_count",
      "started_clusters",
      "running",
      "queued",
      "is_default",
      "is_current",
      "is_interactive",
      "auto_suspend",
      "auto_resume",
      "available",
      "provisioning",
      "quiescing",
      "other",
      "created_on",
      "resumed_on",
      "updated_on",
      "owner",
      "comment",
      "enable_query_acceleration",
      "query_acceleration_max_scale_factor",
      "resource_monitor",
      "actives",
      "pendings",
      "failed",
      "suspended",
      "uuid",
      "scaling_policy",
      "owner_role_type",
      "resource_constraint",
      "generation",
    ]);
    const row = record(t);
    expect(row).toMatchObject({
      name: "WH1",
      state: "STARTED",
      type: "STANDARD",
      size: "X-Small",
      min_cluster_count: "1",
      max_cluster_count: "1",
      is_current: "Y",
      auto_suspend: "600",
      auto_resume: "true",
      owner: "ACCOUNTADMIN",
      comment: "",
      enable_query_acceleration: "false",
      query_acceleration_max_scale_factor: "8",
      resource_monitor: "null",
      scaling_policy: "STANDARD",
      owner_role_type: "ROLE",
    });
    expect(row.created_on).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/);
  });

  it("accepts every size spelling and shows the display form", async () => {
    const cases: [string, string][] = [
      ["XSMALL", "X-Small"],
      ["'X-SMALL'", "X-Small"],
      ["SMALL", "Small"],
      ["MEDIUM", "Medium"],
      ["XLARGE", "X-Large"],
      ["XXLARGE", "2X-Large"],
      ["X2LARGE", "2X-Large"],
      ["'2X-LARGE'", "2X-Large"],
      ["X6LARGE", "6X-Large"],
    ];
    for (const [i, [spelling]] of cases.entries())
      await a.run(`create warehouse w${i} warehouse_size = ${spelling}`);
    const sizes = await a.column("show warehouses like 'W%'", "size");
    expect(sizes).toEqual(cases.map(([, display]) => display));
  });

  it("CREATE with properties, ALTER SET / UNSET (with Snowflake's quirks), RENAME, SUSPEND / RESUME, DROP", async () => {
    await a.run(
      "create warehouse if not exists etl with warehouse_size = 'MEDIUM' auto_suspend = 120 auto_resume = false initially_suspended = true min_cluster_count = 1 max_cluster_count = 3 scaling_policy = 'ECONOMY' comment = 'loading' enable_query_acceleration = true query_acceleration_max_scale_factor = 4",
    );
    let row = record(await a.run("show warehouses like 'etl'"));
    expect(row).toMatchObject({
      state: "SUSPENDED",
      size: "Medium",
      auto_suspend: "120",
      auto_resume: "false",
      max_cluster_count: "3",
      scaling_policy: "ECONOMY",
      comment: "loading",
      enable_query_acceleration: "true",
      query_acceleration_max_scale_factor: "4",
    });
    await a.run("alter warehouse etl set warehouse_size = LARGE comment = 'nightly'");
    await a.run("alter warehouse etl resume");
    row = record(await a.run("show warehouses like 'ETL'"));
    expect(row).toMatchObject({ state: "STARTED", size: "Large", comment: "nightly" });
    await a.run("alter warehouse etl unset auto_suspend, auto_resume, comment");
    row = record(await a.run("show warehouses like 'ETL'"));
    expect(row).toMatchObject({ auto_suspend: "0", auto_resume: "false", comment: "" });
    expect((await a.error("alter warehouse etl unset warehouse_type")).message).toContain(
      "invalid type of property 'null' for 'WAREHOUSE_TYPE'",
    );
    await a.run("alter warehouse etl suspend");
    expect((await a.error("alter warehouse etl suspend")).message).toContain("cannot be suspended");
    await a.run("alter warehouse etl resume if suspended", "alter warehouse etl resume if suspended");
    await a.run("alter warehouse etl rename to etl2");
    expect(await a.column("show warehouses", "name")).toEqual(["ETL2"]);
    expect(await a.run("drop warehouse etl2")).toEqual({
      columns: ["status"],
      rows: [["ETL2 successfully dropped."]],
    });
    expect((await a.run("show warehouses")).rows).toEqual([]);
  });

  it("bad DDL fails with Snowflake's errors", async () => {
    await a.run("create warehouse wh");
    const exists = await a.error("create warehouse wh");
    expect([exists.code, exists.message]).toEqual([
      "002002",
      "SQL compilation error:\nObject 'WH' already exists.",
    ]);
    const size = await a.error("create warehouse w2 warehouse_size = HUGE");
    expect(size.message).toContain("invalid value 'HUGE' for property 'WAREHOUSE_SIZE'");
    const prop = await a.error("create warehouse w3 colour = 'blue'");
    expect(prop.code).toBe("001003");
    const missing = await a.error("drop warehouse nope");
    expect([missing.code, missing.message]).toEqual([
      "002003",
      "SQL compilation error:\nWarehouse 'NOPE' does not exist or not authorized.",
    ]);
    const monitor = await a.error("alter warehouse wh set resource_monitor = nobody");
    expect(monitor.code).toBe("002003");
    await a.run("drop warehouse if exists nope");
  });

  it("LIKE is case-insensitive with % and _, STARTS WITH is case-sensitive, LIMIT … FROM pages", async () => {
    for (const n of ["ANALYTICS_WH", "DEV_WH", "LOADING_WH", "TASK_WH"]) await a.run(`create warehouse ${n}`);
    expect(await a.column("show warehouses like '%_wh'", "name")).toEqual([
      "ANALYTICS_WH",
      "DEV_WH",
      "LOADING_WH",
      "TASK_WH",
    ]);
    expect(await a.column("show warehouses like 'd_v%'", "name")).toEqual(["DEV_WH"]);
    expect(await a.column("show warehouses starts with 'LOA'", "name")).toEqual(["LOADING_WH"]);
    expect(await a.column("show warehouses starts with 'loa'", "name")).toEqual([]);
    // FROM is a cursor: the rows after that name (drivers page on with the last name of a page).
    expect(await a.column("show warehouses limit 2 from 'DEV_WH'", "name")).toEqual(["LOADING_WH", "TASK_WH"]);
  });

  it("SHOW PARAMETERS IN WAREHOUSE, DESCRIBE WAREHOUSE and GET_DDL", async () => {
    await a.run("create warehouse wh statement_timeout_in_seconds = 3600");
    const params = await a.run("show parameters in warehouse wh");
    expect(params.columns).toEqual(["key", "value", "default", "level", "description", "type"]);
    expect(params.rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ["MAX_CONCURRENCY_LEVEL", "8", "8", ""],
      ["STATEMENT_QUEUED_TIMEOUT_IN_SECONDS", "0", "0", ""],
      ["STATEMENT_TIMEOUT_IN_SECONDS", "3600", "172800", "WAREHOUSE"],
    ]);
    const desc = await a.run("describe warehouse wh");
    expect(desc.columns).toEqual(["created_on", "name", "kind"]);
    expect(desc.rows[0]?.slice(1)).toEqual(["WH", "WAREHOUSE"]);
    const ddl = await a.run("select get_ddl('WAREHOUSE', 'wh')");
    expect(ddl.rows[0]?.[0]).toContain("create or replace warehouse WH");
  });

  it("USE WAREHOUSE sets CURRENT_WAREHOUSE(); unknown warehouses fail", async () => {
    await a.run("create warehouse one", "create warehouse two", "use warehouse one");
    expect((await a.run("select current_warehouse()")).rows).toEqual([["ONE"]]);
    expect((await a.error("use warehouse three")).code).toBe("002003");
  });
});
