/**
 * VARIANT values that keep their Snowflake type (docs/decisions/021): a DATE, TIME, TIMESTAMP_* or
 * BINARY put into a VARIANT (TO_VARIANT, ::VARIANT, an OBJECT_CONSTRUCT / ARRAY_CONSTRUCT member, a
 * VARIANT column filled from a typed column) reports that type to TYPEOF, the IS_<type> predicates
 * and the AS_<type> casts, is shown (display, TO_JSON, ::VARCHAR) as the text Snowflake writes, and
 * converts back. And an array's undefined element (`[1,,77]`, ARRAY_CONSTRUCT(1, NULL)), stored as
 * JSON DuckDB reads, shown as `undefined`, skipped by FLATTEN.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainJsonText } from "../../src/engine/functions/json.js";
import type { Engine, EngineSession } from "../../src/engine/index.js";
import { freshSession, rows } from "./helpers.js";

let engine: Engine;
let session: EngineSession;

beforeAll(async () => {
  ({ engine, session } = await freshSession());
  await session.execute("alter session set timezone = 'America/Los_Angeles'");
});

afterAll(async () => {
  await engine.close();
});

/** One value of each typed kind, the text Snowflake shows for it in a VARIANT, and its type. */
const TYPED: readonly [sql: string, shown: string, type: string][] = [
  ["to_date('2024-02-24')", '"2024-02-24"', "DATE"],
  ["to_time('20:57:01.123')", '"20:57:01"', "TIME"],
  ["to_timestamp_ntz('2023-02-24 12:00:00.456')", '"2023-02-24 12:00:00.456"', "TIMESTAMP_NTZ"],
  ["to_timestamp_ltz('2022-02-24 13:00:00.123 +01:00')", '"2022-02-24 04:00:00.123 -0800"', "TIMESTAMP_LTZ"],
  ["to_timestamp_tz('2020-02-24 15:00:00.123 +01:00')", '"2020-02-24 15:00:00.123 +0100"', "TIMESTAMP_TZ"],
  ["to_binary('F0A5')", '"F0A5"', "BINARY"],
];

