import { describe, expect, it } from "vitest";
import { splitStatements } from "../../src/engine/split/index.js";

const texts = (script: string): string[] => splitStatements(script).map((s) => s.text);

describe("splitStatements: basics", () => {
  it("splits on semicolons and drops the semicolon", () => {
    expect(texts("SELECT 1; SELECT 2;")).toEqual(["SELECT 1", "SELECT 2"]);
  });

  it("keeps a last statement without a semicolon and marks it unterminated", () => {
    const out = splitStatements("SELECT 1;\nSELECT 2");
    expect(out.map((s) => [s.text, s.terminated])).toEqual([
      ["SELECT 1", true],
      ["SELECT 2", false],
    ]);
  });

  it("skips empty statements and whitespace-only scripts", () => {
    expect(texts(";;  ;\n;SELECT 1;;;")).toEqual(["SELECT 1"]);
    expect(texts("")).toEqual([]);
    expect(texts("   \n\t ")).toEqual([]);
  });

  it("reports 1-based line and column, 0-based offsets, and indexes", () => {
    const script = "SELECT 1;\n\n  -- note\n  SELECT\n    2;  INSERT INTO t VALUES (1)";
    const out = splitStatements(script);
    expect(
      out.map(({ index, line, column, offset, endOffset }) => ({ index, line, column, offset, endOffset })),
    ).toEqual([
      { index: 0, line: 1, column: 1, offset: 0, endOffset: 8 },
      { index: 1, line: 4, column: 3, offset: 23, endOffset: 35 },
      { index: 2, line: 5, column: 9, offset: 38, endOffset: 62 },
    ]);
    for (const s of out) expect(script.slice(s.offset, s.endOffset)).toBe(s.text);
    expect(out[1]!.text).toBe("SELECT\n    2");
  });

  it("handles CRLF line endings", () => {
    const out = splitStatements("SELECT 1;\r\nSELECT 2;\r\n");
    expect(out.map((s) => [s.text, s.line, s.column])).toEqual([
      ["SELECT 1", 1, 1],
      ["SELECT 2", 2, 1],
    ]);
  });
});

describe("splitStatements: comments", () => {
  it("drops statements made only of comments", () => {
    expect(texts("-- just a note\n/* and a block */ ; // slash comment\n")).toEqual([]);
    expect(texts("SELECT 1; -- trailing\n/* x */")).toEqual(["SELECT 1"]);
  });

  it("treats a comment after ; as outside the statement", () => {
    const out = splitStatements("SELECT 1; -- about the next one\nSELECT 2; /* end */");
    expect(out.map((s) => [s.text, s.line, s.column])).toEqual([
      ["SELECT 1", 1, 1],
      ["SELECT 2", 2, 1],
    ]);
  });

  it("keeps comments inside a statement and drops those before and after it", () => {
    expect(texts("-- header\nSELECT a, -- first\n  b /* second; */ FROM t -- tail;\n;")).toEqual([
      "SELECT a, -- first\n  b /* second; */ FROM t",
    ]);
  });

  it("ignores semicolons in line comments of both styles and in block comments", () => {
    expect(texts("SELECT 1 -- a; b\n+ 1 // c; d\n+ 1 /* e;\n f; */ ;SELECT 2")).toEqual([
      "SELECT 1 -- a; b\n+ 1 // c; d\n+ 1",
      "SELECT 2",
    ]);
  });

  it("does not treat comment markers inside strings as comments", () => {
    expect(texts("SELECT '--x;', '/*y;*/', 'http://z;'; SELECT 2")).toEqual([
      "SELECT '--x;', '/*y;*/', 'http://z;'",
      "SELECT 2",
    ]);
  });

  it("rejects an unterminated block comment, naming where it starts", () => {
    expect(() => texts("SELECT 1; SELECT 2 /* never closed; SELECT 3;")).toThrow(
      "syntax error line 1 at position 45 unexpected '<EOF>'. The comment that starts at line 1, position 19 is never closed.",
    );
  });
});

