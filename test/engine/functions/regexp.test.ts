import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineSession } from "../../../src/engine/index.js";
import {
  parseParameters,
  regexpCount,
  regexpInstr,
  regexpLike,
  regexpReplace,
  regexpSubstr,
  regexpSubstrAll,
  toJavaScriptSource,
} from "../../../src/engine/functions/regexp.js";
import { freshSession, rows } from "../helpers.js";

describe("Snowflake regular expressions on JavaScript", () => {
  it("spells POSIX bracket classes as JavaScript classes", () => {
    expect(toJavaScriptSource("[[:digit:]]+")).toBe("[0-9]+");
    expect(toJavaScriptSource("[^[:space:]x]")).toBe("[^ \\t\\n\\r\\f\\v" + "x]");
    expect(toJavaScriptSource("[]a]")).toBe("[\\]a]");
    expect(toJavaScriptSource("\\[[:alpha:]")).toBe("\\[[:alpha:]"); // an escaped bracket opens no class
    expect(new RegExp(toJavaScriptSource("^[[:punct:]]+$")).test("!/:@[`{~")).toBe(true);
  });

  it("reads parameters with the last of c / i winning", () => {
    expect(parseParameters("ic").flags).toBe("");
    expect(parseParameters("ci").flags).toBe("i");
    expect(parseParameters("mse")).toEqual({ flags: "ms", extract: true });
  });

  it("searches from a position as if the subject began there", () => {
    // `^` and `\b` match at the position, and offsets count from the subject's start.
    expect(regexpSubstr("xxabc", "^a", 3, 1, "c", null)).toBe("a");
    expect(regexpInstr("xxabc", "^a", 3, 1, 0, "c", null)).toBe(3);
    expect(regexpCount("aaaa", "a", 3, "c")).toBe(2);
    expect(regexpSubstr("abc", "b", 4, 1, "c", null)).toBeNull();
  });

  it("returns NULL or 0 when there is no such occurrence or group", () => {
    expect(regexpSubstr("abc", "z", 1, 1, "c", null)).toBeNull();
    expect(regexpSubstr("ab ab", "ab", 1, 3, "c", null)).toBeNull();
    expect(regexpInstr("ab ab", "ab", 1, 3, 0, "c", null)).toBe(0);
    expect(regexpSubstrAll("a1", "a(\\d)", 1, 1, "c", 2)).toBeNull();
    expect(regexpSubstrAll("xyz", "a", 1, 1, "c", null)).toEqual([]);
  });

  it("extracts groups: a group number implies e, e alone means group 1 when there is one", () => {
    expect(regexpSubstr("key=val", "(\\w+)=(\\w+)", 1, 1, "", 2)).toBe("val");
    expect(regexpSubstr("key=val", "(\\w+)=(\\w+)", 1, 1, "e", null)).toBe("key");
    expect(regexpSubstr("key=val", "\\w+=\\w+", 1, 1, "e", null)).toBe("key=val");
    expect(regexpInstr("key=val", "(\\w+)=(\\w+)", 1, 1, 0, "", 2)).toBe(5);
    expect(regexpInstr("key=val", "(\\w+)=(\\w+)", 1, 1, 1, "", 1)).toBe(4);
  });

  it("honours multi-line and dot-all modes", () => {
    expect(regexpCount("a\nb\nc", "^\\w$", 1, "c")).toBe(0);
    expect(regexpCount("a\nb\nc", "^\\w$", 1, "m")).toBe(3);
    expect(regexpLike("a\nb", "a.b", "c")).toBe(false);
    expect(regexpLike("a\nb", "a.b", "s")).toBe(true);
  });

  it("matches the whole subject for REGEXP_LIKE, trying every alternative", () => {
    expect(regexpLike("ab", "a|ab", "c")).toBe(true);
    expect(regexpLike("abc", "ab", "c")).toBe(false);
    expect(regexpLike("", "", "c")).toBe(true);
    expect(regexpLike("ABC", "abc", "i")).toBe(true);
  });

  it("replaces one occurrence or all, with back-references", () => {
    expect(regexpReplace("a-b-c", "-", "+", 1, 0, "c")).toBe("a+b+c");
    expect(regexpReplace("a-b-c", "-", "+", 1, 2, "c")).toBe("a-b+c");
    expect(regexpReplace("a-b-c", "-", "+", 3, 1, "c")).toBe("a-b+c");
    expect(regexpReplace("john smith", "(\\w+) (\\w+)", "\\2 \\1 \\\\ \\0", 1, 0, "c")).toBe(
      "smith john \\ john smith",
    );
    expect(regexpReplace("$1", "1", "$&", 1, 0, "c")).toBe("$$&"); // `$` is not special in Snowflake
  });

  it("rejects an invalid position with a clear error", () => {
    expect(() => regexpSubstr("abc", "a", 0, 1, "c", null)).toThrow(/positive integer/);
  });
});

describe("the REGEXP family through the engine", () => {
  let engine: Engine;
  let session: EngineSession;
  beforeAll(async () => {
    ({ engine, session } = await freshSession());
  });
  afterAll(async () => {
    await engine.close();
  });

  it("calls every function with its optional arguments and NULLs", async () => {
    expect(
      await rows(
        session,
        "SELECT REGEXP_SUBSTR('one two three', '\\\\w+', 1, 2), REGEXP_SUBSTR('abc', 'z'), REGEXP_INSTR('one two', 'two'), REGEXP_COUNT('a.a.a', '\\\\.'), REGEXP_REPLACE('a1b2', '\\\\d'), REGEXP_LIKE('ABC', 'abc', 'i'), REGEXP_SUBSTR(NULL, 'a'), REGEXP_COUNT('abc', NULL)",
      ),
    ).toEqual([["two", null, "5", "2", "ab", "true", null, null]]);
  });

  it("takes numbers and columns as subjects and the infix forms with NOT", async () => {
    await session.execute("CREATE TABLE t (n INT, s VARCHAR)");
    await session.execute("INSERT INTO t VALUES (123, 'x1'), (45, 'y')");
    expect(
      await rows(
        session,
        "SELECT n, REGEXP_SUBSTR(n, '\\\\d$'), s RLIKE 'x\\\\d', s NOT REGEXP 'x.*', REGEXP_SUBSTR_ALL(s, '.') FROM t ORDER BY n",
      ),
    ).toEqual([
      ["45", "5", "false", "true", '["y"]'],
      ["123", "3", "true", "false", '["x","1"]'],
    ]);
  });
});
