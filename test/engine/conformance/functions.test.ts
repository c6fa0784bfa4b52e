import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  rewriteAfterTranslate,
  rewriteBeforeTranslate,
  snowflakeFormatToStrftime,
} from "../../../src/engine/functions/index.js";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, show } from "../helpers.js";

/** Snowflake SQL through the engine (the whole statement pipeline), shown as Snowflake displays it. */
let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
});

afterAll(async () => {
  await engine.close();
});

async function rows(snowflake: string): Promise<string[][]> {
  return show(await session.execute(snowflake)).rows.map((r) => r.map((v) => v ?? "NULL"));
}

describe("Snowflake date formats to strftime", () => {
  it("converts the common elements", () => {
    expect(snowflakeFormatToStrftime("YYYY-MM-DD HH24:MI:SS.FF3")).toBe("%Y-%m-%d %H:%M:%S.%g");
    expect(snowflakeFormatToStrftime('DD "of" MMMM, YYYY')).toBe("%d of %B, %Y");
    expect(snowflakeFormatToStrftime("mon dd yy hh12 AM")).toBe("%b %d %y %I %p");
    expect(snowflakeFormatToStrftime("100%")).toBe("100%%");
    expect(snowflakeFormatToStrftime("YYYY Q")).toBeNull();
  });
});

describe("functions on DuckDB", () => {
  it("TO_CHAR / TO_VARCHAR with a date format", async () => {
    expect(
      await rows(
        "SELECT TO_CHAR('2024-05-07'::DATE, 'YYYY-MM-DD'), TO_VARCHAR('2024-05-07 13:04:05'::TIMESTAMP, 'DD/MM/YYYY HH24:MI:SS')",
      ),
    ).toEqual([["2024-05-07", "07/05/2024 13:04:05"]]);
    expect(await rows("SELECT to_char('2024-05-07'::DATE, 'MON DD, YYYY')")).toEqual([["May 07, 2024"]]);
  });

  it("leaves strings and comments that mention TO_CHAR alone", () => {
    const sql = "SELECT 'TO_CHAR(d, ''YYYY'')' -- TO_CHAR(x, 'YYYY')\n";
    expect(rewriteBeforeTranslate(sql)).toBe(sql);
  });

  it("TO_VARCHAR without a format", async () => {
    expect(await rows("SELECT TO_VARCHAR(12), TO_CHAR('2024-01-02'::DATE)")).toEqual([["12", "2024-01-02"]]);
  });

  it("RATIO_TO_REPORT over a window", async () => {
    expect(
      await rows(
        "SELECT x, RATIO_TO_REPORT(x) OVER (PARTITION BY g) FROM (SELECT 1 AS g, 1 AS x UNION ALL SELECT 1, 3 UNION ALL SELECT 2, 0) ORDER BY g, x",
      ),
    ).toEqual([
      // x / SUM(x) on integers: Snowflake's division scale is max(0, min(0 + 6, 12)) = 6.
      ["1", "0.250000"],
      ["3", "0.750000"],
      ["0", "NULL"],
    ]);
  });

  it("CURRENT_TIMESTAMP() with parentheses", async () => {
    expect(await rows("SELECT CURRENT_TIMESTAMP() IS NOT NULL")).toEqual([["true"]]);
  });

  it("TRY_TO_NUMBER, STARTSWITH, OBJECT_KEYS", async () => {
    expect(await rows("SELECT TRY_TO_NUMBER('abc'), TRY_TO_NUMBER('12.5'), STARTSWITH('abc', 'a')")).toEqual([
      ["NULL", "13", "true"],
    ]);
    expect(await rows(`SELECT OBJECT_KEYS(PARSE_JSON('{"a":1,"b":2}'))`)).toEqual([['["a","b"]']]);
  });
});

