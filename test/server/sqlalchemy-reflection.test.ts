/**
 * What SQLAlchemy's Snowflake dialect (snowflake-sqlalchemy, snowdialect.py and
 * structured_type_info_manager.py) sends to reflect a schema, sent verbatim through the real
 * snowflake-sdk: on connect, has_table, get_columns, get_pk_constraint, get_foreign_keys,
 * get_unique_constraints, get_indexes, get_table_names, get_view_names, get_schema_names, the
 * schema-wide get_multi_columns query, get_view_definition and get_table_comment. Each answer is
 * checked the way the dialect reads it (column names it looks up, values it compares).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type RunningServer, startServer } from "../../src/engine/server/index.js";
import type { Engine } from "../../src/engine/types.js";
import { connectSdk, destroy, execute, type SdkConnection } from "./sdk.js";

let engine: Engine;
let server: RunningServer;
let connection: SdkConnection;

beforeAll(async () => {
  engine = await openEngine({ path: ":memory:" });
  server = await startServer(engine);
  connection = await connectSdk(server.url);
  for (const ddl of [
    "CREATE DATABASE SA_DB",
    "CREATE SCHEMA SA_DB.OTHER",
    "USE SCHEMA SA_DB.PUBLIC",
    `CREATE TABLE CUSTOMERS (
       ID NUMBER(38,0) AUTOINCREMENT START 1 INCREMENT 1 PRIMARY KEY,
       EMAIL VARCHAR(200) NOT NULL UNIQUE,
       NAME VARCHAR(100) COMMENT 'full name'
     ) COMMENT = 'who buys'`,
    `CREATE TABLE ORDERS (
       ORDER_ID NUMBER(38,0) NOT NULL,
       LINE NUMBER(5,0) NOT NULL,
       CUSTOMER_ID NUMBER(38,0),
       AMOUNT NUMBER(12,2) DEFAULT 0,
       CONSTRAINT PK_ORDERS PRIMARY KEY (ORDER_ID, LINE),
       CONSTRAINT FK_CUSTOMER FOREIGN KEY (CUSTOMER_ID) REFERENCES CUSTOMERS (ID) ON DELETE CASCADE
     )`,
    "CREATE VIEW BIG_ORDERS AS SELECT ORDER_ID, AMOUNT FROM ORDERS WHERE AMOUNT > 100",
  ])
    await execute(connection, ddl);
});
afterAll(async () => {
  await destroy(connection);
  await server?.close();
  await engine?.close();
});

/** Rows as objects keyed by the column names the dialect looks up (`row._mapping[...]`). */
async function mapped(sqlText: string): Promise<Record<string, unknown>[]> {
  return (await execute(connection, sqlText)).rows;
}

/** Rows as tuples (`row[1]`, `row[name_to_index_map[...]]`). */
async function tuples(sqlText: string): Promise<unknown[][]> {
  const { statement, rows } = await execute(connection, sqlText);
  const names = (statement.getColumns() ?? []).map((c) => c.getName());
  return rows.map((row) => names.map((name) => row[name]));
}

