import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { semistructuredConstants } from "../../../src/engine/functions/constants.js";
import * as v from "../../../src/engine/functions/variant.js";
import { TYPED_MARK } from "../../../src/engine/functions/json.js";
import { doubleVariantText } from "../../../src/engine/functions/variant-values.js";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import { freshSession, rows } from "../helpers.js";

/**
 * An array as these functions store it: a missing element is kept as the marked string of decision
 * 021 (valid JSON); the inputs below use the older `undefined` text, which is still read.
 */
const stored = (text: string) => text.replaceAll("undefined", JSON.stringify(`${TYPED_MARK}U`));

describe("ARRAY functions on Snowflake's VARIANT values", () => {
  it("treats arrays as multisets with undefined as a known value", () => {
    expect(v.arrayExcept('[1,1,1,undefined,undefined,"x"]', "[1,undefined]")).toBe(
      stored('[1,1,undefined,"x"]'),
    );
    expect(v.arrayIntersection("[2,2,3,undefined]", "[2,undefined,2,2]")).toBe(stored("[2,2,undefined]"));
    expect(v.arraysOverlap("[1,undefined]", "[undefined]")).toBe(true);
    expect(v.arraysOverlap("[1,null]", "[undefined]")).toBe(false);
  });

  it("compares numbers by value and objects by members", () => {
    expect(v.arrayRemove('[5,5.0,5.00e0,"5",6]', "5")).toBe('["5",6]');
    expect(v.arrayDistinct('[{"b":1,"a":2},{"a":2,"b":1},{"a":2}]')).toBe('[{"a":2,"b":1},{"a":2}]');
  });

  it("sorts JSON null as the largest value and places undefined by nulls_first", () => {
    expect(v.arraySort('[3,null,undefined,"b",1,"a"]', true, null)).toBe(
      stored('[1,3,"a","b",null,undefined]'),
    );
    expect(v.arraySort("[3,null,undefined,1]", false, null)).toBe(stored("[undefined,null,3,1]"));
    expect(v.arrayExtreme("[undefined,null,7]", "max")).toBe("null");
    expect(v.arrayExtreme("[undefined,null,7]", "min")).toBe("7");
    expect(v.arrayExtreme("[undefined]", "min")).toBeNull();
  });

  it("slices, inserts and removes at positions counted from either end", () => {
    expect(v.arraySlice("[0,1,2,3,4]", -3, 100)).toBe("[2,3,4]");
    expect(v.arraySlice("[0,1,2,3,4]", 3, 1)).toBe("[]");
    expect(v.arrayInsert("[0,1]", 4, "9")).toBe(stored("[0,1,undefined,undefined,9]"));
    expect(v.arrayInsert("[0,1,2]", -2, "9")).toBe("[0,9,1,2]");
    expect(v.arrayRemoveAt("[0,1,2]", -3)).toBe("[1,2]");
    expect(v.arrayRemoveAt("[0,1,2]", 3)).toBe("[0,1,2]");
  });

  it("finds values, with a SQL NULL matching only undefined", () => {
    expect(v.arrayPosition('"b"', '["a","b","b"]')).toBe(1);
    expect(v.arrayPosition(null, "[1,null,undefined]")).toBe(2);
    expect(v.arrayContains(null, "[1,null]")).toBeNull();
    expect(v.arrayContains("2.0", "[1,2]")).toBe(true);
  });

  it("joins elements as strings and builds objects from key and value arrays", () => {
    expect(v.arrayToString('["a",1.5,null,undefined,{"k":true}]', "|")).toBe('a|1.5|||{"k":true}');
    expect(v.arraysToObject('["b","a",undefined]', "[1,undefined,3]")).toBe('{"a":null,"b":1}');
    expect(() => v.arraysToObject('["a"]', "[]")).toThrow(/unequal lengths/);
    expect(v.arraysZip(["[1,2]", '["x"]'])).toBe('[{"$1":1,"$2":"x"},{"$1":2,"$2":null}]');
  });

  it("gets by index or key, and reports a non-array where an array is needed", () => {
    expect(v.get('[{"a":1},{"a":2}]', "1")).toBe('{"a":2}');
    expect(v.get('{"Key":1}', '"key"')).toBeNull();
    expect(v.get('{"Key":1}', '"key"', true)).toBe("1");
    expect(() => v.arrayReverse('{"a":1}')).toThrow(/not an array/);
  });

  it("prints a DOUBLE inside a VARIANT as Snowflake does", () => {
    expect(doubleVariantText(191.2)).toBe("1.912000000000000e+02");
    expect(doubleVariantText(-0.00012)).toBe("-1.200000000000000e-04");
  });

  it("spells ARRAY and OBJECT constants as constructors, leaving indexes alone", () => {
    expect(semistructuredConstants("SELECT [1, NULL], {'a': [2]}, \"V\"[0], x['k'] FROM t")).toBe(
      "SELECT ARRAY_CONSTRUCT(1, NULL), OBJECT_CONSTRUCT('a', ARRAY_CONSTRUCT(2)), \"V\"[0], x['k'] FROM t",
    );
  });
});

describe("ARRAY functions through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("mixes types in ARRAY_CONSTRUCT and keeps SQL NULL as undefined", async () => {
    expect(
      await rows(
        session,
        "SELECT ARRAY_CONSTRUCT(1, 'x', NULL), [1.5::DOUBLE, '2024-01-02'::DATE, TRUE], ARRAY_SIZE([NULL, NULL])",
      ),
    ).toEqual([['[1,"x",undefined]', '[1.500000000000000e+00,"2024-01-02",true]', "2"]]);
  });

  it("works on ARRAY columns and VARIANT values read from tables", async () => {
    await session.execute("CREATE TABLE arr (id INT, a ARRAY, v VARIANT)");
    await session.execute(
      'INSERT INTO arr SELECT 1, ARRAY_CONSTRUCT(3, 1, 2), PARSE_JSON(\'{"tags": ["x", "y"]}\')',
    );
    expect(
      await rows(
        session,
        "SELECT ARRAY_SORT(a), ARRAY_CONTAINS('y'::VARIANT, v:tags), ARRAY_TO_STRING(v:tags, '+'), GET(a, 0), GET(v, 'tags') FROM arr",
      ),
    ).toEqual([["[1,2,3]", "true", "x+y", "3", '["x","y"]']]);
  });
});

