/**
 * Text rewrites before the transpiler for fid-core's families (type system, conversion, numeric,
 * context, data generation, hash, table functions): calls the transpiler maps onto a DuckDB function
 * with other semantics (CURRENT_VERSION -> DuckDB's version()), rejects (RANDSTR, ZIPF) or passes
 * through as names DuckDB lacks are renamed to the engine's macros (*-macros.ts). Strings, quoted
 * identifiers and comments are never touched.
 */
import {
  applyEdits,
  type Edit,
  type FoundCall,
  findCalls,
  type Lexed,
  lex,
  stringLiteralValue,
} from "./calls.js";

/** Snowflake function -> the engine's macro of the same arguments. */
const RENAMES: Record<string, string> = {
  SYSTEM$TYPEOF: "MERC_SYSTEM_TYPEOF",
  CURRENT_VERSION: "MERC_CURRENT_VERSION",
  CURRENT_TRANSACTION: "MERC_CURRENT_TRANSACTION",
  COT: "MERC_COT",
  RANDSTR: "MERC_RANDSTR",
  ZIPF: "MERC_ZIPF",
  SPLIT_TO_TABLE: "MERC_SPLIT_TO_TABLE",
};

/**
 * Context functions that may be written without parentheses: DuckDB reads a bare CURRENT_DATE as a
 * column where the select list names its own column CURRENT_DATE (Snowflake's name for it), and
 * lacks the precision argument. Every form becomes the engine's macro; the precision only changes
 * how many fractional digits are shown.
 */
const NOW: Record<string, string> = {
  CURRENT_DATE: "MERC_CURRENT_DATE()",
  CURRENT_TIMESTAMP: "MERC_CURRENT_TIMESTAMP()",
  LOCALTIMESTAMP: "MERC_CURRENT_TIMESTAMP()",
  CURRENT_TIME: "MERC_CURRENT_TIME()",
  LOCALTIME: "MERC_CURRENT_TIME()",
};
const BARE = new Set(Object.keys(NOW));

/** Bare context keywords (`SELECT CURRENT_DATE`): the edits giving their macro calls. */
function bareNow(lexed: Lexed): Edit[] {
  const edits: Edit[] = [];
  const { tokens, sql } = lexed;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== "word" || NOW[t.upper!] === undefined) continue;
    const next = tokens[k + 1];
    const previous = tokens[k - 1];
    if (next?.kind === "punct" && (sql[next.start] === "(" || sql[next.start] === ".")) continue;
    if (previous?.kind === "punct" && sql[previous.start] === ".") continue;
    if (previous?.kind === "word" && previous.upper === "AS") continue;
    edits.push({ start: t.start, end: t.end, text: NOW[t.upper!]! });
  }
  return edits;
}
/**
 * `CURRENT_TIMESTAMP(p)` / `CURRENT_TIME(p)`: the moment in a TIMESTAMP_LTZ(p) / TIME(p), so the
 * result type (and the digits FF shows) keep the precision Snowflake gives it.
 */
function withPrecision(call: FoundCall): string {
  const now = NOW[call.name]!;
  const precision = call.args.length === 1 ? /^\d$/.exec(call.args[0]!.text)?.[0] : undefined;
  if (precision === undefined || call.name === "CURRENT_DATE") return now;
  const type = call.name.endsWith("TIMESTAMP") ? "TIMESTAMP_LTZ" : "TIME";
  return `CAST(${now} AS ${type}(${precision}))`;
}

/** TO_DECIMAL and its synonyms, with the TRY_ forms. */
const TO_DECIMAL = new Set(["TO_DECIMAL", "TO_NUMBER", "TO_NUMERIC"]);
const TRY_TO_DECIMAL = new Set(["TRY_TO_DECIMAL", "TRY_TO_NUMBER", "TRY_TO_NUMERIC"]);

