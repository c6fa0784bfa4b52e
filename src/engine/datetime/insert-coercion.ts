/**
 * Values stored into date and time columns are converted as Snowflake converts them, one value at a
 * time: a string with an offset keeps its wall-clock time in a TIMESTAMP_NTZ column, is an instant in
 * a TIMESTAMP_LTZ one and keeps its offset in a TIMESTAMP_TZ one; a string without one takes the
 * session time zone. Before translation, each value of an INSERT (VALUES rows, or the select list of
 * INSERT … SELECT) and each UPDATE … SET value bound for such a column is wrapped in a cast to the
 * column's declared type, which the date/time rewrites turn into the conversion macros. A value
 * bound for a VARIANT column goes through MERC_VARIANT_STORED, so a DATE column copied into a VARIANT
 * one keeps its type (docs/decisions/021).
 */
import { decodeName } from "../identifiers.js";
import type { ColumnTypeLookup } from "../numeric.js";
import { isIdent } from "../resolve.js";
import { parseSnowflakeType } from "../types-map.js";

type Node = Record<string, unknown>;

const DATE_TIME_TYPES = new Set(["date", "time", "timestamp_ntz", "timestamp_ltz", "timestamp_tz"]);

/**
 * The Snowflake type name a value for a column of this declared type is cast to, or null. An
 * interval column gives its whole type (`INTERVAL YEAR(2) TO MONTH`): its values are read in the
 * interval format of that type.
 */
function castTypeFor(declared: string | undefined): string | null {
  const type = declared === undefined ? null : parseSnowflakeType(declared);
  if (type?.interval) return type.sqlType;
  if (type?.type === "variant") return VARIANT;
  return type === null || !DATE_TIME_TYPES.has(type.type) ? null : type.type.toUpperCase();
}

function columnName(node: unknown): string | null {
  const ident = (node as Node | null) ?? null;
  if (!isIdent(ident)) return null;
  return ident.quoted ? decodeName(ident.name) : ident.name.toUpperCase();
}

/** True for nodes a cast would change the meaning of (DEFAULT, NULL) or that need none. */
function leaveAlone(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return true;
  const n = node as Node;
  if ("null" in n || "default" in n) return true;
  const column = n.column as Node | undefined;
  const name = (column?.name as Node | undefined)?.name;
  return typeof name === "string" && name.toUpperCase() === "DEFAULT" && column?.table == null;
}

/** The cast "type" of a VARIANT column: MERC_VARIANT_STORED, which keeps a date's or BINARY's type. */
const VARIANT = "VARIANT";

function call(name: string, args: unknown[]): unknown {
  const body = { name, args, distinct: false, trailing_comments: [] };
  return { function: { ...body, use_bracket_syntax: false, no_parens: false, quoted: false } };
}

function castTo(node: unknown, type: string): unknown {
  if ("alias" in (node as Node)) {
    const alias = (node as Node).alias as Node;
    return { alias: { ...alias, this: castTo(alias.this, type) } };
  }
  if (type === VARIANT) return call("MERC_VARIANT_STORED", [node]);
  if (type.startsWith("INTERVAL ")) {
    // The call typed-casts.ts makes of a cast to an interval type (this pass runs after it).
    return call("MERC_INTERVAL_PARSE", [node, { literal: { literal_type: "string", value: type } }]);
  }
  return {
    cast: {
      this: node,
      to: { data_type: "custom", name: type },
      trailing_comments: [],
      double_colon_syntax: false,
    },
  };
}

function wrapList(values: unknown[], types: readonly (string | null)[]): boolean {
  let changed = false;
  for (let i = 0; i < values.length && i < types.length; i++) {
    const type = types[i];
    if (type === null || type === undefined || leaveAlone(values[i])) continue;
    values[i] = castTo(values[i], type);
    changed = true;
  }
  return changed;
}

/**
 * Wraps the values an INSERT or UPDATE stores into date/time columns in casts to the columns'
 * types. `targetColumns` lists the target relation's columns in order; `lookup` gives their
 * declared types. Returns true when the statement changed.
 */
export function coerceStoredValues(
  ast: unknown,
  targetColumns: readonly string[],
  lookup: ColumnTypeLookup,
): boolean {
  const root = ast as Node;
  if (root.insert) {
    const insert = root.insert as Node;
    const written = (insert.columns as unknown[] | undefined) ?? [];
    const names = written.length > 0 ? written.map(columnName) : targetColumns;
    const types = names.map((name) => (name === null ? null : castTypeFor(lookup(name))));
    if (!types.some((t) => t !== null)) return false;
    let changed = false;
    for (const row of (insert.values as unknown[][] | undefined) ?? [])
      changed = wrapList(row, types) || changed;
    const select = (insert.query as Node | null | undefined)?.select as Node | undefined;
    const expressions = select?.expressions as unknown[] | undefined;
    if (expressions && !expressions.some((e) => typeof e === "object" && e !== null && "star" in e))
      changed = wrapList(expressions, types) || changed;
    return changed;
  }
  if (root.update) {
    let changed = false;
    for (const pair of ((root.update as Node).set as unknown[][] | undefined) ?? []) {
      const name = columnName(pair[0]);
      const type = name === null ? null : castTypeFor(lookup(name));
      if (type === null || leaveAlone(pair[1])) continue;
      pair[1] = castTo(pair[1], type);
      changed = true;
    }
    return changed;
  }
  return false;
}