describe("more functions on DuckDB", () => {
  it("FLATTEN with PATH, OUTER, RECURSIVE and MODE", async () => {
    expect(
      await rows(
        `SELECT "PATH", "INDEX", "VALUE" FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1, "b":[77,88]}'), PATH => 'b')) f`,
      ),
    ).toEqual([
      ["b[0]", "0", "77"],
      ["b[1]", "1", "88"],
    ]);
    expect(
      await rows(
        `SELECT "KEY", "PATH" FROM TABLE(FLATTEN(PARSE_JSON('{"a":1,"b":[7],"c":{"d":"X"}}'), '', FALSE, TRUE, 'OBJECT')) f`,
      ),
    ).toEqual([
      ["a", "a"],
      ["b", "b"],
      ["c", "c"],
      ["d", "c.d"],
    ]);
    expect(
      await rows(`SELECT "SEQ", "VALUE" FROM TABLE(FLATTEN(INPUT => PARSE_JSON('[]'), OUTER => TRUE)) f`),
    ).toEqual([["1", "NULL"]]);
  });

  it("INITCAP with default and given delimiters", async () => {
    expect(
      await rows("SELECT INITCAP('hello wORLD-x'), INITCAP('iqamqinterested', 'q'), INITCAP('a b', '')"),
    ).toEqual([["Hello World-X", "IqAmqInterested", "A b"]]);
  });

  it("CONCAT is NULL when an argument is NULL", async () => {
    expect(await rows("SELECT CONCAT('a', 'b', 'c'), CONCAT('a', NULL)")).toEqual([["abc", "NULL"]]);
  });

  it("TO_TIMESTAMP / TO_DATE read epoch strings by magnitude and drop offsets", async () => {
    expect(
      await rows(
        "SELECT TO_DATE('31536000'), TO_DATE('31536000000000'), TO_DATE('2025-05-08T23:39:20.123-07:00')",
      ),
    ).toEqual([["1971-01-01", "1971-01-01", "2025-05-08"]]);
  });

  it("OBJECT_CONSTRUCT leaves out SQL NULL values but keeps JSON null", async () => {
    expect(await rows("SELECT OBJECT_CONSTRUCT('a', 1, 'b', NULL, 'c', PARSE_JSON('NULL'))")).toEqual([
      ['{"a":1,"c":null}'],
    ]);
  });

  it("PARSE_JSON accepts unquoted keys", async () => {
    expect(await rows(`SELECT PARSE_JSON('{ name: { first: "J" } }'):name.first`)).toEqual([['"J"']]);
  });

  it("SPLIT_PART: part 0 is part 1, empty delimiter does not split", async () => {
    expect(
      await rows("SELECT SPLIT_PART('a.b', '.', 0), SPLIT_PART('ab', '', 1), SPLIT_PART('ab', '', 2)"),
    ).toEqual([["a", "ab", ""]]);
  });

  it("DATEADD with a negative amount and a DATE argument stays a DATE", async () => {
    expect(
      await rows("SELECT DATEADD(year, -2, TO_DATE('2022-05-08')), DATEADD(month, 1, '2023-01-31'::DATE)"),
    ).toEqual([["2020-05-08", "2023-02-28"]]);
  });

  it("HEX_ENCODE and TO_BINARY", async () => {
    expect(await rows("SELECT HEX_ENCODE('Hi'), HEX_ENCODE('Hi', 0), HEX_DECODE_STRING('4869')")).toEqual([
      ["4869", "4869", "Hi"],
    ]);
  });
});

describe("text rewrites", () => {
  it("names bare and parenthesised VALUES columns COLUMN1…n", () => {
    expect(rewriteAfterTranslate("SELECT column1 FROM VALUES (1, 'a'), (2, 'b') WHERE column2 = 'a'")).toBe(
      `SELECT column1 FROM (VALUES (1, 'a'), (2, 'b')) AS "VALUES"("COLUMN1", "COLUMN2") WHERE column2 = 'a'`,
    );
    expect(rewriteAfterTranslate("SELECT * FROM (VALUES (1)) AS v")).toBe(
      `SELECT * FROM (VALUES (1)) AS v("COLUMN1")`,
    );
    const withList = "SELECT * FROM (VALUES (1)) AS v(a)";
    expect(rewriteAfterTranslate(withList)).toBe(withList);
  });

  it("unqualifies MERGE SET targets only", () => {
    expect(
      rewriteAfterTranslate(
        `MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET "T"."D" = s.d, t.v = s.v + t.v`,
      ),
    ).toBe(`MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET "D" = s.d, v = s.v + t.v`);
  });

  it("drops ORDER BY from RATIO_TO_REPORT's window and spells out the division", () => {
    expect(rewriteBeforeTranslate("SELECT RATIO_TO_REPORT(x) OVER (PARTITION BY p ORDER BY o) FROM t")).toBe(
      "SELECT ((x) / NULLIF(SUM(x) OVER (PARTITION BY p), 0)) FROM t",
    );
  });

  it("parenthesises negative INTERVAL amounts", () => {
    expect(rewriteAfterTranslate("SELECT d + INTERVAL -12 MONTH, d + INTERVAL -1.5 DAY")).toBe(
      "SELECT d + INTERVAL (-12) MONTH, d + INTERVAL (-1.5) DAY",
    );
  });

  it("passes FLATTEN's named arguments positionally, also when the core quoted their names", () => {
    expect(
      rewriteBeforeTranslate(
        `SELECT * FROM TABLE(FLATTEN("INPUT" => v, "OUTER" => TRUE, MODE => 'ARRAY')) f`,
      ),
    ).toBe("SELECT * FROM TABLE(MERC_FLATTEN(v, '', TRUE, FALSE, 'ARRAY')) f");
  });
});
