/**
 * Hybrid and interactive tables, kinds of table in the catalog (table-kinds.ts, hybrid-keys.ts):
 * CREATE HYBRID TABLE needs a PRIMARY KEY and enforces PRIMARY KEY, UNIQUE and FOREIGN KEY (NULL
 * foreign keys refused) with Snowflake's codes and index names (the CREATE HYBRID TABLE page); SHOW
 * TABLES marks it is_hybrid Y with NULL rows / bytes (ACCOUNT_USAGE.TABLES IS_HYBRID YES), SHOW HYBRID
 * TABLES lists only hybrid tables,
 * GET_DDL writes HYBRID TABLE, DROP TABLE refuses while another table's foreign key references it
 * (the DROP TABLE page), and so do TRUNCATE and (locally) RENAME. An interactive table is a table SHOW GRANTS shows as INTERACTIVE_TABLE.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/types.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";
import { failure, rows, show } from "./helpers.js";

let fresh: FreshEngine;
let session: EngineSession;
beforeAll(async () => {
  fresh = await openFreshEngine();
  session = await fresh.engine.openSession();
  await session.executeScript("create database hdb; use schema hdb.public;");
});
afterAll(async () => {
  await session.close();
  await fresh.dispose();
});

describe("hybrid tables", () => {
  it("must declare a primary key", async () => {
    const e = await failure(session, "create hybrid table nokey (a int, b varchar)");
    expect(e.message).toMatch(/PRIMARY KEY/);
    expect(await rows(session, "show tables like 'NOKEY'")).toEqual([]);
  });

  it("enforce primary key, unique and foreign key constraints with Snowflake's errors", async () => {
    await session.executeScript(`
      create hybrid table team (team_id int primary key, name varchar(40) unique, index idx_name (name));
      create hybrid table player (player_id int primary key, team_id int, foreign key (team_id) references team(team_id));
      insert into team values (1, 'Reds');
      insert into player values (10, 1);`);
    expect(await failure(session, "insert into team values (1, 'Blues')")).toMatchObject({
      code: "200001",
      message: "Primary key already exists",
    });
    expect((await failure(session, "insert into team values (2, 'Reds')")).message).toBe(
      'Duplicate key value violates unique constraint "SYS_INDEX_TEAM_UNIQUE_NAME"',
    );
    const violated =
      'Foreign key constraint "SYS_INDEX_PLAYER_FOREIGN_KEY_TEAM_ID_TEAM_TEAM_ID" was violated.';
    expect(await failure(session, "insert into player values (11, 7)")).toMatchObject({
      code: "200009",
      message: violated,
    });
    expect(await failure(session, "insert into player values (12, null)")).toMatchObject({
      code: "200009",
      message: violated,
    });
    expect(await rows(session, "select count(*) from player")).toEqual([["1"]]);
  });

  it("cannot be dropped or replaced while another table's foreign key references it", async () => {
    const refused = "SQL compilation error:\nCannot drop the table because of dependencies";
    expect((await failure(session, "drop table team")).message).toBe(refused);
    expect(
      (await failure(session, "create or replace hybrid table team (team_id int primary key)")).message,
    ).toBe(refused);
    // Nor renamed, truncated or emptied of a referenced row (DuckDB ties the key to it).
    expect((await failure(session, "alter table team rename to squad")).code).toBe("002040");
    expect((await failure(session, "truncate table team")).message).toMatch(/cannot be truncated/);
    expect(await failure(session, "delete from team where team_id = 1")).toMatchObject({
      code: "200009",
      message: 'Foreign key constraint "SYS_INDEX_PLAYER_FOREIGN_KEY_TEAM_ID_TEAM_TEAM_ID" was violated.',
    });
    await session.execute("drop table player");
    expect(await rows(session, "drop table team")).toEqual([["TEAM successfully dropped."]]);
  });

  it("show as hybrid in SHOW TABLES, SHOW HYBRID TABLES and GET_DDL", async () => {
    await session.executeScript(`
      create table plain (id int);
      create or replace hybrid table ht (id int primary key, city varchar(20));
      insert into ht values (1, 'Oslo');`);
    const tables = show(await session.execute("show tables"));
    const at = (name: string) => tables.columns.indexOf(name);
    const byName = new Map(tables.rows.map((r) => [r[at("name")], r]));
    expect(byName.get("HT")?.[at("is_hybrid")]).toBe("Y");
    expect(byName.get("HT")?.[at("rows")]).toBeNull();
    expect(byName.get("PLAIN")?.[at("is_hybrid")]).toBe("N");
    const hybrid = show(await session.execute("show hybrid tables"));
    expect(hybrid.columns).toEqual([
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "owner",
      "datastore_id",
      "rows",
      "bytes",
      "comment",
    ]);
    expect(hybrid.rows.map((r) => r.slice(1, 5))).toEqual([["HT", "HDB", "PUBLIC", "ACCOUNTADMIN"]]);
    expect(
      await rows(
        session,
        "select table_name, is_hybrid from snowflake.account_usage.tables where table_catalog = 'HDB' and table_name in ('HT', 'PLAIN') and deleted is null order by 1",
      ),
    ).toEqual([
      ["HT", "YES"],
      ["PLAIN", "NO"],
    ]);
    expect(await rows(session, "select get_ddl('table', 'ht')")).toEqual([
      [
        "create or replace HYBRID TABLE HT (\n\tID NUMBER(38,0) NOT NULL,\n\tCITY VARCHAR(20),\n\tprimary key (ID)\n);",
      ],
    ]);
  });

  it("take AS SELECT after their declared columns and key", async () => {
    await session.execute(
      "create hybrid table copied (id int primary key, city varchar(20)) as select id + 1, city from ht",
    );
    expect(await rows(session, "select id, city from copied")).toEqual([["2", "Oslo"]]);
    expect(
      (await failure(session, "create hybrid table bad (id int primary key) as select 1 union all select 1"))
        .code,
    ).toBe("200001");
  });
});

describe("interactive tables", () => {
  it("are tables that SHOW GRANTS shows as INTERACTIVE_TABLE", async () => {
    await session.executeScript(`
      create interactive table it (a int) cluster by (a);
      insert into it values (1);`);
    expect(await rows(session, "select a from it")).toEqual([["1"]]);
    const grants = show(await session.execute("show grants on table it"));
    expect(grants.rows.map((r) => r[grants.columns.indexOf("granted_on")])).toEqual(["INTERACTIVE_TABLE"]);
    const plain = show(await session.execute("show grants on table plain"));
    expect(plain.rows.map((r) => r[plain.columns.indexOf("granted_on")])).toEqual(["TABLE"]);
  });
});
