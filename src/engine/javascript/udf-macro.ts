/**
 * A JavaScript UDF as a DuckDB macro in its schema, like a SQL UDF (so the search path, qualified
 * calls, renames and drops work the same way): the macro passes its definition and each argument,
 * as text, to `merc_javascript_udf` (udf-function.ts) and casts the answer to the declared type.
 * The SQL side of the type mapping documented for JavaScript UDFs
 * (developer-guide/udf/javascript/udf-javascript-introduction, "JavaScript data types") is here:
 * numbers arrive as doubles, every date and timestamp as a JavaScript Date (milliseconds, the
 * instant of the value read as TIMESTAMP_LTZ), binary as a Uint8Array, VARIANT / OBJECT / ARRAY as
 * parsed JSON, SQL NULL as `undefined`.
 */
import { quoteDuck } from "../identifiers.js";
import { parseSnowflakeType } from "../types-map.js";
import { JAVASCRIPT_UDF_FUNCTION, JAVASCRIPT_UDTF_FUNCTION } from "./udf-function.js";
import type { UdfDefinition, UdfValueKind } from "./udf-runtime.js";

const duckText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** How a declared type crosses into JavaScript, and its argument as text (`arg` is the DuckDB name). */
function argumentText(type: string, arg: string): { kind: UdfValueKind; sql: string } | null {
  const parsed = parseSnowflakeType(type);
  if (parsed === null) return null;
  switch (parsed.type) {
    case "fixed":
    case "real":
      return { kind: "number", sql: `CAST(CAST(${arg} AS DOUBLE) AS VARCHAR)` };
    case "boolean":
      return { kind: "boolean", sql: `CAST(${arg} AS VARCHAR)` };
    case "text":
      return parsed.structured ? null : { kind: "string", sql: `CAST(${arg} AS VARCHAR)` };
    case "variant":
    case "object":
    case "array":
      return parsed.structured ? null : { kind: "json", sql: `CAST(${arg} AS VARCHAR)` };
    case "date":
    case "timestamp_ntz":
      // A DATE is midnight and a TIMESTAMP_NTZ its wall clock, both in the session's time zone.
      return { kind: "date", sql: `CAST(epoch_ms(CAST(${arg} AS TIMESTAMPTZ)) AS VARCHAR)` };
    case "timestamp_ltz":
      return { kind: "date", sql: `CAST(epoch_ms(${arg}) AS VARCHAR)` };
    case "timestamp_tz":
      return { kind: "date", sql: `CAST(epoch_ms(${arg}.merc_tz_utc) AS VARCHAR)` };
    case "binary":
      return { kind: "binary", sql: `hex(${arg})` };
    default:
      return { kind: "string", sql: `CAST(${arg} AS VARCHAR)` };
  }
}

/** How the returned value crosses back, and the cast of the answer (`x`) to the declared type. */
function returnCast(type: string): { kind: UdfValueKind; wrap: (x: string) => string } | null {
  const parsed = parseSnowflakeType(type);
  if (parsed === null || parsed.structured) return null;
  const duck = parsed.duckType;
  switch (parsed.type) {
    case "fixed":
    case "real":
      return { kind: "number", wrap: (x) => `CAST(CAST(${x} AS DOUBLE) AS ${duck})` };
    case "boolean":
      return { kind: "boolean", wrap: (x) => `CAST(${x} AS BOOLEAN)` };
    case "text":
      return { kind: "string", wrap: (x) => `CAST(${x} AS ${duck})` };
    case "variant":
    case "object":
    case "array":
      return { kind: "json", wrap: (x) => `CAST(${x} AS JSON)` };
    // A returned Date is a TIMESTAMP_LTZ(3), cast to the declared type as Snowflake casts one.
    case "date":
    case "timestamp_ntz":
      return { kind: "date", wrap: (x) => `CAST(CAST(${x} AS TIMESTAMPTZ) AS ${duck})` };
    case "timestamp_ltz":
      return { kind: "date", wrap: (x) => `CAST(${x} AS TIMESTAMPTZ)` };
    case "binary":
      return { kind: "binary", wrap: (x) => `unhex(${x})` };
    default:
      return null;
  }
}

/** A declared argument: its name as SQL resolved it, and its type as written. */
export interface UdfArgument {
  name: string;
  type: string;
}

const JS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `CREATE OR REPLACE MACRO` text for a scalar JavaScript UDF, or null when a type it takes or
 * returns has no mapping the engine emulates (structured types, TIMESTAMP_TZ / TIME results,
 * RETURNS TABLE): such a UDF is stored, and calling it is refused as unsupported.
 */