const PREDICATES = ["DATE", "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "BINARY"];
const predicate = (type: string): string => `is_${type.toLowerCase()}`;

describe("typed values in a VARIANT", () => {
  it.each(TYPED)("%s keeps its type through TO_VARIANT and ::VARIANT", async (sql, shown, type) => {
    expect(await rows(session, `select to_variant(${sql}) v, typeof(v), typeof(${sql}::variant)`)).toEqual([
      [shown, type, type],
    ]);
  });

  it.each(TYPED)("%s answers only its own IS_<type> predicate", async (sql, _shown, type) => {
    const calls = PREDICATES.map((p) => `${predicate(p)}(to_variant(${sql}))`);
    const [row] = await rows(session, `select ${calls.join(", ")}, is_varchar(to_variant(${sql}))`);
    expect(row).toEqual([...PREDICATES.map((p) => String(p === type)), "false"]);
  });

  it("converts back with AS_<type>, and gives NULL for another type", async () => {
    expect(
      await rows(
        session,
        `select as_date(to_variant(to_date('2024-10-10'))), as_time(to_variant(to_time('12:34:56'))),
                as_timestamp_ntz(to_variant(to_timestamp_ntz('2024-10-10 12:34:56'))),
                as_timestamp_ltz(to_variant(to_timestamp_ltz('2022-02-24 13:00:00.123 +01:00'))),
                as_timestamp_tz(to_variant(to_timestamp_tz('2020-02-24 15:00:00.123 +01:00'))),
                as_binary(to_variant(to_binary('F0A5'))),
                as_date(to_variant(to_time('12:34:56'))), as_varchar(to_variant(to_date('2024-10-10'))),
                as_date(to_variant('2024-10-10'))`,
      ),
    ).toEqual([
      [
        "2024-10-10",
        "12:34:56",
        "2024-10-10 12:34:56.000",
        "2022-02-24 04:00:00.123 -0800",
        "2020-02-24 15:00:00.123 +0100",
        "F0A5",
        null,
        null,
        null,
      ],
    ]);
  });

  it("keeps the types of OBJECT_CONSTRUCT values and ARRAY_CONSTRUCT elements", async () => {
    expect(
      await rows(
        session,
        `select object_construct('b', to_binary('F0A5'), 'd', to_date('2024-02-24')) o,
                typeof(o:d), typeof(o['b']), array_construct(to_time('12:34:56'), 1) a, typeof(a[0]), typeof(a[1])`,
      ),
    ).toEqual([['{"b":"F0A5","d":"2024-02-24"}', "DATE", "BINARY", '["12:34:56",1]', "TIME", "INTEGER"]]);
  });

  it("keeps the type of a value stored into a VARIANT column from a typed column", async () => {
    await session.execute("create or replace table typed_src (d date, b binary, n number)");
    await session.execute("insert into typed_src values ('2024-01-01', to_binary('F0A5'), 7)");
    await session.execute("create or replace table typed_dst (v variant)");
    await session.execute("insert into typed_dst (v) select d from typed_src");
    await session.execute("insert into typed_dst select b from typed_src");
    await session.execute("insert into typed_dst (v) select n from typed_src");
    await session.execute("insert into typed_dst (v) select parse_json('{\"a\":[1]}')");
    expect(await rows(session, "select v, typeof(v) from typed_dst")).toEqual([
      ['"2024-01-01"', "DATE"],
      ['"F0A5"', "BINARY"],
      ["7", "INTEGER"],
      ['{"a":[1]}', "OBJECT"],
    ]);
    await session.execute("update typed_dst set v = (select d from typed_src) where typeof(v) = 'INTEGER'");
    expect(await rows(session, "select count(*) from typed_dst where is_date(v)")).toEqual([["2"]]);
  });

  it("shows the value's text wherever the VARIANT becomes text, and converts it back", async () => {
    expect(
      await rows(
        session,
        `select to_json(object_construct('d', to_date('2024-02-24'))), to_variant(to_date('2024-02-24'))::varchar,
                object_construct('t', to_timestamp_ntz('2024-10-10 12:34:56')):t::string,
                array_to_string(array_construct(to_date('2024-02-24'), to_binary('F0A5')), ','),
                to_variant(to_date('2024-02-24'))::date, object_construct('t', to_time('12:34:56')):t::time`,
      ),
    ).toEqual([
      [
        '{"d":"2024-02-24"}',
        "2024-02-24",
        "2024-10-10 12:34:56.000",
        "2024-02-24,F0A5",
        "2024-02-24",
        "12:34:56",
      ],
    ]);
  });

  it("never shows the mark in text made from a VARIANT", async () => {
    await session.execute(
      "create or replace table typed_text as select to_variant(to_date('2024-02-24')) v, object_construct('a', to_binary('F0A5')) o",
    );
    const [row] = await rows(
      session,
      "select json_extract_path_text(o, 'a'), concat(v, 'x'), v || 'x', upper(v) from typed_text",
    );
    const [aggregated] = await rows(
      session,
      "select listagg(v, ','), array_agg(v), array_agg(o), object_agg('k', v) from typed_text",
    );
    expect(row?.[0]).toBe("F0A5");
    for (const cell of [...(row ?? []), ...(aggregated ?? [])]) expect(cell).not.toMatch(/\uE000/);
  });

  it("keeps the type through the array and object functions", async () => {
    expect(
      await rows(
        session,
        `select typeof(get(array_append(array_construct(1), to_date('2024-02-24')), 1)),
                typeof(array_max(array_construct(to_date('2024-02-24'), to_date('2024-03-01')))),
                typeof(object_insert(object_construct('a', 1), 'k', to_variant(to_binary('F0A5'))):k)`,
      ),
    ).toEqual([["DATE", "DATE", "BINARY"]]);
  });

  it("flattens typed elements with their types and text", async () => {
    expect(
      await rows(
        session,
        "select value, typeof(value) from table(flatten(array_construct(to_date('2024-02-24'), 'x')))",
      ),
    ).toEqual([
      ['"2024-02-24"', "DATE"],
      ['"x"', "VARCHAR"],
    ]);
  });
});

describe("typed values handed to a JavaScript UDF", () => {
  it("arrive as their text, and an undefined element as undefined", async () => {
    await session.execute(
      "create or replace function js_kinds(v variant) returns variant language javascript as 'if (!Array.isArray(V)) return [typeof V, V]; var out = []; for (var i = 0; i < V.length; i++) out.push(typeof V[i]); return out;'",
    );
    expect(
      await rows(
        session,
        "select js_kinds(to_variant(to_date('2024-02-24'))), js_kinds(parse_json('[1,,\"a\"]'))",
      ),
    ).toEqual([['["string","2024-02-24"]', '["number","undefined","string"]']]);
  });
});

describe("undefined array elements", () => {
  it("are shown as undefined and kept by index", async () => {
    expect(
      await rows(
        session,
        "select parse_json('[1,,77]') a, array_size(a), get(a, 1), a[2], to_json(a), a::varchar, array_construct(1, null, 2)",
      ),
    ).toEqual([
      ["[1,undefined,77]", "3", null, "77", "[1,undefined,77]", "[1,undefined,77]", "[1,undefined,2]"],
    ]);
  });

  it("have no FLATTEN row; the other elements keep their indexes", async () => {
    for (const input of ["parse_json('[1, ,77]')", "array_construct(1, null, 77)"])
      expect(await rows(session, `select index, value from table(flatten(input => ${input}))`)).toEqual([
        ["0", "1"],
        ["2", "77"],
      ]);
  });
});

describe("plainJsonText", () => {
  it("returns text without the typed mark as it is", () => {
    const text = '{"a":[1,"x\\"y"],"b":null}';
    expect(plainJsonText(text)).toBe(text);
  });

  it("drops the mark of typed strings and shows undefined elements, also inside a string", () => {
    const mark = "\uE000";
    expect(plainJsonText(`["${mark}D2024-02-24","${mark}U","[\\"${mark}D2024-02-24\\"]"]`)).toBe(
      `["2024-02-24",undefined,"[\\"2024-02-24\\"]"]`,
    );
  });
});
