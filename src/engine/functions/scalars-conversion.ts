/**
 * Conversion functions implemented in JavaScript: TO_VARCHAR of a FLOAT (Snowflake's display digits,
 * float-display.ts), TO_CHAR of a number with a format model (number-format.ts) and TO_XML of a
 * VARIANT (Snowflake's generated tags with their `type` attribute).
 */
import { ANY, DuckDBScalarFunction, VARCHAR } from "@duckdb/node-api";
import { floatDisplayText } from "../float-display.js";
import { realText } from "../shape.js";
import { formatNumber } from "./number-format.js";
import type { ScalarDefinition, Value } from "./scalars.js";

/** MERC_FLOAT_TEXT(ANY) -> VARCHAR: a DOUBLE as TO_VARCHAR shows it; anything else as its text. */
export function floatTextFunction(): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: "merc_float_text",
    parameterTypes: [ANY],
    returnType: VARCHAR,
    mainFunction: (info, input, output) => {
      const vector = input.getColumnVector(0);
      try {
        for (let row = 0; row < input.rowCount; row++) {
          const value = vector.getItem(row);
          output.setItem(
            row,
            value === null
              ? null
              : typeof value === "number"
                ? floatDisplayText(realText(value))
                : String(value),
          );
        }
        output.flush();
      } catch (error) {
        info.setError(error instanceof Error ? error.message : String(error));
      }
    },
  });
}

const escapeXml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Snowflake's type name of a JSON value in TO_XML's `type` attribute (TYPEOF's names). */
function xmlType(value: unknown, spelling: string): string {
  if (value === null) return "NULL_VALUE";
  if (Array.isArray(value)) return "ARRAY";
  if (typeof value === "object") return "OBJECT";
  if (typeof value === "boolean") return "BOOLEAN";
  if (typeof value === "number")
    return /[eE]/.test(spelling) ? "DOUBLE" : spelling.includes(".") ? "DECIMAL" : "INTEGER";
  return "VARCHAR";
}

/** One element: `<tag type="T">content</tag>`; arrays hold `<e>` elements, objects one per key. */
function xmlElement(tag: string, value: unknown): string {
  const spelling = typeof value === "number" ? String(value) : "";
  let content: string;
  if (Array.isArray(value)) content = value.map((item) => xmlElement("e", item)).join("");
  else if (value !== null && typeof value === "object")
    content = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => xmlElement(key, item))
      .join("");
  else content = value === null ? "" : escapeXml(String(value));
  return `<${tag} type="${xmlType(value, spelling)}">${content}</${tag}>`;
}

export const CONVERSION_SCALARS: readonly ScalarDefinition[] = [
  {
    name: "merc_number_format",
    parameters: [VARCHAR, VARCHAR],
    returns: VARCHAR,
    body: ([text, format]): Value => formatNumber(String(text), String(format)),
  },
  {
    name: "merc_to_xml",
    parameters: [VARCHAR],
    returns: VARCHAR,
    body: ([json]): Value => xmlElement("SnowflakeData", JSON.parse(String(json)) as unknown),
  },
];
