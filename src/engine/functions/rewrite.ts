/**
 * Text rewrites around the transpiler, done on tokens so strings and comments are never touched.
 * - before translation (Snowflake SQL): calls the transpiler gets wrong are spelled out in
 *   Snowflake SQL or renamed to `MERC_*` macros it passes through untouched;
 * - after translation (DuckDB SQL): constructs DuckDB lacks and a macro cannot express are spelled out.
 * Each pass rewrites the outermost matches; nested matches are picked up by the next pass.
 */
import {
  applyEdits,
  type Edit,
  type FoundCall,
  findCalls,
  type Lexed,
  lex,
  overClauseEnd,
  quoteLiteral,
  stringLiteralValue,
} from "./calls.js";
import { semistructuredConstants } from "./constants.js";
import { FLATTEN_PARAMETERS } from "./flatten.js";
import {
  castEdits,
  DATETIME_HINT,
  DATETIME_REWRITERS,
  type DateTimeContext,
  timestampTypeEdits,
} from "../datetime/rewrite.js";
import { MAX_OBJECT_PAIRS } from "./macros.js";
import { HASH_REWRITERS } from "./rewrite-hash.js";
import { REGEXP_FUNCTIONS, rewriteFullMatch, rewriteRegexpCall } from "./rewrite-regexp.js";
import {
  AGGREGATE_REWRITERS,
  KEEP_PREFIX,
  rewriteTrailingCall,
  TRAILING_REWRITERS,
} from "./rewrite-aggregate.js";
import { rewriteVariantCall, VARIANT_FUNCTIONS } from "./rewrite-variant.js";
import { rewriteWindowCall, WINDOW_FUNCTIONS } from "./rewrite-window.js";
import { bareValues, mergeSetTargets } from "./statements.js";
import { isNumberFormat } from "./number-format.js";

type Rewriter = (call: FoundCall, lexed: Lexed) => string | null;

/** `NAME => value` for a named argument, or null (the core's name resolution may have quoted NAME). */
function namedArgument(text: string): { name: string; value: string } | null {
  const m = /^"?([A-Za-z_]+)"?\s*=>\s*([\s\S]*)$/.exec(text);
  return m ? { name: m[1]!.toUpperCase(), value: m[2]! } : null;
}

/** TO_CHAR / TO_VARCHAR of a BINARY with a binary format; date/time formats are datetime/rewrite.ts's. */
const toChar: Rewriter = (call, lexed) => {
  const format = stringLiteralValue(lexed.sql, call.args[1]?.token ?? null);
  const binary = format === null ? undefined : BINARY_FORMATS[format.toUpperCase()];
  if (call.args.length === 2 && binary) return binary(`CAST((${call.args[0]!.text}) AS BINARY)`);
  // A numeric format model (number-format.ts): the number's exact text, formatted in JavaScript.
  if (call.args.length === 2 && format !== null && isNumberFormat(format))
    return `MERC_NUMBER_FORMAT(CAST((${call.args[0]!.text}) AS VARCHAR), ${call.args[1]!.text})`;
  return null;
};

/** FLATTEN(…) with named or positional arguments: MERC_FLATTEN with all five, positionally. */
const flatten: Rewriter = (call) => {
  const values = FLATTEN_PARAMETERS.map(([, fallback]) => fallback);
  let position = 0;
  for (const arg of call.args) {
    const named = namedArgument(arg.text);
    const index = named ? FLATTEN_PARAMETERS.findIndex(([name]) => name === named.name) : position++;
    if (index < 0 || index >= values.length) return null;
    values[index] = named ? named.value : arg.text;
  }
  return `MERC_FLATTEN(${values.join(", ")})`;
};

/** CONCAT: `||`, which (unlike DuckDB's CONCAT) yields NULL when any argument is NULL, as Snowflake's does. */
const concat: Rewriter = (call) => {
  if (call.args.length === 0) return null;
  return `(${call.args.map((a) => `(${a.text})`).join(" || ")})`;
};

