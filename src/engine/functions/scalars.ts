/**
 * Snowflake functions implemented in JavaScript and registered with DuckDB as scalar functions,
 * for behaviour that DuckDB's own functions and SQL macros cannot reproduce exactly (Snowflake's
 * regular expression semantics). Registered functions live in the DuckDB instance, so every
 * connection sees them; they are not stored in the database file, so they are registered again
 * each time an engine opens. Rewrites call them as `MERC_*` with every argument spelled out and cast.
 */
import {
  ANY,
  BIGINT,
  BLOB,
  BOOLEAN,
  DOUBLE,
  DuckDBBlobValue,
  type DuckDBConnection,
  DuckDBScalarFunction,
  type DuckDBType,
  VARCHAR,
} from "../duckdb.js";
import { JSON_TYPE, VARIANT_SCALARS } from "./scalars-variant.js";
import { CONVERSION_SCALARS, floatTextFunction } from "./scalars-conversion.js";
import { STRING_SCALARS } from "./scalars-string.js";
import { TYPED_SCALARS } from "./scalars-typed.js";
import { HASH_SCALARS } from "./scalars-hash.js";
import { SIMILARITY_SCALARS } from "./scalars-similarity.js";
import { PARSE_URL_SCALARS } from "./parse-url.js";
import { toVariantFunction } from "./variant-values.js";
import { kurtosisExact } from "./exact-statistics.js";
import { COLLATION_SCALARS } from "../collation/scalars.js";
import { doubleDecimalText } from "./exact-double.js";
import { canonicalJson, canonicalJsonText, parseJson, plainJsonText } from "./json.js";
import {
  regexpCount,
  regexpInstr,
  regexpLike,
  regexpReplace,
  regexpSubstr,
  regexpSubstrAll,
} from "./regexp.js";

export type Value = string | number | boolean | Uint8Array | null;

/** PARSE_JSON's parameter: `d` allows duplicate keys (the last one wins), `s` (the default) refuses them. */
function parseJsonText(text: string, parameter: string): string | null {
  const parsed = parseJson(text, parameter.toLowerCase().includes("d"));
  return parsed === null ? null : canonicalJson(parsed.value);
}

/** One JavaScript scalar function: DuckDB argument types, result type, and the per-row body. */
export interface ScalarDefinition {
  name: string;
  parameters: DuckDBType[];
  /** Type of any further arguments (a variadic function). */
  varargs?: DuckDBType;
  returns: DuckDBType;
  /** True when the body handles NULL arguments itself (otherwise a NULL argument gives NULL). */
  nulls?: boolean;
  /** Called once per row. */
  body: (args: Value[]) => Value;
}

// Bodies only see rows without NULL arguments, and always get every argument.
const str = (v: Value | undefined): string => String(v);
const num = (v: Value | undefined): number => Number(v);
/** The group argument: -1 stands for "not given" (then `e` decides). */
const group = (v: Value | undefined): number | null => (Number(v) < 0 ? null : Number(v));

export const SCALARS: readonly ScalarDefinition[] = [
  {
    name: "merc_double_decimal",
    parameters: [DOUBLE, BIGINT],
    returns: VARCHAR,
    body: ([x, scale]) => doubleDecimalText(num(x), num(scale)),
  },
  {
    name: "merc_kurtosis_exact",
    parameters: [VARCHAR],
    returns: VARCHAR,
    body: ([values]) => kurtosisExact(str(values)),
  },
  {
    name: "merc_regexp_count",
    parameters: [VARCHAR, VARCHAR, BIGINT, VARCHAR],
    returns: BIGINT,
    body: ([s, p, pos, params]) => regexpCount(str(s), str(p), num(pos), str(params)),
  },
  {
    name: "merc_regexp_instr",
    parameters: [VARCHAR, VARCHAR, BIGINT, BIGINT, BIGINT, VARCHAR, BIGINT],
    returns: BIGINT,
    body: ([s, p, pos, occ, opt, params, g]) =>
      regexpInstr(str(s), str(p), num(pos), num(occ), num(opt), str(params), group(g)),
  },
  {
    name: "merc_regexp_substr",
    parameters: [VARCHAR, VARCHAR, BIGINT, BIGINT, VARCHAR, BIGINT],
    returns: VARCHAR,
    body: ([s, p, pos, occ, params, g]) =>
      regexpSubstr(str(s), str(p), num(pos), num(occ), str(params), group(g)),
  },
  {
    name: "merc_regexp_substr_all",
    parameters: [VARCHAR, VARCHAR, BIGINT, BIGINT, VARCHAR, BIGINT],
    returns: VARCHAR,
    body: ([s, p, pos, occ, params, g]) => {
      const all = regexpSubstrAll(str(s), str(p), num(pos), num(occ), str(params), group(g));
      return all === null ? null : JSON.stringify(all);
    },
  },
  {
    name: "merc_regexp_replace",
    parameters: [VARCHAR, VARCHAR, VARCHAR, BIGINT, BIGINT, VARCHAR],
    returns: VARCHAR,
    body: ([s, p, r, pos, occ, params]) =>
      regexpReplace(str(s), str(p), str(r), num(pos), num(occ), str(params)),
  },
  {
    name: "merc_regexp_like",
    parameters: [VARCHAR, VARCHAR, VARCHAR],
    returns: BOOLEAN,
    body: ([s, p, params]) => regexpLike(str(s), str(p), str(params)),
  },
  {
    name: "merc_json_parse",
    parameters: [VARCHAR, VARCHAR],
    returns: JSON_TYPE,
    body: ([text, parameter]) => parseJsonText(str(text), str(parameter)),
  },
  {
    name: "merc_json_try_parse",
    parameters: [VARCHAR, VARCHAR],
    returns: JSON_TYPE,
    body: ([text, parameter]) => {
      try {
        return parseJsonText(str(text), str(parameter));
      } catch {
        return null;
      }
    },
  },
  {
    name: "merc_to_json",
    parameters: [VARCHAR],
    returns: VARCHAR,
    // User-facing text: typed values without their mark, undefined elements as `undefined`.
    body: ([json]) => plainJsonText(canonicalJsonText(str(json))),
  },
];