describe("OBJECT functions and VARIANT helpers through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("inserts, updates, deletes and picks keys on OBJECT columns and VARIANT paths", async () => {
    await session.execute("CREATE TABLE obj (o OBJECT, v VARIANT)");
    await session.execute(
      "INSERT INTO obj SELECT OBJECT_CONSTRUCT('k', 1, 'm', 2), PARSE_JSON('{\"inner\": {\"x\": 1, \"y\": null}}')",
    );
    expect(
      await rows(
        session,
        `SELECT OBJECT_INSERT(o, 'n', PARSE_JSON('null')), OBJECT_INSERT(o, 'n', NULL), OBJECT_INSERT(o, 'k', 'z', TRUE),
                OBJECT_DELETE(o, 'k', 'absent'), OBJECT_PICK(o, 'm'), OBJECT_PICK(o, ['k', 'q']),
                OBJECT_KEYS(v:inner), OBJECT_DELETE(v:inner, 'x') FROM obj`,
      ),
    ).toEqual([
      [
        '{"k":1,"m":2,"n":null}',
        '{"k":1,"m":2}',
        '{"k":"z","m":2}',
        '{"m":2}',
        '{"m":2}',
        '{"k":1}',
        '["x","y"]',
        '{"y":null}',
      ],
    ]);
  });

  it("refuses to insert an existing key without the update flag", async () => {
    await expect(session.execute("SELECT OBJECT_INSERT(OBJECT_CONSTRUCT('a', 1), 'a', 2)")).rejects.toThrow(
      /Duplicate field key 'a'/,
    );
  });

  it("repeats elements, strips JSON null and checks JSON text", async () => {
    expect(
      await rows(
        session,
        `SELECT ARRAY_REPEAT(NULL, 2), ARRAY_REPEAT('x', -1), ARRAY_REPEAT(1, NULL),
                STRIP_NULL_VALUE(PARSE_JSON('{"a": null}'):a), STRIP_NULL_VALUE(PARSE_JSON('[0]')),
                CHECK_JSON('[1, 2]'), CHECK_JSON('[1, }'), CHECK_JSON(TO_VARIANT('{"a": ]}')),
                TO_OBJECT(PARSE_JSON('{"b": 1}'))`,
      ),
    ).toEqual([
      [
        "[undefined,undefined]",
        "[]",
        null,
        null,
        "[0]",
        null,
        "misplaced }, pos 5",
        "misplaced ], pos 7",
        '{"b":1}',
      ],
    ]);
  });
});

describe("VARIANT type predicates and casts through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("names the type a VARIANT holds, also for arrays with undefined elements and TO_VARIANT doubles", async () => {
    expect(
      await rows(
        session,
        `SELECT TYPEOF(PARSE_JSON('[1, ]')), TYPEOF(PARSE_JSON('null')), TYPEOF(NULL::VARIANT), TYPEOF(TO_VARIANT(2.5::DOUBLE)),
                TYPEOF(TO_VARIANT(2.50::NUMBER(5,2))), TYPEOF(PARSE_JSON('7')), TO_VARIANT(2.5::DOUBLE), PARSE_JSON('[25e-1]')`,
      ),
    ).toEqual([
      [
        "ARRAY",
        "NULL_VALUE",
        null,
        "DOUBLE",
        "DECIMAL",
        "INTEGER",
        "2.500000000000000e+00",
        "[2.500000000000000e+00]",
      ],
    ]);
  });

  it("answers IS_* by the held type: IS_DECIMAL takes integers, IS_DOUBLE every number", async () => {
    expect(
      await rows(
        session,
        `SELECT IS_INTEGER(PARSE_JSON('3')), IS_DECIMAL(PARSE_JSON('3')), IS_DECIMAL(PARSE_JSON('3e0')), IS_DOUBLE(PARSE_JSON('3')),
                IS_VARCHAR(PARSE_JSON('"3"')), IS_ARRAY(PARSE_JSON('{}')), IS_OBJECT(PARSE_JSON('{}')), IS_BOOLEAN(NULL::VARIANT)`,
      ),
    ).toEqual([["true", "true", "false", "true", "true", "false", "true", null]]);
  });

  it("casts with AS_* only when the held type fits, else NULL", async () => {
    expect(
      await rows(
        session,
        `SELECT AS_INTEGER(PARSE_JSON('12')), AS_INTEGER(PARSE_JSON('1.5')), AS_NUMBER(PARSE_JSON('1.25'), 5, 1),
                AS_DOUBLE(PARSE_JSON('1.5')), AS_DOUBLE(TO_VARIANT(1.5::DOUBLE)), AS_VARCHAR(PARSE_JSON('"a"')),
                AS_VARCHAR(PARSE_JSON('1')), AS_BOOLEAN(PARSE_JSON('false')), AS_ARRAY(PARSE_JSON('[1]')), AS_OBJECT(PARSE_JSON('[1]')),
                TO_ARRAY(PARSE_JSON('1')), TO_ARRAY(PARSE_JSON('[1]'))`,
      ),
    ).toEqual([["12", null, "1.3", null, "1.5", "a", null, "false", "[1]", null, "[1]", "[1]"]]);
  });
});