/** MOD(a, b): the transpiler emits a bare `a % b`, which binds to a neighbouring `*` (10 * MOD(17, 10) gave 0). */
const mod: Rewriter = (call) => {
  if (call.args.length !== 2) return null;
  return `((${call.args[0]!.text}) % (${call.args[1]!.text}))`;
};

/**
 * OBJECT_CONSTRUCT[_KEEP_NULL](k, v, …): a JSON object without (or with) the SQL-NULL pairs. The
 * `*` forms (`*`, `* ILIKE 'p'`, `* EXCLUDE …`) become placeholders the DuckDB side expands over the
 * FROM clause's columns (see rewriteAfterTranslate).
 */
const objectConstruct: Rewriter = (call) => {
  const keep = call.name === "OBJECT_CONSTRUCT_KEEP_NULL" ? "TRUE" : "FALSE";
  if (call.args.length === 1 && call.args[0]!.text === "*") return `MERC_OBJECT_STAR(${keep}, '%')`;
  // `* ILIKE 'p'` (the core's prepass may already have spelled it MERC_STAR_ILIKE('p')).
  const ilike =
    call.args.length === 1
      ? /^(?:\*\s+ILIKE\s+('(?:[^']|'')*')|MERC_STAR_ILIKE\(\s*('(?:[^']|'')*')\s*\))$/i.exec(
          call.args[0]!.text,
        )
      : null;
  if (ilike) return `MERC_OBJECT_STAR(${keep}, ${ilike[1] ?? ilike[2]})`;
  // `* EXCLUDE col` / `* EXCLUDE (a, b)`: the names are resolved (quoted, encoded) by now.
  const exclude =
    call.args.length >= 1 ? /^\*\s+EXCLUDE\s*\(?\s*([\s\S]*?)\s*\)?$/i.exec(call.args[0]!.text) : null;
  if (exclude) {
    const names = [exclude[1]!, ...call.args.slice(1).map((a) => a.text.replace(/\)\s*$/, ""))]
      .join(",")
      .split(",")
      .map((n) => n.trim().replace(/^"|"$/g, "").replaceAll('""', '"'));
    return `MERC_OBJECT_STAR_EXCLUDE(${keep}, ${names.map(quoteLiteral).join(", ")})`;
  }
  const n = call.args.length;
  if (n === 0 || n % 2 !== 0 || n / 2 > MAX_OBJECT_PAIRS) return null;
  if (call.args.some((a) => a.text.startsWith("*"))) return null;
  return `MERC_${call.name}(${call.args.map((a) => a.text).join(", ")})`;
};

/** The inside of an OVER (…) clause without its ORDER BY / frame (RATIO_TO_REPORT ignores the order). */
function partitionOnly(window: string): string {
  const lexed = lex(window, true);
  let depth = 0;
  for (let k = 0; k < lexed.tokens.length; k++) {
    const t = lexed.tokens[k]!;
    const c = t.kind === "punct" ? window[t.start] : "";
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 1 && t.kind === "word" && t.upper === "ORDER") {
      return `${window.slice(0, t.start).trimEnd()})`;
    }
  }
  return window;
}

/** PARSE_JSON / TRY_PARSE_JSON (text, parameter): the JavaScript reader in json.ts (scalars.ts). */
const parseJsonCall: Rewriter = (call) => {
  if (call.args.length < 1 || call.args.length > 2) return null;
  const target = call.name === "PARSE_JSON" ? "MERC_JSON_PARSE" : "MERC_JSON_TRY_PARSE";
  const parameter = call.args[1] ? `CAST((${call.args[1].text}) AS VARCHAR)` : "'s'";
  return `${target}(CAST((${call.args[0]!.text}) AS VARCHAR), ${parameter})`;
};

/** TO_JSON(variant): Snowflake's canonical text (sorted keys, compact). */
const toJson: Rewriter = (call) =>
  call.args.length === 1 ? `MERC_TO_JSON(MERC_JSON_TEXT(${call.args[0]!.text}))` : null;

