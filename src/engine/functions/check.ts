/**
 * The function check: every function a statement calls (scalar, aggregate, window or table
 * function) must be in Snowflake's reference (the inventory) or be a user-defined function the
 * catalog knows; anything else is Snowflake's `002140 Unknown function`. It runs on the Snowflake
 * text before translation, so DuckDB's own functions (`query()`, `read_csv()`, `glob()`,
 * `duckdb_tables()` …) never reach DuckDB: this is the engine's first wall, for every role.
 *
 * Calls are found on the engine's lexer tokens (strings, quoted identifiers and comments are never
 * misread), with just enough context to tell a call `f(` from the other places a name meets a
 * parenthesis: types (`NUMBER(10,2)`), aliases with column lists (`AS t(a, b)`, `) t(a)`), table
 * names with column lists (`INSERT INTO t (a)`), CTE column lists (`WITH c (a) AS (…)`) and keywords.
 */
import { SnowflakeError } from "../errors.js";
import type { QualifiedName } from "../hooks.js";
import { isComment, type Token, tokenize } from "../split/index.js";
import { QUERY_CLAUSE_ENDS } from "../split/token-walk.js";
import { type InventoryEntry, lookupFunction, SERVICES } from "./inventory/index.js";

/** A call found in a statement. */
export interface FunctionCall {
  /** The name parts as Snowflake stores them: unquoted parts upper-cased, quoted parts verbatim. */
  parts: string[];
  /** Whether any part was written in double quotes. */
  quoted: boolean;
  /** True in a FROM-list position (`FROM f(…)`, `JOIN f(…)`, `LATERAL f(…)`, `TABLE(f(…))`). */
  table: boolean;
  /** Character offset of the name's first part in the statement. */
  offset: number;
  /** Character offset just past the name's last part (where its `(` follows). */
  end: number;
}

/**
 * A UDF a call names: where it lives, and whether it is a table function (RETURNS TABLE);
 * `table` undefined accepts the call in either position.
 */
export interface UdfTarget extends QualifiedName {
  table?: boolean;
  /** The declared RETURNS type as written (for the type system), when the catalog records it. */
  returns?: string;
}

/**
 * The UDF that written name parts (1 to 3, as in FunctionCall.parts) name, resolved against the
 * session's database and schema, or undefined when the catalog has none.
 */
export type UdfLookup = (parts: readonly string[]) => UdfTarget | undefined;

/** Words that are followed by `(` without being called: keywords and type names. */
const NOT_CALLED = new Set([
  "ALL",
  "AND",
  "ANY",
  "AS",
  "AT",
  "BEFORE",
  "BETWEEN",
  "BY",
  "CALL",
  "CASE",
  "CHANGES",
  "CHECK",
  "CONSTRAINT",
  "CUBE",
  "DEFINE",
  "DISTINCT",
  "ELSE",
  "END",
  "EXCEPT",
  "EXCLUDE",
  "EXISTS",
  "FETCH",
  "FOREIGN",
  "FROM",
  "GROUP",
  "HAVING",
  "IDENTIFIER",
  "ILIKE",
  "IN",
  "INCLUDE",
  "INTERSECT",
  "INTO",
  "IS",
  "JOIN",
  "KEY",
  "LATERAL",
  "LIKE",
  "LIMIT",
  "MATCH_CONDITION",
  "MATCH_RECOGNIZE",
  "MEASURES",
  "MINUS",
  "NOT",
  "OFFSET",
  "ON",
  "OR",
  "ORDER",
  "OVER",
  "PARTITION",
  "PATTERN",
  "PIVOT",
  "PRIMARY",
  "QUALIFY",
  "RECURSIVE",
  "REFERENCES",
  "REGEXP",
  "RENAME",
  "REPEATABLE",
  "RETURN",
  "RETURNS",
  "ROLLUP",
  "SAMPLE",
  "SEED",
  "SELECT",
  "SET",
  "SETS",
  "SOME",
  "TABLE",
  "TABLESAMPLE",
  "THEN",
  "UNION",
  "UNIQUE",
  "UNPIVOT",
  "USING",
  "VALUES",
  "WHEN",
  "WHERE",
  "WITH",
  // Types (CHAR, DATE and TIME are also functions, so they are looked up like any call).
  "ARRAY",
  "BIGINT",
  "BINARY",
  "BYTEINT",
  "CHARACTER",
  "DATETIME",
  "DECFLOAT",
  "DECIMAL",
  "DOUBLE",
  "FLOAT",
  "FLOAT4",
  "FLOAT8",
  "GEOGRAPHY",
  "GEOMETRY",
  "INT",
  "INTEGER",
  "MAP",
  "NCHAR",
  "NUMBER",
  "NUMERIC",
  "NVARCHAR",
  "NVARCHAR2",
  "OBJECT",
  "REAL",
  "SMALLINT",
  "STRING",
  "TEXT",
  "TIMESTAMP",
  "TIMESTAMP_LTZ",
  "TIMESTAMP_NTZ",
  "TIMESTAMP_TZ",
  "TINYINT",
  "VARBINARY",
  "VARCHAR",
  "VARIANT",
  "VECTOR",
]);