describe("splitStatements: strings and identifiers", () => {
  it("ignores ; inside single-quoted strings with '' and backslash escapes", () => {
    expect(texts("INSERT INTO t VALUES ('a;b', 'it''s; ok', 'back\\'s;lash', 'x\\\\');SELECT 2")).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; ok', 'back\\'s;lash', 'x\\\\')",
      "SELECT 2",
    ]);
  });

  it("ends a string after an escaped backslash", () => {
    expect(texts("SELECT 'a\\\\'; SELECT 'b'")).toEqual(["SELECT 'a\\\\'", "SELECT 'b'"]);
  });

  it("ignores ; inside double-quoted identifiers, with doubled quotes", () => {
    expect(texts('CREATE TABLE "we;ird ""name""" (x INT); SELECT 1')).toEqual([
      'CREATE TABLE "we;ird ""name""" (x INT)',
      "SELECT 1",
    ]);
  });

  it("does not treat BEGIN inside strings or identifiers as a block", () => {
    expect(texts("SELECT 'BEGIN' AS \"BEGIN\"; SELECT 2")).toEqual([`SELECT 'BEGIN' AS "BEGIN"`, "SELECT 2"]);
  });

  it("rejects an unterminated string: nothing before it is returned to run", () => {
    expect(() => texts("SELECT 1; SELECT 'abc; SELECT 3")).toThrow(
      "The string that starts at line 1, position 17 is never closed.",
    );
    // A backslash escapes the quote that would have closed it; an escaped backslash does not.
    expect(() => texts("SELECT 'abc\\'; SELECT 2")).toThrow(/string that starts at line 1, position 7/);
    expect(texts("SELECT 'abc\\\\'; SELECT 2")).toEqual(["SELECT 'abc\\\\'", "SELECT 2"]);
  });

  it("rejects an unterminated quoted identifier with Snowflake's code and the opener's position", () => {
    let caught: unknown;
    try {
      texts('SELECT 1;\nSELECT "abc FROM t');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: "001003", sqlState: "42000", line: 2, position: 7 });
    expect(String((caught as Error).message)).toContain(
      "The quoted identifier that starts at line 2, position 7",
    );
  });

  it("keeps session variables and positional columns ($x, $1) as ordinary text", () => {
    expect(texts("SET x = 5; SELECT $x, $1 FROM t;")).toEqual(["SET x = 5", "SELECT $x, $1 FROM t"]);
  });
});

describe("splitStatements: $$ bodies", () => {
  it("rejects a $$ body that is never closed (a migration would otherwise apply the rest as text)", () => {
    const script = [
      "CREATE TABLE t (a INT);",
      "CREATE OR REPLACE PROCEDURE p() RETURNS INT LANGUAGE SQL AS $$",
      "  INSERT INTO t VALUES (1);",
      "  RETURN 1;",
    ].join("\n");
    expect(() => texts(script)).toThrow(
      "syntax error line 4 at position 11 unexpected '<EOF>'. The $$ body that starts at line 2, position 60 is never closed.",
    );
  });

  it("keeps a $$ procedure body with semicolons in one statement", () => {
    const script = [
      "CREATE OR REPLACE PROCEDURE p()",
      "RETURNS VARCHAR LANGUAGE SQL AS",
      "$$",
      "BEGIN",
      "  INSERT INTO t VALUES (1);",
      "  RETURN 'done; really';",
      "END;",
      "$$;",
      "CALL p();",
    ].join("\n");
    const out = splitStatements(script);
    expect(out.map((s) => s.text)).toEqual([script.slice(0, script.indexOf("$$;") + 2), "CALL p()"]);
    expect(out[1]!.line).toBe(9);
  });

  it("handles $$ straight after AS and a ' inside the body", () => {
    expect(texts("CREATE FUNCTION f() RETURNS INT AS$$ SELECT 'a'';' $$; SELECT 2")).toEqual([
      "CREATE FUNCTION f() RETURNS INT AS$$ SELECT 'a'';' $$",
      "SELECT 2",
    ]);
  });

  it("keeps EXECUTE IMMEDIATE $$ … $$ as one statement", () => {
    expect(texts("EXECUTE IMMEDIATE $$ BEGIN SELECT 1; RETURN 2; END; $$; SELECT 3;")).toEqual([
      "EXECUTE IMMEDIATE $$ BEGIN SELECT 1; RETURN 2; END; $$",
      "SELECT 3",
    ]);
  });

  it("does not open a $$ body inside a string or comment", () => {
    expect(texts("SELECT '$$'; -- $$\nSELECT 2; /* $$ */ SELECT 3")).toEqual([
      "SELECT '$$'",
      "SELECT 2",
      "SELECT 3",
    ]);
  });
});