/** CONCAT_WS: `||` between the values and separators, so that any NULL makes the result NULL. */
const concatWs: Rewriter = (call) => {
  if (call.args.length < 2) return null;
  const [separator, ...values] = call.args.map((a) => `(${a.text})`);
  return `(${values.join(` || ${separator} || `)})`;
};

/** POSITION(needle, haystack [, start]) and CHARINDEX: characters of strings, bytes of BINARY values. */
const position: Rewriter = (call) => {
  if (call.args.length < 2 || call.args.length > 3) return null;
  const [needle, haystack, start] = call.args;
  return `MERC_POSITION(${needle!.text}, ${haystack!.text}, CAST((${start ? start.text : "1"}) AS BIGINT))`;
};

/** EDITDISTANCE(a, b [, max]) over characters. */
const editDistance: Rewriter = (call) => {
  if (call.args.length < 2 || call.args.length > 3) return null;
  const [a, b, max] = call.args;
  const cap = max ? `, CAST((${max.text}) AS BIGINT)` : "";
  return `MERC_EDITDISTANCE(CAST((${a!.text}) AS VARCHAR), CAST((${b!.text}) AS VARCHAR)${cap})`;
};

/** The string function INSERT(base, pos, len, insert), not `MERGE … THEN INSERT (a, b, c, d)`. */
const insertFunction: Rewriter = (call, lexed) =>
  call.args.length === 4 && !/\bTHEN\s*$/i.test(lexed.sql.slice(0, call.nameStart))
    ? `MERC_INSERT(${call.args.map((a) => a.text).join(", ")})`
    : null;

/** `NAME(args)` as `MERC_NAME(args)` when it has `count` arguments. */
const toMacro =
  (count: number): Rewriter =>
  (call) =>
    call.args.length === count ? `MERC_${call.name}(${call.args.map((a) => a.text).join(", ")})` : null;

/** BASE64_ENCODE(input [, max_line_length [, alphabet]]). */
const base64Encode: Rewriter = (call) => {
  const [input, lineLength, alphabet] = call.args;
  if (call.args.length === 1) return `MERC_BASE64_ENCODE(${input!.text})`;
  if (call.args.length > 3) return null;
  return `MERC_BASE64_LINES(${input!.text}, CAST((${lineLength!.text}) AS BIGINT), CAST((${alphabet?.text ?? "''"}) AS VARCHAR))`;
};

/** TO_VARCHAR / TO_CHAR of a BINARY with a binary format ('HEX', 'BASE64', 'UTF-8'). */
const BINARY_FORMATS: Record<string, (x: string) => string> = {
  HEX: (x) => `upper(hex(${x}))`,
  BASE64: (x) => `to_base64(${x})`,
  "UTF-8": (x) => `decode(${x})`,
  UTF8: (x) => `decode(${x})`,
};

/** LPAD / RPAD (base, length [, pad]): VARCHAR or BINARY, one JavaScript overload each (scalars.ts). */
const pad: Rewriter = (call) => {
  if (call.args.length < 2 || call.args.length > 3) return null;
  const [base, length, fill] = call.args;
  return `MERC_${call.name}(${base!.text}, CAST((${length!.text}) AS BIGINT), ${fill ? fill.text : "' '"})`;
};

/** A Snowflake alias the transpiler does not know, called by its main name. */
const renameTo =
  (name: string): Rewriter =>
  (call, lexed) =>
    `${name}${lexed.sql.slice(call.open, call.end)}`;