/** Keywords after which a name followed by `(` is a call (any other word before it is an identifier). */
const BEFORE_CALL = new Set([
  "ALL",
  "AND",
  "ANY",
  "BETWEEN",
  "BY",
  "CASE",
  "DEFAULT",
  "DISTINCT",
  "ELSE",
  "ESCAPE",
  "EXCEPT",
  "EXISTS",
  "FROM",
  "HAVING",
  "ILIKE",
  "IN",
  "INTERSECT",
  "INTERVAL",
  "IS",
  "JOIN",
  "LATERAL",
  "LIKE",
  "LIMIT",
  "MINUS",
  "NOT",
  "OFFSET",
  "ON",
  "OR",
  "PRIOR",
  "QUALIFY",
  "REGEXP",
  "RETURN",
  "RLIKE",
  "SELECT",
  "SET",
  "SOME",
  "THEN",
  "TOP",
  "UNION",
  "USING",
  "VALUES",
  "WHEN",
  "WHERE",
  "WITH",
]);

/** Words before a name that make it a table, view or routine name, not a call. */
const NAMES_AN_OBJECT = new Set(["AS", "INTO", "TABLE", "VIEW", "FUNCTION", "PROCEDURE", "CALL", "UPDATE"]);

/** Words that end a FROM list at their depth. */
const ENDS_FROM = new Set([
  ...QUERY_CLAUSE_ENDS,
  "ON",
  "SET",
  "VALUES",
  "CONNECT",
  "START",
  "MATCH_RECOGNIZE",
  "PIVOT",
  "UNPIVOT",
  "SAMPLE",
  "TABLESAMPLE",
  "SELECT",
  "WHEN",
]);

interface Frame {
  /** A call's argument list, or any other parenthesis. */
  call: boolean;
  /** The parenthesis of `TABLE(…)`: its first call is a table function. */
  table: boolean;
  /** Whether the words at this depth are in a FROM list. */
  inFrom: boolean;
}

const punct = (sql: string, t: Token | undefined, ch: string): boolean =>
  t !== undefined && t.kind === "punct" && sql[t.start] === ch;

const isName = (t: Token | undefined): boolean =>
  t !== undefined && (t.kind === "word" || t.kind === "quoted-identifier");

function partOf(sql: string, t: Token): string {
  if (t.kind === "quoted-identifier") return sql.slice(t.start + 1, t.end - 1).replaceAll('""', '"');
  return t.upper as string;
}

/** Index of the `)` closing the `(` at `open`, or -1. */
function closing(sql: string, tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (punct(sql, tokens[k], "(")) depth++;
    else if (punct(sql, tokens[k], ")") && --depth === 0) return k;
  }
  return -1;
}

/** `*` as a star (SELECT *, t.*), not a multiplication: what follows it are star modifiers. */
function isStar(sql: string, tokens: Token[], k: number): boolean {
  if (!punct(sql, tokens[k], "*")) return false;
  const before = tokens[k - 1];
  return (
    before === undefined ||
    punct(sql, before, ",") ||
    punct(sql, before, ".") ||
    punct(sql, before, "(") ||
    (before.kind === "word" && ["SELECT", "DISTINCT", "ALL"].includes(before.upper as string))
  );
}