const NAMES = new Set([
  ...Object.keys(RENAMES),
  ...BARE,
  ...TO_DECIMAL,
  ...TRY_TO_DECIMAL,
  "HASH",
  "GENERATOR",
  "STRTOK_SPLIT_TO_TABLE",
]);
const HINT =
  /TYPEOF|CURRENT_VERSION|CURRENT_TRANSACTION|TO_DECIMAL|TO_NUMBER|TO_NUMERIC|COT|RANDSTR|ZIPF|SPLIT_TO_TABLE|LOCALTIME|CURRENT_TIME|CURRENT_DATE|HASH|GENERATOR/i;

/** GENERATOR's named arguments: ROWCOUNT wins; TIMELIMIT alone makes a bounded number of rows at once. */
function generator(call: FoundCall): string | null {
  let rowcount: string | null = null;
  let timelimit: string | null = null;
  for (const arg of call.args) {
    const m = /^"?(ROWCOUNT|TIMELIMIT)"?\s*=>\s*([\s\S]+)$/i.exec(arg.text);
    if (!m) return null;
    if ((m[1] as string).toUpperCase() === "ROWCOUNT") rowcount = m[2] as string;
    else timelimit = m[2] as string;
  }
  if (rowcount !== null && timelimit === null) return null;
  // Rows "generated within the time limit" depend on the machine; the engine makes 1,000 a second at once.
  const count = rowcount ?? (timelimit === null ? "0" : `(${timelimit}) * 1000`);
  return `GENERATOR(ROWCOUNT => ${count})`;
}

/**
 * The arguments of `TO_DECIMAL(expr [, 'format'] [, precision [, scale]])`: Snowflake takes the
 * format, precision and scale as constants. Null when they are not literals.
 */
export function decimalArguments(
  call: FoundCall,
  lexed: Lexed,
): { expr: string; format: string | null; precision: number; scale: number } | null {
  const [first, ...rest] = call.args;
  if (first === undefined || rest.length > 3) return null;
  const format = rest[0] ? stringLiteralValue(lexed.sql, rest[0].token) : null;
  const numbers = (format === null ? rest : rest.slice(1)).map((a) => a.text);
  if (numbers.length > 2 || numbers.some((n) => !/^\d+$/.test(n))) return null;
  const precision = numbers[0] === undefined ? 38 : Number(numbers[0]);
  const scale = numbers[1] === undefined ? 0 : Number(numbers[1]);
  return { expr: first.text, format, precision, scale };
}

/** TO_DECIMAL / TRY_TO_DECIMAL: the value's text (after its format) cast to NUMBER(p, s). */
function toDecimal(call: FoundCall, lexed: Lexed): string | null {
  const args = decimalArguments(call, lexed);
  if (args === null) return null;
  const attempt = TRY_TO_DECIMAL.has(call.name);
  const macro = attempt ? "MERC_TRY_NUMERIC_TEXT" : "MERC_NUMERIC_TEXT";
  const format = args.format === null ? "" : `, '${args.format.replaceAll("'", "''")}'`;
  return `${attempt ? "TRY_CAST" : "CAST"}(${macro}(${args.expr}${format}) AS NUMBER(${args.precision}, ${args.scale}))`;
}

