/**
 * DATE_FROM_PARTS, TIME_FROM_PARTS and the TIMESTAMP_*_FROM_PARTS family. Snowflake adds every part
 * as an offset from the start of the year (month 14 is February of the next year, -3600 seconds is
 * an hour earlier), so the macros build the value by interval arithmetic instead of DuckDB's
 * make_timestamp, which refuses parts outside their ranges. The TIMESTAMP_TZ forms keep the offset
 * of the zone the wall-clock time is read in (the session's, or the `time_zone` argument's).
 */
import type { FoundCall, Lexed } from "../functions/calls.js";
import { stringLiteralValue } from "../functions/calls.js";
import type { MacroDefinition } from "../functions/macros.js";
import { letIn } from "./macros-convert.js";

const big = (x: string): string => `CAST(${x} AS BIGINT)`;

/** Microseconds of hours, minutes, seconds and nanoseconds (nanoseconds below a microsecond drop). */
const DAY_MICROS = `to_microseconds(${big("h")} * 3600000000 + ${big("mi")} * 60000000 + ${big("s")} * 1000000 + ${big("ns")} // 1000)`;

export const FROM_PARTS_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_dt_date_from_parts",
    snowflake: "DATE_FROM_PARTS(year, month, day): month and day counted on from January 1",
    overloads: [
      `(y, mo, d) AS CAST(make_date(${big("y")}, 1, 1) + to_months(${big("mo")} - 1) + to_days(${big("d")} - 1) AS DATE)`,
    ],
  },
  {
    name: "merc_dt_time_from_parts",
    snowflake: "TIME_FROM_PARTS(hour, minute, second [, nanosecond]): wraps around midnight",
    overloads: [`(h, mi, s, ns) AS TIME '00:00:00' + ${DAY_MICROS}`],
  },
  {
    name: "merc_dt_ntz_from_parts",
    snowflake: "TIMESTAMP_NTZ_FROM_PARTS(year, month, day, hour, minute, second [, nanosecond])",
    overloads: [
      `(y, mo, d, h, mi, s, ns) AS CAST(merc_dt_date_from_parts(y, mo, d) AS TIMESTAMP) + ${DAY_MICROS}`,
    ],
  },
  {
    name: "merc_dt_tz_in_zone",
    snowflake: "helper: a wall-clock time read in a named time zone, as TIMESTAMP_TZ with that zone's offset",
    overloads: [
      `(local, zone) AS ${letIn(
        "struct_pack(l := CAST(local AS TIMESTAMP), i := timezone('UTC', timezone(zone, CAST(local AS TIMESTAMP))))",
        "merc_z",
        "merc_dt_tz(merc_z.i, date_diff('minute', merc_z.i, merc_z.l))",
      )}`,
    ],
  },
];

type Kind = "ntz" | "ltz" | "tz" | "mapped";
/** TIMESTAMP_TYPE_MAPPING's target, which TIMESTAMP_FROM_PARTS follows. */
type Mapped = "ntz" | "ltz" | "tz";
/** Argument `i`'s SQL text, a bare NULL typed `nullType` so the macros can bind. */
type ArgText = (call: FoundCall, i: number, nullType: string) => string;
type FromPartsRewriter = (call: FoundCall, lexed: Lexed, mapped: Mapped) => string | null;

/** A timestamp of the kind from year … second [, nanosecond] [, time_zone], or from a date and a time. */
function timestampFromParts(kind: Kind, argText: ArgText): FromPartsRewriter {
  return (call, lexed, mapped) => {
    const target = kind === "mapped" ? mapped : kind;
    const arg = (i: number, nullType = "BIGINT"): string => argText(call, i, nullType);
    const n = call.args.length;
    if (n === 2) {
      // The date and time form: TIMESTAMP_NTZ_FROM_PARTS, and TIMESTAMP_FROM_PARTS mapped to NTZ.
      if (target !== "ntz") return null;
      return `(CAST(${arg(0, "DATE")} AS DATE) + CAST(${arg(1, "TIME")} AS TIME))`;
    }
    if (n < 6 || n > 8) return null;
    // A seventh argument that is a string is the time zone (the nanoseconds before it are optional).
    const seventhIsZone = n === 7 && stringLiteralValue(lexed.sql, call.args[6]!.token) !== null;
    const zone = n === 8 ? arg(7, "VARCHAR") : seventhIsZone ? arg(6, "VARCHAR") : null;
    if (zone !== null && target !== "tz") return null;
    const nanos = n >= 7 && !seventhIsZone ? arg(6) : "0";
    const local = `merc_dt_ntz_from_parts(${[0, 1, 2, 3, 4, 5].map((i) => arg(i)).join(", ")}, ${nanos})`;
    if (target === "ntz") return local;
    // merc_to_ltz, not a cast: a cast's type name would be read as a Snowflake type on the next pass.
    if (target === "ltz") return `merc_to_ltz(${local})`;
    return zone === null
      ? `merc_dt_tz_from_session_local(${local})`
      : `merc_dt_tz_in_zone(${local}, ${zone})`;
  };
}

/** The from-parts calls rewritten before translation, by upper-case name (aliases included). */
export function fromPartsRewriters(argText: ArgText): Record<string, FromPartsRewriter> {
  const date: FromPartsRewriter = (call) => {
    const arg = (i: number): string => argText(call, i, "BIGINT");
    return call.args.length === 3 ? `merc_dt_date_from_parts(${arg(0)}, ${arg(1)}, ${arg(2)})` : null;
  };
  const time: FromPartsRewriter = (call) => {
    const arg = (i: number): string => argText(call, i, "BIGINT");
    const n = call.args.length;
    if (n !== 3 && n !== 4) return null;
    return `merc_dt_time_from_parts(${arg(0)}, ${arg(1)}, ${arg(2)}, ${n === 4 ? arg(3) : "0"})`;
  };
  const timestamp = (kind: Kind): FromPartsRewriter => timestampFromParts(kind, argText);
  return {
    DATE_FROM_PARTS: date,
    DATEFROMPARTS: date,
    TIME_FROM_PARTS: time,
    TIMEFROMPARTS: time,
    TIMESTAMP_FROM_PARTS: timestamp("mapped"),
    TIMESTAMPFROMPARTS: timestamp("mapped"),
    TIMESTAMP_NTZ_FROM_PARTS: timestamp("ntz"),
    TIMESTAMPNTZFROMPARTS: timestamp("ntz"),
    TIMESTAMP_LTZ_FROM_PARTS: timestamp("ltz"),
    TIMESTAMPLTZFROMPARTS: timestamp("ltz"),
    TIMESTAMP_TZ_FROM_PARTS: timestamp("tz"),
    TIMESTAMPTZFROMPARTS: timestamp("tz"),
  };
}
