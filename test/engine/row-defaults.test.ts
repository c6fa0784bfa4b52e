/**
 * Column defaults that read other columns of the row (the SHOW COLUMNS page's `n2_int INTEGER DEFAULT
 * n1+5`): CREATE TABLE takes them, SHOW COLUMNS / DESCRIBE TABLE print them with the columns
 * qualified by the table, and an INSERT with a column list, or a MERGE's WHEN NOT MATCHED … INSERT,
 * applies them to the row it inserts (row-defaults.ts). BINARY and VARBINARY columns stay apart in SHOW COLUMNS (`fixed`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/types.js";
import { type FreshEngine, openFreshEngine } from "./fresh-engine.js";
import { rows, show } from "./helpers.js";

let fresh: FreshEngine;
let session: EngineSession;
beforeAll(async () => {
  fresh = await openFreshEngine();
  session = await fresh.engine.openSession();
  await session.executeScript(`
    create database rdb; use schema rdb.public;
    create table t (n1 number default 5, n2 integer default n1 + 5, id bigint autoincrement,
                    s varchar default 'x' || n1, b1 binary, b2 varbinary);`);
});
afterAll(async () => {
  await session.close();
  await fresh.dispose();
});

describe("defaults that read the row", () => {
  it("are shown with the columns they read qualified by the table", async () => {
    const columns = show(await session.execute("show columns in table t"));
    const at = (name: string) => columns.columns.indexOf(name);
    const byName = new Map(columns.rows.map((r) => [r[at("column_name")], r]));
    expect(byName.get("N2")?.[at("default")]).toBe("T.N1 + 5");
    expect(byName.get("S")?.[at("default")]).toBe("'x' || T.N1");
    expect(byName.get("N1")?.[at("default")]).toBe("5");
    const described = await rows(session, "describe table t");
    expect(described.find((r) => r[0] === "N2")?.[4]).toBe("T.N1 + 5");
  });

  it("apply to the inserted row when an INSERT omits the column", async () => {
    await session.execute("insert into t (n1) values (1), (2)");
    await session.execute("insert into t (n1) select 10");
    await session.execute("insert into t (n1, n2, s) values (7, 0, 'own')");
    // The row's N1 takes its own default (5) before N2 and S read it.
    await session.execute("insert into t (b1) values (null)");
    expect(await rows(session, "select n1, n2, s from t order by id")).toEqual([
      ["1", "6", "x1"],
      ["2", "7", "x2"],
      ["10", "15", "x10"],
      ["7", "0", "own"],
      ["5", "10", "x5"],
    ]);
  });
});

describe("defaults that read the row, in MERGE", () => {
  it("apply to the row a WHEN NOT MATCHED clause inserts", async () => {
    await session.executeScript(`
      create table m (k int, n1 number default 5, n2 integer default n1 + 5, s varchar default 'x' || n1);
      insert into m (k, n1, n2, s) values (1, 1, 1, 'kept');
      merge into m using (select 1 k, 30 v union all select 2, 20 union all select 3, null) src on m.k = src.k
        when matched then update set n1 = src.v
        when not matched and src.v is not null then insert (k, n1) values (src.k, src.v)
        when not matched then insert (k) values (src.k);`);
    expect(await rows(session, "select k, n1, n2, s from m order by k")).toEqual([
      ["1", "30", "1", "kept"],
      ["2", "20", "25", "x20"],
      ["3", "5", "10", "x5"],
    ]);
  });
});

describe("binary columns", () => {
  it("keep BINARY (fixed) apart from VARBINARY in SHOW COLUMNS", async () => {
    const types = await rows(session, "show columns like 'B%' in table t");
    expect(types.map((r) => [r[2], JSON.parse(r[3] as string).fixed])).toEqual([
      ["B1", true],
      ["B2", false],
    ]);
  });
});