/** BIGINT arguments arrive as bigint and BLOBs as values: the bodies work on numbers and bytes. */
function fromDuck(v: unknown): Value {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof DuckDBBlobValue) return v.bytes;
  return v as Value;
}

/** LPAD / RPAD on characters or bytes: `base` cut or padded with repeats of `pad` to `length`. */
function padded<T>(base: T[], length: number, pad: T[], left: boolean): T[] {
  if (length <= 0) return [];
  if (base.length >= length || pad.length === 0) return base.slice(0, length);
  const fill: T[] = [];
  while (fill.length < length - base.length) fill.push(pad[fill.length % pad.length]!);
  return left ? [...fill, ...base] : [...base, ...fill];
}

/** MERC_LPAD / MERC_RPAD for VARCHAR (characters) and BINARY (bytes), one overload each. */
function padFunctions(): ScalarDefinition[] {
  return (["lpad", "rpad"] as const).flatMap((name) => {
    const left = name === "lpad";
    return [
      {
        name: `merc_${name}`,
        parameters: [VARCHAR, BIGINT, VARCHAR],
        returns: VARCHAR,
        body: ([s, n, p]) => padded(Array.from(String(s)), Number(n), Array.from(String(p)), left).join(""),
      },
      {
        // Numbers and other values are padded as the text Snowflake converts them to.
        name: `merc_${name}`,
        parameters: [ANY, BIGINT, VARCHAR],
        returns: VARCHAR,
        body: ([s, n, p]) => padded(Array.from(String(s)), Number(n), Array.from(String(p)), left).join(""),
      },
      {
        name: `merc_${name}`,
        parameters: [BLOB, BIGINT, BLOB],
        returns: BLOB,
        body: ([s, n, p]) =>
          Uint8Array.from(padded(Array.from(s as Uint8Array), Number(n), Array.from(p as Uint8Array), left)),
      },
    ];
  });
}

function scalarFunction(def: ScalarDefinition): DuckDBScalarFunction {
  const bigintResult = def.returns === BIGINT;
  return DuckDBScalarFunction.create({
    name: def.name,
    parameterTypes: def.parameters,
    ...(def.varargs ? { varArgsType: def.varargs } : {}),
    ...(def.nulls ? { specialHandling: true } : {}),
    returnType: def.returns,
    mainFunction: (info, input, output) => {
      const vectors = Array.from({ length: input.columnCount }, (_, i) => input.getColumnVector(i));
      try {
        for (let row = 0; row < input.rowCount; row++) {
          const args = vectors.map((v) => fromDuck(v.getItem(row)));
          const result = !def.nulls && args.includes(null) ? null : def.body(args);
          const value =
            bigintResult && typeof result === "number"
              ? BigInt(result)
              : result instanceof Uint8Array
                ? new DuckDBBlobValue(result)
                : result;
          output.setItem(row, value as never);
        }
        output.flush();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const coded = error as { snowflakeCode?: string; sqlState?: string };
        // error-map.ts turns the bracketed code into the SnowflakeError clients see.
        info.setError(
          coded.snowflakeCode ? `[snowflake ${coded.snowflakeCode} ${coded.sqlState}] ${message}` : message,
        );
      }
    },
  });
}

/** Registers every JavaScript scalar function on the connection's DuckDB instance. */
export function registerScalars(connection: Pick<DuckDBConnection, "registerScalarFunction">): void {
  for (const def of [
    ...SCALARS,
    ...padFunctions(),
    ...STRING_SCALARS,
    ...HASH_SCALARS,
    ...SIMILARITY_SCALARS,
    ...PARSE_URL_SCALARS,
    ...VARIANT_SCALARS,
    ...CONVERSION_SCALARS,
    ...TYPED_SCALARS,
    ...COLLATION_SCALARS,
  ])
    connection.registerScalarFunction(scalarFunction(def));
  connection.registerScalarFunction(toVariantFunction());
  connection.registerScalarFunction(floatTextFunction());
}