describe("splitStatements: Snowflake Scripting blocks", () => {
  it("keeps BEGIN … END as one statement", () => {
    const out = splitStatements(
      "BEGIN\n  CREATE TABLE a (x INT);\n  INSERT INTO a VALUES (1);\nEND;\nSELECT 1;",
    );
    expect(out.map((s) => [s.text, s.scripting])).toEqual([
      ["BEGIN\n  CREATE TABLE a (x INT);\n  INSERT INTO a VALUES (1);\nEND", true],
      ["SELECT 1", false],
    ]);
  });

  it("handles nested blocks", () => {
    expect(
      texts("BEGIN SELECT 1; BEGIN SELECT 2; BEGIN SELECT 3; END; END; SELECT 4; END; SELECT 5"),
    ).toEqual(["BEGIN SELECT 1; BEGIN SELECT 2; BEGIN SELECT 3; END; END; SELECT 4; END", "SELECT 5"]);
  });

  it("handles DECLARE … BEGIN … END", () => {
    const script =
      "DECLARE\n  x INTEGER DEFAULT 1;\n  c CURSOR FOR SELECT 1;\nBEGIN\n  x := x + 1;\n  RETURN x;\nEND;\nSELECT 9";
    const out = splitStatements(script);
    expect(out.map((s) => [s.text, s.scripting])).toEqual([
      [script.slice(0, script.indexOf("END;") + 3), true],
      ["SELECT 9", false],
    ]);
  });

  it("handles IF … END IF, CASE … END CASE and CASE expressions inside a block", () => {
    const block = [
      "BEGIN",
      "  IF (x > 1) THEN",
      "    RETURN 'big';",
      "  ELSEIF (x = 1) THEN",
      "    RETURN 'one';",
      "  ELSE",
      "    CREATE TABLE IF NOT EXISTS t (y INT);",
      "    DROP TABLE IF EXISTS u;",
      "  END IF;",
      "  CASE (x)",
      "    WHEN 1 THEN RETURN 'a';",
      "    ELSE RETURN 'b';",
      "  END CASE;",
      "  LET y := CASE WHEN x = 1 THEN 'p' ELSE 'q' END;",
      "  RETURN y;",
      "END",
    ].join("\n");
    expect(texts(`${block};SELECT 1`)).toEqual([block, "SELECT 1"]);
  });

  it("handles LOOP, FOR … DO, FOR … LOOP, WHILE … DO, REPEAT … UNTIL", () => {
    const block = [
      "DECLARE total INTEGER DEFAULT 0;",
      "BEGIN",
      "  FOR i IN 1 TO 3 DO total := total + i; END FOR;",
      "  FOR j IN 1 TO 2 LOOP total := total + j; END LOOP;",
      "  WHILE (total < 100) DO total := total * 2; END WHILE;",
      "  WHILE (total < 200) LOOP total := total + 1; END LOOP;",
      "  REPEAT total := total - 1; UNTIL (total < 50) END REPEAT;",
      "  LOOP total := total + 1; IF (total > 60) THEN BREAK; END IF; END LOOP outer;",
      "  LET s := REPEAT('x', 3);",
      "  RETURN total;",
      "END",
    ].join("\n");
    expect(texts(`${block};\nSELECT 2;`)).toEqual([block, "SELECT 2"]);
  });

  it("handles an EXCEPTION section", () => {
    const block = "BEGIN SELECT 1/0; EXCEPTION WHEN OTHER THEN RETURN 'err; ok'; END";
    expect(texts(`${block}; SELECT 2`)).toEqual([block, "SELECT 2"]);
  });

  it("keeps a procedure body written without $$ in one statement", () => {
    const script =
      "CREATE OR REPLACE PROCEDURE p() RETURNS INT LANGUAGE SQL AS BEGIN INSERT INTO t VALUES (1); RETURN 1; END; CALL p()";
    expect(texts(script)).toEqual([
      "CREATE OR REPLACE PROCEDURE p() RETURNS INT LANGUAGE SQL AS BEGIN INSERT INTO t VALUES (1); RETURN 1; END",
      "CALL p()",
    ]);
    expect(
      texts(
        "CREATE PROCEDURE q() RETURNS INT LANGUAGE SQL AS DECLARE a INT; BEGIN a := 1; RETURN a; END; SELECT 1",
      ),
    ).toEqual([
      "CREATE PROCEDURE q() RETURNS INT LANGUAGE SQL AS DECLARE a INT; BEGIN a := 1; RETURN a; END",
      "SELECT 1",
    ]);
  });

  it("does not treat a view's AS BEGIN-less body or a CASE expression at top level as a block", () => {
    expect(texts("CREATE VIEW v AS SELECT CASE WHEN a THEN 1 END AS c FROM t; SELECT 2")).toEqual([
      "CREATE VIEW v AS SELECT CASE WHEN a THEN 1 END AS c FROM t",
      "SELECT 2",
    ]);
  });
});

describe("splitStatements: transactions are not blocks", () => {
  it("treats BEGIN; as a transaction start", () => {
    const out = splitStatements("BEGIN; INSERT INTO t VALUES (1); COMMIT;");
    expect(out.map((s) => [s.text, s.scripting])).toEqual([
      ["BEGIN", false],
      ["INSERT INTO t VALUES (1)", false],
      ["COMMIT", false],
    ]);
  });

  it("treats BEGIN TRANSACTION, BEGIN WORK and BEGIN NAME as transaction starts, in any case", () => {
    expect(
      texts("begin transaction; SELECT 1; rollback; Begin Work; SELECT 2; commit; BEGIN NAME t1; SELECT 3"),
    ).toEqual([
      "begin transaction",
      "SELECT 1",
      "rollback",
      "Begin Work",
      "SELECT 2",
      "commit",
      "BEGIN NAME t1",
      "SELECT 3",
    ]);
  });

  it("treats a trailing BEGIN without ; as a transaction start", () => {
    expect(texts("SELECT 1; BEGIN")).toEqual(["SELECT 1", "BEGIN"]);
  });

  it("allows BEGIN TRANSACTION … COMMIT inside a block", () => {
    const block = "BEGIN BEGIN TRANSACTION; INSERT INTO t VALUES (1); COMMIT; RETURN 1; END";
    expect(texts(`${block}; SELECT 2`)).toEqual([block, "SELECT 2"]);
  });
});