const BEFORE: Record<string, Rewriter> = {
  ARRAYAGG: renameTo("ARRAY_AGG"),
  VAR_SAMP: renameTo("VARIANCE"),
  VARIANCE_SAMP: renameTo("VARIANCE"),
  VARIANCE_POP: renameTo("VAR_POP"),
  PARSE_JSON: parseJsonCall,
  LENGTH: (call) => (call.args.length === 1 ? `MERC_LENGTH(${call.args[0]!.text})` : null),
  LEN: (call) => (call.args.length === 1 ? `MERC_LENGTH(${call.args[0]!.text})` : null),
  LPAD: pad,
  CONCAT_WS: concatWs,
  POSITION: position,
  CHARINDEX: position,
  EDITDISTANCE: editDistance,
  INSERT: insertFunction,
  UPPER: toMacro(1),
  CHR: toMacro(1),
  REVERSE: toMacro(1),
  SPLIT: (call) =>
    call.args.length === 2
      ? `MERC_SPLIT(CAST((${call.args[0]!.text}) AS VARCHAR), CAST((${call.args[1]!.text}) AS VARCHAR))`
      : null,
  SUBSTR: (call) =>
    call.args.length >= 2 ? `MERC_SUBSTR(${call.args.map((a) => a.text).join(", ")})` : null,
  SUBSTRING: (call) =>
    call.args.length >= 2 ? `MERC_SUBSTR(${call.args.map((a) => a.text).join(", ")})` : null,
  BASE64_ENCODE: base64Encode,
  UNICODE: toMacro(1),
  OCTET_LENGTH: toMacro(1),
  STRTOK_TO_ARRAY: (call) =>
    call.args.length === 1 || call.args.length === 2
      ? `MERC_STRTOK_TO_ARRAY(CAST((${call.args[0]!.text}) AS VARCHAR), CAST((${call.args[1]?.text ?? "' '"}) AS VARCHAR))`
      : null,
  RPAD: pad,
  TRY_PARSE_JSON: parseJsonCall,
  TO_JSON: toJson,
  TO_CHAR: toChar,
  TO_VARCHAR: toChar,
  FLATTEN: flatten,
  CONCAT: concat,
  MOD: mod,
  OBJECT_CONSTRUCT: objectConstruct,
  OBJECT_CONSTRUCT_KEEP_NULL: objectConstruct,
  ...Object.fromEntries(REGEXP_FUNCTIONS.map((name) => [name, rewriteRegexpCall])),
  ...Object.fromEntries(VARIANT_FUNCTIONS.map((name) => [name, rewriteVariantCall])),
  ...AGGREGATE_REWRITERS,
  ...HASH_REWRITERS,
};
const BEFORE_NAMES = new Set([
  ...Object.keys(BEFORE),
  ...Object.keys(DATETIME_REWRITERS),
  "RATIO_TO_REPORT",
  "MEDIAN",
  ...WINDOW_FUNCTIONS,
  ...Object.keys(TRAILING_REWRITERS),
]);
const BEFORE_HINT = new RegExp(
  `${[...Object.keys(BEFORE), "RATIO_TO_REPORT", "MEDIAN", ...WINDOW_FUNCTIONS, ...Object.keys(TRAILING_REWRITERS)].join("|")}`,
  "i",
);

/** Passes until nothing changes or nothing was skipped for overlapping an outer edit. */
function rewriteLoop(sql: string, backslashEscapes: boolean, collect: (lexed: Lexed) => Edit[]): string {
  let current = sql;
  for (let pass = 0; pass < 8; pass++) {
    const edits = collect(lex(current, backslashEscapes));
    if (edits.length === 0) break;
    const applied = applyEdits(current, edits);
    if (applied.sql === current) break;
    current = applied.sql;
    if (applied.skipped === 0) break;
  }
  return current;
}

/**
 * Fix-ups on Snowflake SQL before it goes to the transpiler. Returns the input when nothing applies.
 * `context` carries the session parameters a rewrite depends on (TIMESTAMP_TYPE_MAPPING).
 */
