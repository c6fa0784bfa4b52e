/**
 * Any DuckDB value as the JSON text of the Snowflake VARIANT it becomes (TO_VARIANT, an element of
 * ARRAY_CONSTRUCT, a value of OBJECT_CONSTRUCT): numbers as written (a DOUBLE in Snowflake's
 * `3.000000000000000e+00` form), dates and timestamps as Snowflake prints them inside a VARIANT
 * (`"2023-12-09 22:09:26.000"`), lists as arrays, structs and maps as objects, BINARY as hex; a
 * date, time, timestamp or BINARY is a typed string that keeps its Snowflake type (json.ts
 * TYPED_MARK, docs/decisions/021), so TYPEOF, IS_DATE and AS_DATE know it.
 * Registered as MERC_TO_VARIANT (ANY, time zone), the whole of the MERC_VARIANT macro: a JSON value
 * passes as it is, a TIMESTAMP_LTZ is written in the session's time zone (the second argument, the
 * connection's TimeZone) and a TIMESTAMP_TZ in its own offset. Doing that here rather than in SQL
 * macros keeps binding cheap: DuckDB copies a macro's argument at every use of its parameter, and the
 * SQL version (a typeof dispatch over a datetime formatting macro) cost 70 ms to bind for one
 * `::TIMESTAMP_LTZ::VARIANT` and 0.7 s inside OBJECT_CONSTRUCT (bench/variant-values.ts).
 */
import {
  ANY,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListType,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBScalarFunction,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  type DuckDBValue,
  DuckDBVarCharType,
  VARCHAR,
} from "../duckdb.js";
import { floorDiv, NANOS_PER_MINUTE, NANOS_PER_SECOND, zoneOffsetSeconds } from "../datetime/calendar.js";
import { isTzDuckType } from "../datetime/tz.js";
import { dateText, timeText, timestampText } from "../format.js";
import { doubleText, type TypedLetter, typedString } from "./json.js";

/** Snowflake's text for a DOUBLE inside a VARIANT (json.ts writes parsed doubles the same way). */
export const doubleVariantText = doubleText;

/** JSON text for one DuckDB value; `floating` says the SQL type is DOUBLE / FLOAT. */
export function variantJson(value: DuckDBValue, floating: boolean): string {
  if (value === null) return "null";
  if (typeof value === "number") return floating ? doubleVariantText(value) : String(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof DuckDBDecimalValue) return value.toString();
  if (value instanceof DuckDBDateValue) return typed("D", dateText(value.days));
  if (value instanceof DuckDBTimestampTZValue)
    return typed("L", `${timestampText(value.micros * 1000n, 3)} Z`);
  if (value instanceof DuckDBTimestampValue) return typed("N", timestampText(value.micros * 1000n, 3));
  if (value instanceof DuckDBTimeValue) return typed("T", timeText(value.micros * 1000n, 0));
  if (value instanceof DuckDBListValue)
    return `[${value.items.map((v) => variantJson(v, floating)).join(",")}]`;
  if (value instanceof DuckDBStructValue) {
    const keys = Object.keys(value.entries).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${variantJson(value.entries[k] ?? null, floating)}`).join(",")}}`;
  }
  if (value instanceof DuckDBMapValue) {
    const entries = [...value.entries].sort((a, b) => String(a.key).localeCompare(String(b.key)));
    return `{${entries.map((e) => `${JSON.stringify(String(e.key))}:${variantJson(e.value, floating)}`).join(",")}}`;
  }
  if (value instanceof DuckDBBlobValue)
    return typed(
      "B",
      Array.from(value.bytes, (b) => b.toString(16).padStart(2, "0"))
        .join("")
        .toUpperCase(),
    );
  return JSON.stringify(String(value));
}

/** A typed VARIANT value's JSON text: the string keeps its Snowflake type (json.ts TYPED_MARK). */
function typed(letter: TypedLetter, text: string): string {
  return JSON.stringify(typedString(letter, text));
}

