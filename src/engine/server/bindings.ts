/**
 * The `bindings` of a query request: `{"1":{type,value},…}` (positional) or `{"name":{…}}` (named),
 * each value a string, null, or an array of those (array binds: one statement, many rows).
 */
import type { BindValue } from "../types.js";
import { HttpProblem } from "./http-io.js";

const BIND_TYPES = new Set<BindValue["type"]>([
  "FIXED",
  "REAL",
  "TEXT",
  "BOOLEAN",
  "DATE",
  "TIME",
  "TIMESTAMP_NTZ",
  "TIMESTAMP_LTZ",
  "TIMESTAMP_TZ",
  "BINARY",
  "VARIANT",
]);

/** `{"1":{type,value},…}` → positional binds; `{"name":{…}}` → named binds. */
export function parseBindings(raw: unknown): BindValue[] | Record<string, BindValue> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new HttpProblem(400, "390400", "'bindings' must be an object keyed by position or name.");
  }
  const entries = Object.entries(raw as Record<string, unknown>).map(
    ([key, spec]) => [key, parseBind(key, spec)] as const,
  );
  if (entries.length === 0) return undefined;
  const positional = entries.every(([key]) => /^[1-9]\d*$/.test(key));
  if (!positional) return Object.fromEntries(entries);
  const list: BindValue[] = [];
  for (const [key, value] of entries) list[Number(key) - 1] = value;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === undefined) throw new HttpProblem(400, "390400", `Bind variable ${i + 1} is missing.`);
  }
  return list;
}

/** How many values the binds carry (array binds count every element), for `numberOfBinds`. */
export function countBinds(binds: BindValue[] | Record<string, BindValue> | undefined): number {
  if (binds === undefined) return 0;
  let count = 0;
  for (const bind of Object.values(binds)) count += Array.isArray(bind.value) ? bind.value.length : 1;
  return count;
}

function parseBind(key: string, spec: unknown): BindValue {
  const record =
    typeof spec === "object" && spec !== null && !Array.isArray(spec)
      ? (spec as Record<string, unknown>)
      : {};
  const type = String(record.type ?? "TEXT").toUpperCase() as BindValue["type"];
  if (!BIND_TYPES.has(type))
    throw new HttpProblem(400, "390400", `Bind '${key}' has unknown type '${type}'.`);
  const value = record.value;
  if (value === null || value === undefined) return { type, value: null };
  if (Array.isArray(value)) return { type, value: value.map((item) => scalarText(item)) };
  if (typeof value === "object") return { type, value: JSON.stringify(value) };
  return { type, value: String(value) };
}

function scalarText(item: unknown): string | null {
  if (item === null || item === undefined) return null;
  if (typeof item === "object") return JSON.stringify(item);
  return String(item);
}