export function javascriptFunctionMacro(
  macroName: string,
  functionName: string,
  args: UdfArgument[],
  body: string,
  returns: string,
  duckArgName: (name: string) => string,
): string | null {
  const result = returnCast(returns);
  if (result === null) return null;
  const crossings = args.map((a) => argumentText(a.type, quoteDuck(duckArgName(a.name))));
  if (crossings.some((c) => c === null)) return null;
  const definition: UdfDefinition = {
    name: functionName,
    body,
    // A name JavaScript cannot spell still takes its position (the body cannot read it by name).
    params: args.map((a, i) => (JS_IDENTIFIER.test(a.name) ? a.name : `__merc_arg${i}`)),
    kinds: crossings.map((c) => (c as { kind: UdfValueKind }).kind),
    returns: result.kind,
  };
  const call = `${JAVASCRIPT_UDF_FUNCTION}(${[duckText(JSON.stringify(definition)), ...crossings.map((c) => c?.sql)].join(", ")})`;
  const params = args.map((a) => quoteDuck(duckArgName(a.name))).join(", ");
  return `CREATE OR REPLACE MACRO ${macroName}(${params}) AS (${result.wrap(call)})`;
}

/**
 * `CREATE OR REPLACE MACRO … AS TABLE` text for a JavaScript table function (RETURNS TABLE): each
 * call is a partition of one row (initialize(), processRow() for its arguments, finalize()) and the
 * rows written become the macro's rows, each column cast to its declared type. A call in a
 * statement's FROM runs by partitions instead (udtf-partitions.ts); the macro serves the calls that
 * rewrite cannot place (in a view's or function's body, after an unnamed FROM item). Null when a
 * type has no mapping.
 */
export function javascriptTableFunctionMacro(
  macroName: string,
  functionName: string,
  args: UdfArgument[],
  body: string,
  columns: UdfArgument[],
  duckArgName: (name: string) => string,
): string | null {
  const parts = javascriptTableFunctionParts(functionName, args, body, columns);
  if (parts === null) return null;
  const crossings = args.map((a) => argumentText(a.type, quoteDuck(duckArgName(a.name))));
  const call = `${JAVASCRIPT_UDTF_FUNCTION}(${[duckText(JSON.stringify(parts.definition)), ...crossings.map((c) => c?.sql)].join(", ")})`;
  const select = columns
    .map((c, i) => `${parts.columnCast(i, `merc_udtf_row[${i + 1}]`)} AS ${quoteDuck(duckArgName(c.name))}`)
    .join(", ");
  const params = args.map((a) => quoteDuck(duckArgName(a.name))).join(", ");
  return `CREATE OR REPLACE MACRO ${macroName}(${params}) AS TABLE SELECT ${select} FROM (SELECT unnest(from_json(${call}, '[["VARCHAR"]]')) AS merc_udtf_row)`;
}

/** A JavaScript table function as the runtime and the partition runner (udtf-partitions.ts) take it. */
export interface JavascriptTableFunction {
  /** What the runtime compiles (its JSON text is the compiled function's cache key). */
  definition: UdfDefinition;
  /** DuckDB SQL casting the text of the `index`-th RETURNS TABLE column (`x`) to its declared type. */
  columnCast(index: number, x: string): string;
}

/** The runtime's definition of a table function and its column casts, or null when a type has no mapping. */
export function javascriptTableFunctionParts(
  functionName: string,
  args: UdfArgument[],
  body: string,
  columns: UdfArgument[],
): JavascriptTableFunction | null {
  const casts = columns.map((c) => returnCast(c.type));
  if (casts.some((c) => c === null)) return null;
  const crossings = args.map((a) => argumentText(a.type, "x"));
  if (crossings.some((c) => c === null)) return null;
  const definition: UdfDefinition = {
    name: functionName,
    body,
    // processRow() reads the arguments as properties of its row object, by their resolved names.
    params: args.map((a) => a.name),
    kinds: crossings.map((c) => (c as { kind: UdfValueKind }).kind),
    returns: "string",
    columns: columns.map((c, i) => ({ name: c.name, kind: (casts[i] as { kind: UdfValueKind }).kind })),
    types: args.map((a) => a.type.trim().toUpperCase()),
  };
  return { definition, columnCast: (index, x) => (casts[index] as { wrap: (x: string) => string }).wrap(x) };
}
