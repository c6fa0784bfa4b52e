/**
 * GET_DDL's documented rewriting rules (the GET_DDL page's usage notes): for views, lower-case
 * `create or replace [secure] view`, the column list generated, COPY GRANTS and comments before AS
 * dropped, fully qualified names on request; for tables, constraints out of line; for UDFs and
 * procedures, type aliases in standard spelling. And CHANGE_TRACKING on a view, which SHOW VIEWS
 * reports.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount } from "./helpers.js";

let account: Account;
beforeEach(async () => {
  account = await openAccount();
  await account.run("create database d", "create table t (x int, s varchar)");
});
afterEach(async () => {
  await account.close();
});

async function ddl(call: string): Promise<string | null> {
  return (await account.run(`select ${call}`)).rows[0]![0]!;
}

describe("GET_DDL of a view", () => {
  it("writes the head in lower case with OR REPLACE and SECURE, without COPY GRANTS or comments", async () => {
    await account.run("CREATE SECURE VIEW My_View COPY GRANTS -- why\n  AS SELECT x FROM t");
    expect(await ddl("get_ddl('view', 'my_view')")).toBe(
      "create or replace secure view My_View(\n\tX\n) AS SELECT x FROM t;",
    );
  });

  it("generates the column list, one column a line with its comment, in place of a written one", async () => {
    await account.run("CREATE VIEW v2 (a COMMENT 'kept as is', b) AS SELECT x, s FROM t");
    expect(await ddl("get_ddl('view', 'v2')")).toBe(
      "create or replace view v2(\n\tA COMMENT 'kept as is',\n\tB\n) AS SELECT x, s FROM t;",
    );
    await account.run(`create view v4 comment = 'as is' as select x as "lower", s from t`);
    expect(await ddl("get_ddl('view', 'v4')")).toBe(
      `create or replace view v4(\n\t"lower",\n\tS\n) comment = 'as is' as select x as "lower", s from t;`,
    );
  });

  it("qualifies the view's own name when asked, not the names it reads", async () => {
    await account.run("create or replace view v3 as select x from t");
    expect(await ddl("get_ddl('view', 'v3', true)")).toBe(
      "create or replace view D.PUBLIC.V3(\n\tX\n) as select x from t;",
    );
    const schema = await ddl("get_ddl('schema', 'public', true)");
    expect(schema).toContain("\n\ncreate or replace view D.PUBLIC.V3(\n\tX\n) as select x from t;\n");
    expect(schema).toContain("create or replace TABLE D.PUBLIC.T (\n");
  });
});

describe("GET_DDL of a table with constraints", () => {
  it("writes them out of line after the columns, in lower case, named only when the user named them", async () => {
    await account.run(
      "create table pk_t (id int primary key, name varchar, code int unique)",
      "create table fk_t (a int, b int, constraint fk_t_pk primary key (a, b), foreign key (b) references pk_t (id))",
    );
    expect(await ddl("get_ddl('table', 'pk_t')")).toBe(
      [
        "create or replace TABLE PK_T (",
        "\tID NUMBER(38,0) NOT NULL,",
        "\tNAME VARCHAR(16777216),",
        "\tCODE NUMBER(38,0),",
        "\tprimary key (ID),",
        "\tunique (CODE)",
        ");",
      ].join("\n"),
    );
    const fk = await ddl("get_ddl('table', 'fk_t')");
    expect(fk).toContain(
      ",\n\tconstraint FK_T_PK primary key (A, B),\n\tforeign key (B) references D.PUBLIC.PK_T(ID)\n);",
    );
  });
});

describe("GET_DDL of a UDF", () => {
  it("writes argument and return types in their standard spelling and finds the function by type kind", async () => {
    await account.run("create function f(a int, b string) returns string as 'b || a'");
    const expected = [
      'CREATE OR REPLACE FUNCTION "F"("A" NUMBER(38,0), "B" VARCHAR(16777216))',
      "RETURNS VARCHAR(16777216)",
      "LANGUAGE SQL",
      "AS 'b || a';",
    ].join("\n");
    expect(await ddl("get_ddl('function', 'f(number, varchar)')")).toBe(expected);
    expect(await ddl("get_ddl('function', 'f(int, string)')")).toBe(expected);
  });
});

describe("SHOW VIEWS change_tracking", () => {
  it("is ON for a view created with CHANGE_TRACKING = TRUE", async () => {
    await account.run(
      "create view tracked change_tracking = true as select x from t",
      "create view plain as select x from t",
    );
    const t = await account.run("show views");
    const i = t.columns.indexOf("change_tracking");
    expect(Object.fromEntries(t.rows.map((r) => [r[1], r[i]]))).toEqual({ PLAIN: "OFF", TRACKED: "ON" });
  });
});
