/**
 * JavaScript scalars of the structured and interval types (rewritten calls from typed-casts.ts):
 * casting JSON to a structured type, and reading / writing the interval format.
 */
import { BIGINT, VARCHAR } from "../duckdb.js";
import {
  formatDayTime,
  formatYearMonth,
  type IntervalQualifier,
  parseDayTime,
  parseIntervalQualifier,
  parseYearMonth,
} from "../interval-types.js";
import type { ScalarDefinition, Value } from "./scalars.js";
import { JSON_TYPE } from "./scalars-variant.js";
import { castToStructured } from "./structured-cast.js";
import { VariantError } from "./variant.js";

function qualifier(text: Value | undefined): IntervalQualifier {
  const q = parseIntervalQualifier(String(text));
  if (q === null) throw new VariantError("002040", "42601", `Unsupported data type '${String(text)}'`);
  return q;
}

export const TYPED_SCALARS: readonly ScalarDefinition[] = [
  {
    name: "merc_structured_cast",
    parameters: [JSON_TYPE, VARCHAR, VARCHAR],
    returns: JSON_TYPE,
    body: ([json, type, mode]) => castToStructured(String(json), String(type), String(mode)),
  },
  {
    name: "merc_interval_parse_months",
    parameters: [VARCHAR, VARCHAR],
    returns: BIGINT,
    body: ([text, type]) => Number(parseYearMonth(String(text), qualifier(type))),
  },
  {
    name: "merc_interval_parse_micros",
    parameters: [VARCHAR, VARCHAR],
    returns: BIGINT,
    body: ([text, type]) => Number(parseDayTime(String(text), qualifier(type))),
  },
  {
    name: "merc_interval_format",
    parameters: [VARCHAR, VARCHAR],
    returns: VARCHAR,
    body: ([amount, type]) => {
      const q = qualifier(type);
      const n = BigInt(String(amount));
      return q.family === "year-month" ? formatYearMonth(n, q) : formatDayTime(n, q);
    },
  },
];