/** Whether the name chain `tokens[first..last]`, followed by `(`, is a function call. */
function isCall(sql: string, tokens: Token[], first: number, last: number): boolean {
  const name = tokens[last] as Token;
  if (first === last && name.kind === "word" && NOT_CALLED.has(name.upper as string)) return false;
  // `t.c(+)`: the outer-join mark on a column (outer-join-marks.ts), not a call.
  if (punct(sql, tokens[last + 2], "+") && punct(sql, tokens[last + 3], ")")) return false;
  const before = tokens[first - 1];
  if (before !== undefined) {
    // `x::NUMBER(10, 2)`: a type.
    if (punct(sql, before, ":") && punct(sql, tokens[first - 2], ":")) return false;
    // `) t(a, b)`: an alias with column names; `COUNT(x) FILTER (WHERE …)`: an aggregate's filter.
    if (punct(sql, before, ")")) return false;
    if (before.kind === "quoted-identifier") return false;
    if (before.kind === "word") {
      const word = before.upper as string;
      if (NAMES_AN_OBJECT.has(word)) return false;
      // `CREATE TABLE IF NOT EXISTS t (…)`.
      if (word === "EXISTS" && tokens[first - 2]?.upper === "NOT" && tokens[first - 3]?.upper === "IF")
        return false;
      // `MERGE … THEN INSERT (a, b) VALUES …`.
      if (word === "THEN" && name.upper === "INSERT" && first === last) return false;
      if (!BEFORE_CALL.has(word)) return false;
    }
    // `SELECT * REPLACE (…)`, `* EXCLUDE (…)`: star modifiers.
    if (isStar(sql, tokens, first - 1)) return false;
  }
  // `WITH c (a, b) AS (…)`: a CTE's column list.
  const close = closing(sql, tokens, last + 1);
  const after = tokens[close + 1];
  if (close >= 0 && after?.kind === "word" && after.upper === "AS" && punct(sql, tokens[close + 2], "("))
    return false;
  return true;
}

/** The last statement's calls: the function check, the UDF-call rewrite and the USAGE check all ask for them. */
let lastCalls: { sql: string; calls: readonly FunctionCall[] } | undefined;

/** Every function call in a Snowflake statement, in text order (the array is shared: do not change it). */
export function findFunctionCalls(sql: string): readonly FunctionCall[] {
  if (lastCalls?.sql === sql) return lastCalls.calls;
  const calls = scanFunctionCalls(sql);
  lastCalls = { sql, calls };
  return calls;
}

function scanFunctionCalls(sql: string): FunctionCall[] {
  const tokens = tokenize(sql).filter((t) => !isComment(t));
  const calls: FunctionCall[] = [];
  const frames: Frame[] = [{ call: false, table: false, inFrom: false }];
  const callParens = new Set<number>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    const frame = frames[frames.length - 1] as Frame;
    if (punct(sql, t, "(")) {
      const before = tokens[k - 1];
      frames.push({
        call: callParens.has(k),
        table: before?.kind === "word" && before.upper === "TABLE",
        inFrom: false,
      });
      continue;
    }
    if (punct(sql, t, ")")) {
      if (frames.length > 1) frames.pop();
      continue;
    }
    if (t.kind === "word" && !frame.call) {
      const word = t.upper as string;
      const previous = tokens[k - 1];
      if (
        (word === "FROM" && !(previous?.kind === "word" && previous.upper === "DISTINCT")) ||
        word === "JOIN"
      )
        frame.inFrom = true;
      else if (ENDS_FROM.has(word)) frame.inFrom = false;
    }
    if (!isName(t) || !punct(sql, tokens[k + 1], "(")) continue;
    // The whole dotted chain ends here; its first part is where the call starts.
    let first = k;
    while (punct(sql, tokens[first - 1], ".") && isName(tokens[first - 2])) first -= 2;
    if (!isCall(sql, tokens, first, k)) continue;
    callParens.add(k + 1);
    const parts: string[] = [];
    let quoted = false;
    for (let p = first; p <= k; p += 2) {
      const part = tokens[p] as Token;
      quoted ||= part.kind === "quoted-identifier";
      parts.push(partOf(sql, part));
    }
    const before = tokens[first - 1];
    const beforeWord = before?.kind === "word" ? (before.upper as string) : "";
    const distinctFrom = beforeWord === "FROM" && tokens[first - 2]?.upper === "DISTINCT";
    const table =
      (!frame.call && ["FROM", "JOIN", "LATERAL"].includes(beforeWord) && !distinctFrom) ||
      (punct(sql, before, ",") && frame.inFrom && !frame.call) ||
      (punct(sql, before, "(") && frame.table);
    calls.push({ parts, quoted, table, offset: (tokens[first] as Token).start, end: t.end });
  }
  return calls;
}