/** Rewrites the families' calls; returns the input when none is present. */
export function rewriteCoreBefore(sql: string): string {
  if (!HINT.test(sql)) return sql;
  let current = /CURRENT_|LOCALTIME/i.test(sql) ? applyEdits(sql, bareNow(lex(sql, true))).sql : sql;
  // Outermost calls first; a nested call is rewritten by the next pass.
  for (let pass = 0; pass < 8; pass++) {
    const lexed = lex(current, true);
    const edits: Edit[] = [];
    for (const call of findCalls(lexed, NAMES)) {
      if (RENAMES[call.name] !== undefined) {
        edits.push({ start: call.nameStart, end: call.nameEnd, text: RENAMES[call.name] as string });
        continue;
      }
      if (BARE.has(call.name)) {
        edits.push({ start: call.nameStart, end: call.end, text: withPrecision(call) });
        continue;
      }
      if (call.name === "STRTOK_SPLIT_TO_TABLE") {
        // The delimiter list defaults to a single space.
        const args = call.args.map((a) => a.text);
        if (args.length === 1) args.push("' '");
        if (args.length !== 2) continue;
        edits.push({
          start: call.nameStart,
          end: call.end,
          text: `MERC_STRTOK_SPLIT_TO_TABLE(${args.join(", ")})`,
        });
        continue;
      }
      if (call.name === "HASH") {
        // DuckDB's hash is unsigned; Snowflake's HASH is a signed 64-bit value.
        if (call.args.length === 0 || call.args.some((a) => a.text.includes("*"))) continue;
        const args = call.args.map((a) => a.text).join(", ");
        edits.push({ start: call.nameStart, end: call.end, text: `MERC_SIGNED(MERC_HASH_KEEP(${args}))` });
        continue;
      }
      if (call.name === "GENERATOR") {
        const text = generator(call);
        if (text !== null) edits.push({ start: call.nameStart, end: call.end, text });
        continue;
      }
      const text = toDecimal(call, lexed);
      if (text !== null) edits.push({ start: call.nameStart, end: call.end, text });
    }
    if (edits.length === 0) break;
    const applied = applyEdits(current, edits);
    current = applied.sql;
    if (applied.skipped === 0) break;
  }
  return current.replace(/\bMERC_HASH_KEEP\(/g, "HASH(");
}

/** The transpiler's SEQn() without a generator at hand: a row number over no order. */
const SEQ_ROW_NUMBER = "(ROW_NUMBER() OVER (ORDER BY 1 NULLS FIRST) - 1)";

/**
 * After the transpiler: SEQ1/2/4/8 in a statement over one GENERATOR read the generator's row
 * number (`range` of DuckDB's RANGE(n)), as the transpiler already does for SEQn(1). Its
 * ROW_NUMBER() stand-in is a window function, which DuckDB refuses inside an aggregate
 * (`COUNT(SEQ4())`) or another window's ORDER BY (`ROW_NUMBER() OVER (ORDER BY SEQ4())`).
 */
export function rewriteCoreAfter(sql: string): string {
  if (!sql.includes(SEQ_ROW_NUMBER)) return sql;
  const generators = sql.match(/\bRANGE\(/gi)?.length ?? 0;
  if (generators !== 1) return sql;
  // Only the query reading the generator sees `range`: SEQn() in an enclosing query (the ORDER BY of
  // `SELECT * FROM (SELECT seq2() … FROM GENERATOR(…)) ORDER BY seq2()`) numbers that query's rows.
  const { start, end } = enclosingQuery(lex(sql, false), sql.search(/\bRANGE\(/i));
  return sql.slice(0, start) + sql.slice(start, end).replaceAll(SEQ_ROW_NUMBER, "range") + sql.slice(end);
}

/** The text span of the innermost parenthesised query (or the whole statement) around `at`. */
function enclosingQuery(lexed: Lexed, at: number): { start: number; end: number } {
  const { sql, tokens } = lexed;
  const open: number[] = [];
  let start = 0;
  let end = sql.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Lexed["tokens"][number];
    const ch = t.kind === "punct" ? sql[t.start] : "";
    if (t.start >= at && open.length === 0) break;
    if (ch === "(") open.push(i);
    else if (ch === ")") {
      const opened = open.pop();
      if (opened === undefined || t.start < at) continue;
      const first = tokens[opened + 1];
      const startsQuery = first?.upper === "SELECT" || first?.upper === "WITH";
      if (startsQuery && (tokens[opened] as Lexed["tokens"][number]).start < at) {
        start = (tokens[opened] as Lexed["tokens"][number]).end;
        end = t.start;
        break;
      }
    }
  }
  return { start, end };
}