/**
 * How Snowflake writes a TIMESTAMP_LTZ or TIMESTAMP_TZ inside a VARIANT (format
 * `YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM`): the wall-clock time at the offset, then the offset.
 */
export function variantTimestampText(utcNanos: bigint, offsetSeconds: number): string {
  const local = utcNanos + BigInt(offsetSeconds) * NANOS_PER_SECOND;
  // Whole minutes between the instant and its wall clock, as the SQL formatting counted them
  // (date_diff('minute', …)): a local mean time's seconds (+05:21:10) do not round the offset up.
  const offsetMinutes = Number(floorDiv(local, NANOS_PER_MINUTE) - floorDiv(utcNanos, NANOS_PER_MINUTE));
  const magnitude = Math.abs(offsetMinutes);
  const hours = String(Math.floor(magnitude / 60)).padStart(2, "0");
  const minutes = String(magnitude % 60).padStart(2, "0");
  return `${timestampText(local, 3)} ${offsetMinutes < 0 ? "-" : "+"}${hours}${minutes}`;
}

/** How the top-level value of a column becomes VARIANT JSON, by the column's DuckDB type. */
type TopLevel = (value: DuckDBValue, timeZone: string) => string;

function topLevelWriter(type: { toString(): string; alias?: string | undefined }): TopLevel {
  const text = type.toString();
  if (type.alias === "JSON") return (value) => String(value);
  if (text === "TIMESTAMP WITH TIME ZONE")
    return (value, timeZone) => {
      const nanos = (value as DuckDBTimestampTZValue).micros * 1000n;
      return typed("L", variantTimestampText(nanos, zoneOffsetSeconds(timeZone, nanos)));
    };
  if (isTzDuckType(text))
    return (value) => {
      const entries = (value as DuckDBStructValue).entries;
      const utc = entries.merc_tz_utc as DuckDBTimestampValue | null;
      const offset = entries.merc_tz_offset;
      // A struct with a NULL part is no instant: NULL, as the SQL formatting gave.
      if (utc === null || offset === null || offset === undefined) return "null";
      return typed("Z", variantTimestampText(utc.micros * 1000n, Number(offset) * 60));
    };
  const floating = /^(DOUBLE|FLOAT|REAL)/.test(text);
  return (value) => variantJson(value, floating);
}

/** Column 0's vector, or null when its type is SQLNULL (a bare NULL argument), which the client has no vector for. */
function argumentVector<T>(input: { getColumnVector(index: number): T }): T | null {
  try {
    return input.getColumnVector(0);
  } catch (error) {
    if (error instanceof Error && /SQLNULL/.test(error.message)) return null;
    throw error;
  }
}

/**
 * MERC_TO_VARIANT([value], time zone) -> JSON. The value comes wrapped in a one-element list: a
 * function's own argument reaches JavaScript without its type alias (JSON looks like VARCHAR), a
 * list's element type keeps it.
 */
export function toVariantFunction(): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: "merc_to_variant",
    parameterTypes: [ANY, VARCHAR],
    returnType: DuckDBVarCharType.create("JSON"),
    specialHandling: true,
    mainFunction: (info, input, output) => {
      // A bare NULL ([NULL] has no vector type the client reads): every row is NULL.
      const lists = argumentVector(input);
      if (lists === null) {
        for (let row = 0; row < input.rowCount; row++) output.setItem(row, null);
        output.flush();
        return;
      }
      try {
        if (!(lists.type instanceof DuckDBListType)) throw new Error("merc_to_variant takes [value]");
        const write = topLevelWriter(lists.type.valueType);
        const zones = input.getColumnVector(1);
        for (let row = 0; row < input.rowCount; row++) {
          const list = lists.getItem(row) as DuckDBListValue | null;
          const value = list?.items[0] ?? null;
          output.setItem(row, value === null ? null : write(value, String(zones.getItem(row) ?? "UTC")));
        }
        output.flush();
      } catch (error) {
        info.setError(error instanceof Error ? error.message : String(error));
      }
    },
  });
}