const COMPILATION = "SQL compilation error:\n";

/** Snowflake's error for a function it does not have (a qualified name is a user-defined one). */
export function unknownFunction(call: FunctionCall): SnowflakeError {
  const name = call.parts.join(".");
  return call.parts.length > 1
    ? new SnowflakeError("002141", "42601", `${COMPILATION}Unknown user-defined function ${name}`)
    : new SnowflakeError("002140", "42601", `${COMPILATION}Unknown function ${name}`);
}

/** The error for a call the inventory marks `n/a` or `unsupported`, or null when it may run. */
export function refusal(name: string, entries: readonly InventoryEntry[]): SnowflakeError | null {
  const runnable = entries.find((e) => e.status === "covered" || e.status === "todo");
  if (runnable !== undefined || entries.length === 0) return null;
  const entry = entries.find((e) => e.status === "n/a") ?? (entries[0] as InventoryEntry);
  if (entry.status === "n/a") {
    const service = entry.service === undefined ? "a Snowflake cloud service" : SERVICES[entry.service];
    return new SnowflakeError(
      "002040",
      "0A000",
      `${COMPILATION}Function ${name} needs ${service}, which the local engine does not have. Run it against a Snowflake environment.`,
    );
  }
  const note = entry.note === undefined ? "" : ` (${entry.note})`;
  return new SnowflakeError(
    "002040",
    "0A000",
    `${COMPILATION}Function ${name} is not emulated by the local engine${note}. Run it against a Snowflake environment.`,
  );
}

/**
 * The inventory entries a (possibly qualified) name means. `[db.]INFORMATION_SCHEMA.NAME(…)` is how
 * Snowflake's documentation calls the information schema table functions: it means the entry NAME
 * of that category, so its status decides (not "Unknown user-defined function").
 */
function entriesOf(parts: readonly string[]): readonly InventoryEntry[] {
  const schema = parts.length >= 2 ? (parts[parts.length - 2] as string).toUpperCase() : "";
  if (schema === "INFORMATION_SCHEMA" && parts.length <= 3) {
    const inSchema = lookupFunction(parts[parts.length - 1] as string).filter(
      (e) => e.category === "information-schema",
    );
    if (inSchema.length > 0) return inSchema;
  }
  return lookupFunction(parts.join("."));
}

/**
 * Throws Snowflake's error for the first call that is neither a function of the reference nor a UDF
 * the catalog knows. A scalar UDF is accepted where a scalar function may stand, never in a FROM
 * list, and a table UDF only there (a DuckDB table function of the same name must not answer).
 */
export function checkFunctionCalls(sql: string, isUdf: UdfLookup = () => undefined): void {
  for (const call of findFunctionCalls(sql)) {
    const written = call.parts.join(".");
    const entries = call.quoted && written !== written.toUpperCase() ? [] : entriesOf(call.parts);
    if (entries.length > 0) {
      const refused = refusal(written.toUpperCase(), entries);
      if (refused) throw refused;
      continue;
    }
    // A scalar UDF where a scalar may stand, a table UDF in a FROM list (inside TABLE(…)).
    const udf = call.parts.length <= 3 ? isUdf(call.parts) : undefined;
    if (udf !== undefined && (udf.table === undefined || udf.table === call.table)) continue;
    throw unknownFunction(call);
  }
}
