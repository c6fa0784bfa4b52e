/**
 * Bulk binds in the engine: which statements run as one INSERT … SELECT, how values travel, and that
 * a batch means what the same rows bound one at a time mean (types, NULLs, dates as epoch
 * milliseconds, timestamps with offsets for TIMESTAMP_NTZ).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchOf, batchTemplate, packColumn, stagedExpression } from "../../src/engine/batch-binds.js";
import type { BindValue, Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, show } from "./helpers.js";

const fixed = (value: string | null): BindValue => ({ type: "FIXED", value });
const text = (value: string | null): BindValue => ({ type: "TEXT", value });

describe("which binds make a batch", () => {
  it("takes array binds as columns, scalars repeated on every row", () => {
    const batch = batchOf("INSERT INTO T VALUES (?, ?)", [
      { type: "FIXED", value: ["1", "2", "3"] },
      text("same"),
    ]);
    expect(batch?.rows).toBe(3);
    expect(batch?.columns[1]?.values).toEqual(["same", "same", "same"]);
  });

  it("regroups many tuples of scalar binds into one tuple, FIXED and REAL in one column as FIXED", () => {
    const batch = batchOf("insert into T (a, b) values (?, ?), (?, ?), (?, ?);", [
      fixed("1"),
      text("x"),
      { type: "REAL", value: "2.5" },
      text("y"),
      fixed("3"),
      text(null),
    ]);
    expect(batch?.sql).toBe("insert into T (a, b) values (?, ?);");
    expect(batch?.columns).toEqual([
      { type: "FIXED", values: ["1", "2.5", "3"] },
      { type: "TEXT", values: ["x", "y", null] },
    ]);
  });

  it("leaves alone one tuple of scalars, named binds, tuples with expressions, and mixed text and numbers", () => {
    expect(batchOf("INSERT INTO T VALUES (?, ?)", [fixed("1"), text("x")])).toBeNull();
    expect(batchOf("INSERT INTO T VALUES (:a), (:b)", { a: fixed("1"), b: fixed("2") })).toBeNull();
    expect(batchOf("INSERT INTO T VALUES (? + 1), (? + 1)", [fixed("1"), fixed("2")])).toBeNull();
    expect(batchOf("INSERT INTO T VALUES (?), (?)", [fixed("1"), text("x")])).toBeNull();
  });

  it("templates only a single tuple of bare placeholders, each in its bind type's literal form", () => {
    const dated = batchTemplate({
      sql: "INSERT INTO T (D, V) VALUES (?, :2)",
      columns: [
        { type: "DATE", values: ["2024-01-01"] },
        { type: "VARIANT", values: ["{}"] },
      ],
      rows: 1,
    });
    expect(dated?.sql).toBe(
      "INSERT INTO T (D, V) VALUES (TO_DATE('__mercurios_bind_1'), PARSE_JSON('__mercurios_bind_2'))",
    );
    const selected = batchTemplate({
      sql: "INSERT INTO T SELECT ?",
      columns: [{ type: "FIXED", values: ["1"] }],
      rows: 1,
    });
    expect(selected).toBeNull();
  });
});

describe("how a column of values travels", () => {
  it("joins values with a control character none of them contains, NULL as another", () => {
    const packed = packColumn(["a", null, "b\u001fc", ""]);
    expect(packed?.separator).toBe("\u001e");
    expect(packed?.nullMarker).toBe("\u001d");
    expect(packed?.text).toBe("a\u001e\u001d\u001eb\u001fc\u001e");
  });

  it("gives up (row by row) when the values use every candidate character", () => {
    const every = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("");
    expect(packColumn([every])).toBeNull();
  });

  it("reads numbers through the narrowest exact type that holds every value", () => {
    expect(stagedExpression("FIXED", ["1", "-22", null], "c")).toBe("CAST(c AS BIGINT)");
    expect(stagedExpression("REAL", ["1.5", "22.25"], "c")).toBe("CAST(c AS DECIMAL(18,2))");
    expect(stagedExpression("FIXED", ["12345678901234567890"], "c")).toBe("c");
    expect(stagedExpression("REAL", ["1e3"], "c")).toBe("c");
    expect(stagedExpression("BOOLEAN", ["true"], "c")).toBe("CAST(c AS BOOLEAN)");
    expect(stagedExpression("TEXT", ["1"], "c")).toBe("c");
  });
});

describe("a batch means what its rows bound one at a time mean", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession("BATCH_DB"));
  });
  afterAll(async () => {
    await engine?.close();
  });

  it("stores the same values as row-by-row inserts of the same binds", async () => {
    const ddl = "(N NUMBER(10,2), S VARCHAR, B BOOLEAN, D DATE, TS TIMESTAMP_NTZ, V VARIANT, X BINARY)";
    await session.execute(`CREATE TABLE BATCHED ${ddl}`);
    await session.execute(`CREATE TABLE SINGLE ${ddl}`);
    const columns: BindValue[] = [
      { type: "REAL", value: ["1.5", "-2", null] },
      { type: "TEXT", value: ["it's", "", null] },
      { type: "BOOLEAN", value: ["1", "false", null] },
      // snowflake-sdk sends a Date as epoch milliseconds.
      { type: "DATE", value: ["1706745600000", "2024-03-04", null] },
      { type: "TIMESTAMP_NTZ", value: ["2024-01-02 03:04:05.678", "2024-01-02 03:04:05", null] },
      { type: "VARIANT", value: ['{"a":[1,2]}', '"s"', null] },
      { type: "BINARY", value: ["CAFE", "", null] },
    ];
    const batched = await session.execute("INSERT INTO BATCHED VALUES (?, ?, ?, ?, ?, ?, ?)", {
      binds: columns,
    });
    expect(batched.rows).toEqual([["3"]]);
    for (let row = 0; row < 3; row++) {
      const binds = columns.map((c) => ({
        type: c.type,
        value: (c.value as (string | null)[])[row] ?? null,
      }));
      await session.execute("INSERT INTO SINGLE VALUES (?, ?, ?, ?, ?, ?, ?)", { binds });
    }
    const read = async (table: string) =>
      show(await session.execute(`SELECT * FROM ${table} ORDER BY N NULLS LAST`)).rows;
    expect(await read("BATCHED")).toEqual(await read("SINGLE"));
    expect((await read("BATCHED"))[0]).toEqual([
      "-2.00",
      "",
      "false",
      "2024-03-04",
      "2024-01-02 03:04:05.000",
      '"s"',
      "",
    ]);
  });

  it("drops the offset of a timestamp bound for TIMESTAMP_NTZ, as one row at a time does", async () => {
    await session.execute("CREATE TABLE STAMPS (TS TIMESTAMP_NTZ)");
    await session.execute("INSERT INTO STAMPS VALUES (?)", {
      binds: [{ type: "TIMESTAMP_NTZ", value: ["2024-01-02 03:04:05 +0200", "2024-01-03 00:00:00"] }],
    });
    expect(show(await session.execute("SELECT TS FROM STAMPS ORDER BY TS")).rows).toEqual([
      ["2024-01-02 03:04:05.000"],
      ["2024-01-03 00:00:00.000"],
    ]);
  });
});