describe("SQLAlchemy's Snowflake dialect reflecting a schema", () => {
  it("connects: the current database and schema, and a server version of dotted integers", async () => {
    expect(await tuples("select current_database(), current_schema();")).toEqual([["SA_DB", "PUBLIC"]]);
    const [[version]] = (await tuples("SELECT CURRENT_VERSION()")) as [[string]];
    // _get_server_version_info: tuple(int(x) for x in version.split()[0].split("."))
    expect(
      version
        .split(" ")[0]!
        .split(".")
        .every((part) => /^\d+$/.test(part)),
    ).toBe(true);
  });

  it("has_table: DESC with the dialect's comment finds a table and refuses a missing one", async () => {
    expect((await tuples("DESC TABLE /* sqlalchemy:_has_object */ CUSTOMERS")).length).toBe(3);
    await expect(execute(connection, "DESC TABLE /* sqlalchemy:_has_object */ NO_SUCH")).rejects.toThrow(
      /does not exist/,
    );
  });

  it("get_columns: DESC … TYPE = COLUMNS gives name, type, null?, default, primary key and comment", async () => {
    const rows = await tuples(
      'DESC /* sqlalchemy:_get_schema_columns */ TABLE "PUBLIC"."CUSTOMERS" TYPE = COLUMNS',
    );
    // _parse_desc_result reads [0] name, [1] type, [3] null?, [4] default, [5] primary key, [9] comment.
    expect(rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[9]])).toEqual([
      ["ID", "NUMBER(38,0)", "N", "IDENTITY START 1 INCREMENT 1 NOORDER", "Y", null],
      ["EMAIL", "VARCHAR(200)", "N", null, "N", null],
      ["NAME", "VARCHAR(100)", "Y", null, "N", "full name"],
    ]);
    // The identity default must match the dialect's pattern for autoincrement columns.
    expect(rows[0]![4]).toMatch(/IDENTITY START (\d+) INCREMENT (\d+) (ORDER|NOORDER)/);
    // unique key ([6]) marks EMAIL.
    expect(rows.map((r) => r[6])).toEqual(["N", "Y", "N"]);
  });

  it("get_pk_constraint: SHOW PRIMARY KEYS IN TABLE, columns in key order, with the constraint's name", async () => {
    const rows = await mapped(
      'SHOW /* sqlalchemy:_get_table_primary_keys */ PRIMARY KEYS IN TABLE "PUBLIC"."ORDERS"',
    );
    expect(rows.map((r) => [r.table_name, r.column_name, r.key_sequence, r.constraint_name])).toEqual([
      ["ORDERS", "ORDER_ID", 1, "PK_ORDERS"],
      ["ORDERS", "LINE", 2, "PK_ORDERS"],
    ]);
    const inline = await mapped(
      'SHOW /* sqlalchemy:_get_table_primary_keys */ PRIMARY KEYS IN TABLE "PUBLIC"."CUSTOMERS"',
    );
    expect(inline.map((r) => [r.column_name, r.key_sequence])).toEqual([["ID", 1]]);
    expect(String(inline[0]!.constraint_name)).toMatch(/^SYS_CONSTRAINT_[0-9a-f-]{36}$/);
  });

  it("get_foreign_keys: SHOW IMPORTED KEYS IN TABLE, with both ends and the rules", async () => {
    const rows = await mapped(
      'SHOW /* sqlalchemy:_get_table_foreign_keys */ IMPORTED KEYS IN TABLE "PUBLIC"."ORDERS"',
    );
    expect(
      rows.map((r) => [
        r.fk_name,
        r.fk_table_name,
        r.fk_column_name,
        r.pk_database_name,
        r.pk_schema_name,
        r.pk_table_name,
        r.pk_column_name,
        r.key_sequence,
        r.delete_rule,
        r.update_rule,
      ]),
    ).toEqual([
      [
        "FK_CUSTOMER",
        "ORDERS",
        "CUSTOMER_ID",
        "SA_DB",
        "PUBLIC",
        "CUSTOMERS",
        "ID",
        1,
        "CASCADE",
        "NO ACTION",
      ],
    ]);
    expect(
      await mapped(
        'SHOW /* sqlalchemy:_get_table_foreign_keys */ IMPORTED KEYS IN TABLE "PUBLIC"."CUSTOMERS"',
      ),
    ).toEqual([]);
  });

  it("get_unique_constraints and get_indexes: SHOW UNIQUE KEYS and (empty, hybrid tables only) SHOW INDEXES", async () => {
    const unique = await mapped(
      'SHOW /* sqlalchemy:_get_table_unique_constraints */ UNIQUE KEYS IN TABLE "PUBLIC"."CUSTOMERS"',
    );
    expect(unique.map((r) => [r.table_name, r.column_name, r.key_sequence])).toEqual([
      ["CUSTOMERS", "EMAIL", 1],
    ]);
    const { statement, rows } = await execute(
      connection,
      'SHOW /* sqlalchemy:_get_table_indexes */ INDEXES IN TABLE "PUBLIC"."CUSTOMERS"',
    );
    expect(rows).toEqual([]);
    const names = (statement.getColumns() ?? []).map((c) => c.getName());
    for (const read of ["name", "table", "is_unique", "columns", "included_columns"])
      expect(names).toContain(read);
  });

  it("get_table_names, get_view_names, get_schema_names: SHOW … LIMIT 10000", async () => {
    const tables = await tuples(
      'SHOW /* sqlalchemy:get_schema_tables_info */ TABLES IN SCHEMA "SA_DB"."PUBLIC" LIMIT 10000',
    );
    expect(tables.map((r) => r[1])).toEqual(["CUSTOMERS", "ORDERS"]);
    const views = await tuples('SHOW /* sqlalchemy:get_view_names */ VIEWS IN "SA_DB"."PUBLIC" LIMIT 10000');
    expect(views.map((r) => r[1])).toEqual(["BIG_ORDERS"]);
    const schemas = await tuples("SHOW /* sqlalchemy:get_schema_names */ SCHEMAS LIMIT 10000");
    expect(schemas.map((r) => r[1])).toEqual(["INFORMATION_SCHEMA", "OTHER", "PUBLIC"]);
  });

  it("pages SHOW output with LIMIT … FROM the last name seen", async () => {
    const first = await tuples("SHOW /* sqlalchemy:get_schema_names */ SCHEMAS LIMIT 2");
    expect(first.map((r) => r[1])).toEqual(["INFORMATION_SCHEMA", "OTHER"]);
    const next = await tuples("SHOW /* sqlalchemy:get_schema_names */ SCHEMAS LIMIT 2 FROM 'OTHER'");
    expect(next.map((r) => r[1])).toEqual(["PUBLIC"]);
  });

  it("get_multi_columns: the schema-wide information_schema query and SHOW PRIMARY KEYS IN SCHEMA", async () => {
    const rows = await tuples(`
            SELECT /* sqlalchemy:_get_schema_columns */
                   ic.table_name,
                   ic.column_name,
                   ic.data_type,
                   ic.character_maximum_length,
                   ic.numeric_precision,
                   ic.numeric_scale,
                   ic.is_nullable,
                   ic.column_default,
                   ic.is_identity,
                   ic.comment,
                   ic.identity_start,
                   ic.identity_increment,
                   ic.identity_generation,
                   ic.identity_cycle,
                   ic.identity_ordered,
                   ic.data_type_alias
              FROM "SA_DB".information_schema.columns ic
             WHERE ic.table_schema='PUBLIC'
             ORDER BY ic.ordinal_position`);
    const customers = rows.filter((r) => r[0] === "CUSTOMERS");
    expect(customers.map((r) => r.slice(1))).toEqual([
      [
        "ID",
        "NUMBER",
        null,
        38,
        0,
        "NO",
        null,
        "YES",
        null,
        "1",
        "1",
        "BY DEFAULT",
        "NO",
        "YES",
        "NUMBER(38,0)",
      ],
      [
        "EMAIL",
        "TEXT",
        200,
        null,
        null,
        "NO",
        null,
        "NO",
        null,
        null,
        null,
        null,
        null,
        null,
        "VARCHAR(200)",
      ],
      [
        "NAME",
        "TEXT",
        100,
        null,
        null,
        "YES",
        null,
        "NO",
        "full name",
        null,
        null,
        null,
        null,
        null,
        "VARCHAR(100)",
      ],
    ]);
    const amount = rows.find((r) => r[0] === "ORDERS" && r[1] === "AMOUNT");
    expect(amount?.slice(2, 8)).toEqual(["NUMBER", null, 12, 2, "YES", "0"]);
    const keys = await mapped(
      'SHOW /* sqlalchemy:_get_schema_primary_keys */ PRIMARY KEYS IN SCHEMA "SA_DB"."PUBLIC"',
    );
    expect(keys.map((r) => [r.table_name, r.column_name])).toEqual([
      ["CUSTOMERS", "ID"],
      ["ORDERS", "ORDER_ID"],
      ["ORDERS", "LINE"],
    ]);
  });

  it("get_view_definition and get_table_comment: SHOW … LIKE with the text and comment columns", async () => {
    const [view] = await mapped(
      "SHOW /* sqlalchemy:get_view_definition */ VIEWS LIKE 'BIG_ORDERS' IN PUBLIC",
    );
    expect(view?.text).toBe(
      "CREATE VIEW BIG_ORDERS AS SELECT ORDER_ID, AMOUNT FROM ORDERS WHERE AMOUNT > 100",
    );
    const [table] = await mapped(
      `SHOW /* sqlalchemy:_get_table_comment */ TABLES LIKE 'CUSTOMERS' IN SCHEMA "SA_DB"."PUBLIC"`,
    );
    expect(table?.comment).toBe("who buys");
  });

  it("SHOW OBJECTS lists tables and views with Snowflake's columns", async () => {
    const rows = await mapped('SHOW OBJECTS IN SCHEMA "SA_DB"."PUBLIC"');
    expect(rows.map((r) => [r.name, r.kind, r.database_name, r.schema_name])).toEqual([
      ["BIG_ORDERS", "VIEW", "SA_DB", "PUBLIC"],
      ["CUSTOMERS", "TABLE", "SA_DB", "PUBLIC"],
      ["ORDERS", "TABLE", "SA_DB", "PUBLIC"],
    ]);
    expect(Object.keys(rows[0]!)).toEqual([
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "kind",
      "comment",
      "cluster_by",
      "rows",
      "bytes",
      "owner",
      "retention_time",
      "owner_role_type",
      "budget",
      "is_hybrid",
      "is_dynamic",
      "is_iceberg",
    ]);
  });
});
