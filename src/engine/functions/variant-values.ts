/**
 * Any DuckDB value as the JSON text of the Snowflake VARIANT it becomes (TO_VARIANT, an element of
 * ARRAY_CONSTRUCT, a value of OBJECT_CONSTRUCT): numbers as written (a DOUBLE in Snowflake's
 * `3.000000000000000e+00` form), dates and timestamps as Snowflake prints them inside a VARIANT
 * (`"2023-12-09 22:09:26.000"`), lists as arrays, structs and maps as objects, BINARY as hex.
 * Registered as MERC_TO_VARIANT (ANY), which the MERC_VARIANT macro calls for every type but JSON.
 */
import {
  ANY,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBScalarFunction,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  type DuckDBValue,
  DuckDBVarCharType,
} from "../duckdb.js";
import { dateText, timeText, timestampText } from "../format.js";
import { doubleText } from "./json.js";

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
  if (value instanceof DuckDBDateValue) return JSON.stringify(dateText(value.days));
  if (value instanceof DuckDBTimestampTZValue)
    return JSON.stringify(`${timestampText(value.micros * 1000n, 3)} Z`);
  if (value instanceof DuckDBTimestampValue) return JSON.stringify(timestampText(value.micros * 1000n, 3));
  if (value instanceof DuckDBTimeValue) return JSON.stringify(timeText(value.micros * 1000n, 0));
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
    return JSON.stringify(
      Array.from(value.bytes, (b) => b.toString(16).padStart(2, "0"))
        .join("")
        .toUpperCase(),
    );
  return JSON.stringify(String(value));
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

/** MERC_TO_VARIANT(ANY) -> JSON. */
export function toVariantFunction(): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: "merc_to_variant",
    parameterTypes: [ANY],
    returnType: DuckDBVarCharType.create("JSON"),
    specialHandling: true,
    mainFunction: (info, input, output) => {
      // A bare NULL (OBJECT_CONSTRUCT('c', NULL)): every row is NULL.
      const vector = argumentVector(input);
      if (vector === null) {
        for (let row = 0; row < input.rowCount; row++) output.setItem(row, null);
        output.flush();
        return;
      }
      const floating = /^(DOUBLE|FLOAT|REAL)/.test(vector.type.toString());
      try {
        for (let row = 0; row < input.rowCount; row++) {
          const value = vector.getItem(row);
          output.setItem(row, value === null ? null : variantJson(value, floating));
        }
        output.flush();
      } catch (error) {
        info.setError(error instanceof Error ? error.message : String(error));
      }
    },
  });
}