export function rewriteBeforeTranslate(input: string, context: DateTimeContext = {}): string {
  const sql = semistructuredConstants(input);
  if (!BEFORE_HINT.test(sql) && !DATETIME_HINT.test(sql)) return sql;
  const rewritten = rewriteLoop(sql, true, (lexed) => {
    const edits: Edit[] = [...timestampTypeEdits(lexed, context)];
    for (const call of findCalls(lexed, BEFORE_NAMES)) {
      if (call.name === "RATIO_TO_REPORT") {
        const over = overClauseEnd(lexed, call.after);
        const arg = call.args[0];
        if (!over || !arg || call.args.length !== 1) continue;
        const window = partitionOnly(lexed.sql.slice(over.start, over.end));
        edits.push({
          start: call.nameStart,
          end: over.end,
          text: `((${arg.text}) / NULLIF(SUM(${arg.text}) ${window}, 0))`,
        });
        continue;
      }
      if (call.name === "MEDIAN") {
        // Snowflake's MEDIAN of NUMBER(p, s) has scale s + 3; multiplying by 1.000 gives DuckDB's
        // DECIMAL result the same scale (a FLOAT input stays a FLOAT).
        if (call.args.length !== 1) continue;
        const over = overClauseEnd(lexed, call.after);
        const end = over ? over.end : call.end;
        const median = `MERC_MEDIAN_KEEP${lexed.sql.slice(call.open, end)}`;
        edits.push({ start: call.nameStart, end, text: `(${median} * 1.000)` });
        continue;
      }
      if ((WINDOW_FUNCTIONS as readonly string[]).includes(call.name)) {
        const edit = rewriteWindowCall(call, lexed);
        if (edit) edits.push(edit);
        continue;
      }
      if (call.name in TRAILING_REWRITERS) {
        const edit = rewriteTrailingCall(call, lexed);
        if (edit) edits.push(edit);
        continue;
      }
      const dateTime = DATETIME_REWRITERS[call.name];
      // A date/time rewriter that declines (TO_CHAR of a BINARY format) leaves the call to BEFORE's.
      const text = dateTime?.(call, lexed, context) ?? BEFORE[call.name]?.(call, lexed) ?? null;
      if (text !== null) edits.push({ start: call.nameStart, end: call.end, text });
    }
    return edits;
  });
  // MEDIAN was renamed while rewriting so later passes do not wrap it twice.
  return rewritten.replace(/\bMERC_MEDIAN_KEEP\(/g, "MEDIAN(").replace(KEEP_PREFIX, "$1(");
}

const AFTER_NAMES = new Set([
  "KURTOSIS",
  "CURRENT_TIMESTAMP",
  "LOCALTIMESTAMP",
  "ROUND",
  "JSON",
  "SPLIT_PART",
  "MERC_OBJECT_STAR",
  "MERC_OBJECT_STAR_EXCLUDE",
  "REGEXP_FULL_MATCH",
  "CAST",
]);
const AFTER_HINT =
  /KURTOSIS|CURRENT_TIMESTAMP|LOCALTIMESTAMP|ROUND|JSON|INTERVAL\s*-|VALUES|MERGE|SPLIT_PART|MERC_OBJECT_STAR|REGEXP_FULL_MATCH|AS VARIANT|CAST/i;

/** `INTERVAL -2 YEAR` (the transpiler's DATEADD with a negative amount) is a syntax error in DuckDB. */
function negativeIntervals(lexed: Lexed): Edit[] {
  const edits: Edit[] = [];
  const { tokens, sql } = lexed;
  for (let k = 0; k + 2 < tokens.length; k++) {
    const t = tokens[k]!;
    const minus = tokens[k + 1]!;
    const number = tokens[k + 2]!;
    if (t.kind !== "word" || t.upper !== "INTERVAL" || minus.kind !== "punct" || sql[minus.start] !== "-")
      continue;
    if (number.kind !== "punct" && number.kind !== "word") continue;
    if (!/^\d/.test(sql[number.start] ?? "")) continue;
    // A number lexes as digits then '.' then digits; take the run of digits and dots.
    let end = number.end;
    let j = k + 3;
    while (j < tokens.length && tokens[j]!.start === end && /^[\d.]/.test(sql[tokens[j]!.start] ?? ""))
      end = tokens[j++]!.end;
    edits.push({ start: minus.start, end, text: `(${sql.slice(minus.start, end)})` });
  }
  return edits;
}

/** Fix-ups on the transpiler's DuckDB SQL. Returns the input when nothing applies. */
export function rewriteAfterTranslate(sql: string): string {
  if (!AFTER_HINT.test(sql)) return sql;
  return rewriteLoop(sql, false, (lexed) => {
    const edits: Edit[] = [
      ...negativeIntervals(lexed),
      ...bareValues(lexed),
      ...mergeSetTargets(lexed),
      ...castEdits(lexed),
    ];
    for (const call of findCalls(lexed, AFTER_NAMES)) {
      if (call.name === "KURTOSIS") {
        // Exact over exact inputs (aggregate-macros.ts); a window call keeps DuckDB's (a macro is no window function).
        if (call.args.length === 1 && !overClauseEnd(lexed, call.after))
          edits.push({ start: call.nameStart, end: call.nameEnd, text: "MERC_KURTOSIS" });
      } else if (call.name === "ROUND") {
        // Snowflake's INTEGER is DuckDB's DECIMAL(38,0), which round() does not take as a scale.
        const scale = call.args[1];
        if (call.args.length === 2 && scale && !/^-?\d+$/.test(scale.text) && !/^CAST\(/i.test(scale.text)) {
          edits.push({ start: scale.start, end: scale.end, text: `CAST((${scale.text}) AS INTEGER)` });
        }
      } else if (call.name === "SPLIT_PART" && call.args.length === 3) {
        // Snowflake: part 0 is part 1, and an empty delimiter does not split (DuckDB splits characters).
        edits.push({ start: call.nameStart, end: call.nameEnd, text: "MERC_SPLIT_PART" });
      } else if (call.name === "MERC_OBJECT_STAR" || call.name === "MERC_OBJECT_STAR_EXCLUDE") {
        // OBJECT_CONSTRUCT(* [ILIKE 'p' | EXCLUDE …]): the (matching) columns of the FROM clause by
        // name; without KEEP_NULL the NULL values go (a merge patch drops null members, also nested ones).
        const [keep, ...rest] = call.args.map((a) => a.text);
        const filter =
          call.name === "MERC_OBJECT_STAR" ? `merc_c ILIKE ${rest[0]}` : `merc_c NOT IN (${rest.join(", ")})`;
        const object = `to_json(struct_pack(*COLUMNS(merc_c -> ${filter})))`;
        const text = keep === "TRUE" ? object : `json_merge_patch('{}', ${object})`;
        edits.push({ start: call.nameStart, end: call.end, text: `CAST(${text} AS JSON)` });
      } else if (call.name === "CAST") {
        // `x::VARIANT` / TO_VARIANT(x): DuckDB's own VARIANT type is not the engine's (JSON); a string
        // becomes a JSON string, a JSON value stays itself, a DOUBLE keeps its exponent form (MERC_VARIANT).
        const m = call.args.length === 1 ? /^([\s\S]*)\s+AS\s+VARIANT$/i.exec(call.args[0]!.text) : null;
        // A bare NULL has no type a function can take; it is a VARIANT NULL.
        const variant = m && /^\s*NULL\s*$/i.test(m[1]!) ? "CAST(NULL AS JSON)" : `MERC_VARIANT(${m?.[1]})`;
        if (m) edits.push({ start: call.nameStart, end: call.end, text: variant });
      } else if (call.name === "REGEXP_FULL_MATCH") {
        const text = rewriteFullMatch(call);
        if (text !== null) edits.push({ start: call.nameStart, end: call.end, text });
      } else if (call.name === "JSON") {
        if (call.args.length === 1)
          edits.push({ start: call.nameStart, end: call.nameEnd, text: "MERC_PARSE_JSON" });
      } else if (call.args.length === 0) {
        edits.push({ start: call.nameStart, end: call.end, text: call.name });
      }
    }
    return edits;
  });
}
