/**
 * Normalisation of values as Snowflake reports them (SHOW output) and as people declare them,
 * so that equal meanings compare equal. Each function documents the trap it avoids; see
 * docs/guide/declarations.md and the drift-normalisation notes.
 */
import type { MonitorFrequency, MonitorTrigger, TriggerAction, WarehouseSize } from "./types.js";

/**
 * Explicit size synonym table. Upper-casing and dropping hyphens is wrong: `2X-Large` would become
 * `2XLARGE`, which is not `XXLARGE`.
 */
const SIZE_SYNONYMS: Record<string, WarehouseSize> = {
  XSMALL: "XSMALL",
  "X-SMALL": "XSMALL",
  SMALL: "SMALL",
  MEDIUM: "MEDIUM",
  LARGE: "LARGE",
  XLARGE: "XLARGE",
  "X-LARGE": "XLARGE",
  XXLARGE: "XXLARGE",
  X2LARGE: "XXLARGE",
  "2X-LARGE": "XXLARGE",
  XXXLARGE: "XXXLARGE",
  X3LARGE: "XXXLARGE",
  "3X-LARGE": "XXXLARGE",
  X4LARGE: "X4LARGE",
  "4X-LARGE": "X4LARGE",
  X5LARGE: "X5LARGE",
  "5X-LARGE": "X5LARGE",
  X6LARGE: "X6LARGE",
  "6X-LARGE": "X6LARGE",
};

/** Every spelling the size table accepts (upper-case), for error messages. */
export const WAREHOUSE_SIZE_SPELLINGS: readonly string[] = Object.keys(SIZE_SYNONYMS);

/** `'X-Small'`, `'2X-Large'`, `XXLARGE`, `x2large` -> canonical size; undefined when unknown. */
export function normaliseWarehouseSize(value: string): WarehouseSize | undefined {
  return SIZE_SYNONYMS[value.trim().replace(/^'|'$/g, "").toUpperCase()];
}

/** Display form Snowflake uses in SHOW WAREHOUSES, for reports (`XXLARGE` -> `2X-Large`). */
export function displayWarehouseSize(size: WarehouseSize): string {
  const display: Record<WarehouseSize, string> = {
    XSMALL: "X-Small",
    SMALL: "Small",
    MEDIUM: "Medium",
    LARGE: "Large",
    XLARGE: "X-Large",
    XXLARGE: "2X-Large",
    XXXLARGE: "3X-Large",
    X4LARGE: "4X-Large",
    X5LARGE: "5X-Large",
    X6LARGE: "6X-Large",
  };
  return display[size];
}

/**
 * Booleans arrive as `'true'`/`'false'`, `'Y'`/`'N'`, `'ON'`/`'OFF'` or real booleans.
 * Returns undefined for null, `''` and `'null'`.
 */
export function normaliseBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim().toUpperCase();
  if (["TRUE", "Y", "YES", "ON", "1", "T"].includes(text)) return true;
  if (["FALSE", "N", "NO", "OFF", "0", "F"].includes(text)) return false;
  return undefined;
}

/** Null markers: SQL NULL, `''`, and the literal string `'null'` (SHOW WAREHOUSES `resource_monitor`). */
export function isNullMarker(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const text = String(value).trim();
  return text === "" || text.toLowerCase() === "null";
}

/** Text or null, with null markers folded to null. */
export function normaliseOptionalText(value: unknown): string | null {
  return isNullMarker(value) ? null : String(value);
}

/** Comments: unset is reported as `''`; declared `''`, `null` and a missing comment on a live object agree. */
export function normaliseComment(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text === "" ? null : text;
}

/** Numbers as decimal text (`"100.00"`, `" 100"`); null markers -> null; garbage -> undefined. */
export function normaliseNumber(value: unknown): number | null | undefined {
  if (typeof value === "number") return value;
  if (isNullMarker(value)) return null;
  const n = Number(String(value).trim());
  return Number.isFinite(n) ? n : undefined;
}

/** `auto_suspend`: NULL and 0 both mean never suspend (UNSET AUTO_SUSPEND yields 0). */
export function normaliseAutoSuspend(value: unknown): number | null | undefined {
  const n = normaliseNumber(value);
  if (n === 0) return null;
  return n;
}

/** Resolved name or null for null markers (`resource_monitor = 'null'`). */
export function normaliseOptionalName(value: unknown): string | null {
  return isNullMarker(value) ? null : String(value);
}

/** `MONTHLY` etc.; Snowflake sometimes reports lower or mixed case. */
export function normaliseFrequency(value: unknown): MonitorFrequency | undefined {
  if (isNullMarker(value)) return undefined;
  const text = String(value).trim().toUpperCase();
  return (["MONTHLY", "DAILY", "WEEKLY", "YEARLY", "NEVER"] as const).find((f) => f === text);
}

/** `'51%,63%,123%'` -> `[51, 63, 123]`. */
export function parsePercentList(value: unknown): number[] {
  if (isNullMarker(value)) return [];
  return String(value)
    .split(",")
    .map((part) => part.trim().replace(/%$/, ""))
    .filter((part) => part !== "")
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

/** Triggers from SHOW RESOURCE MONITORS' `notify_at`, `suspend_at`, `suspend_immediately_at`. */
export function triggersFromShow(
  notifyAt: unknown,
  suspendAt: unknown,
  suspendImmediatelyAt: unknown,
): MonitorTrigger[] {
  const triggers: MonitorTrigger[] = [
    ...parsePercentList(notifyAt).map((percent) => ({ percent, action: "NOTIFY" as TriggerAction })),
    ...parsePercentList(suspendAt).map((percent) => ({ percent, action: "SUSPEND" as TriggerAction })),
    ...parsePercentList(suspendImmediatelyAt).map((percent) => ({
      percent,
      action: "SUSPEND_IMMEDIATE" as TriggerAction,
    })),
  ];
  return sortTriggers(triggers);
}

/** Trigger lists are sets: order them so that two equal sets compare equal. */
export function sortTriggers(triggers: readonly MonitorTrigger[]): MonitorTrigger[] {
  const order: Record<TriggerAction, number> = { NOTIFY: 0, SUSPEND: 1, SUSPEND_IMMEDIATE: 2 };
  return [...triggers].sort((a, b) => a.percent - b.percent || order[a.action] - order[b.action]);
}

/** `notify_users` is comma-space separated; a name list is a set. */
export function parseNameList(value: unknown): string[] {
  if (isNullMarker(value)) return [];
  return String(value)
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .sort();
}

/**
 * Grant object types: SHOW uses underscores (`MATERIALIZED_VIEW`), DDL uses spaces; some aliases
 * report as a more specific or general type. Returns the SHOW spelling.
 */
export function normaliseGrantObjectType(value: string): string {
  const text = value.trim().toUpperCase().replace(/\s+/g, "_");
  const aliases: Record<string, string> = {
    EXTERNAL_VOLUME: "VOLUME",
    MODEL: "MODULE",
    HYBRID_TABLE: "TABLE",
    APPLICATION: "DATABASE",
    INTEGRATION: "INTEGRATION",
  };
  return aliases[text] ?? text;
}

/** Plural DDL keyword for future grants (`TABLE` -> `TABLES`, `MATERIALIZED_VIEW` -> `MATERIALIZED VIEWS`). */
export function pluralObjectType(objectType: string): string {
  const spaced = objectType.replace(/_/g, " ");
  if (spaced.endsWith("POLICY")) return spaced.replace(/POLICY$/, "POLICIES");
  return `${spaced}S`;
}

/** Singular SHOW spelling from a plural or singular DDL type (`TABLES` -> `TABLE`). */
export function singularObjectType(value: string): string {
  const text = value.trim().toUpperCase().replace(/\s+/g, "_");
  if (text.endsWith("POLICIES")) return text.replace(/POLICIES$/, "POLICY");
  if (text.endsWith("S") && !text.endsWith("SS")) return normaliseGrantObjectType(text.slice(0, -1));
  return normaliseGrantObjectType(text);
}

/**
 * A future grant's `name` ends in a placeholder (`DB.RAW.<TABLE>`); returns the container
 * (`DB.RAW`) and the scope it implies.
 */
export function parseFutureGrantName(name: string): { container: string; scope: "DATABASE" | "SCHEMA" } {
  const container = name.replace(/\.<[^>]*>$/, "");
  const parts = splitDotted(container);
  return { container, scope: parts.length >= 2 ? "SCHEMA" : "DATABASE" };
}

/** Splits on dots outside double quotes, keeping quotes (already SQL-ready parts). */
export function splitDotted(name: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of name) {
    if (ch === '"') quoted = !quoted;
    if (ch === "." && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/**
 * Privileges: `IMPORTED PRIVILEGES` is reported as `USAGE`; case and spacing vary in declarations.
 */
export function normalisePrivilege(value: string): string {
  const text = value
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, " ");
  return text;
}

/** Task state is lower-case in SHOW TASKS. */
export function normaliseTaskState(value: unknown): "started" | "suspended" | undefined {
  if (isNullMarker(value)) return undefined;
  const text = String(value).trim().toLowerCase();
  if (text === "started" || text === "resumed") return "started";
  if (text === "suspended") return "suspended";
  return undefined;
}

/** `predecessors` is a JSON array string (`[]` when empty), sometimes a comma list. */
export function parsePredecessors(value: unknown): string[] {
  if (isNullMarker(value)) return [];
  const text = String(value).trim();
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String).sort();
    } catch {
      // fall through to the comma list
    }
  }
  return text
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((part) => part.trim().replace(/^"|"$/g, ""))
    .filter((part) => part !== "")
    .sort();
}

/**
 * Owner from SHOW output: when `owner_role_type` is DATABASE_ROLE the owner is unqualified, so it is
 * prefixed with the object's database. Null markers -> undefined (not readable).
 */
export function normaliseOwner(
  owner: unknown,
  ownerRoleType: unknown,
  database?: string,
): string | undefined {
  if (isNullMarker(owner)) return undefined;
  const name = String(owner);
  if (String(ownerRoleType ?? "").toUpperCase() === "DATABASE_ROLE" && database && !name.includes(".")) {
    return `${database}.${name}`;
  }
  return name;
}

/**
 * Snowflake's synonyms of a data type family (Snowflake's data type reference): a row access policy
 * declared with `STRING` or `VARCHAR(100)` is described as `VARCHAR`, `INT` as `NUMBER`.
 */
const TYPE_FAMILIES: Record<string, string> = {
  VARCHAR: "VARCHAR",
  STRING: "VARCHAR",
  TEXT: "VARCHAR",
  CHAR: "VARCHAR",
  CHARACTER: "VARCHAR",
  NCHAR: "VARCHAR",
  NVARCHAR: "VARCHAR",
  NVARCHAR2: "VARCHAR",
  "CHAR VARYING": "VARCHAR",
  "NCHAR VARYING": "VARCHAR",
  NUMBER: "NUMBER",
  NUMERIC: "NUMBER",
  DECIMAL: "NUMBER",
  INT: "NUMBER",
  INTEGER: "NUMBER",
  BIGINT: "NUMBER",
  SMALLINT: "NUMBER",
  TINYINT: "NUMBER",
  BYTEINT: "NUMBER",
  FLOAT: "FLOAT",
  FLOAT4: "FLOAT",
  FLOAT8: "FLOAT",
  DOUBLE: "FLOAT",
  "DOUBLE PRECISION": "FLOAT",
  REAL: "FLOAT",
  BINARY: "BINARY",
  VARBINARY: "BINARY",
  DATETIME: "TIMESTAMP_NTZ",
};

/**
 * An argument type as its family: synonyms folded, length, precision and scale dropped
 * (`VARCHAR(10)` and `STRING` are `VARCHAR`). Snowflake's DESCRIBE prints argument types in this
 * resolved spelling, so a declared signature compares equal to what was created from it.
 */
export function normaliseArgumentType(type: string): string {
  const base = type
    .trim()
    .toUpperCase()
    .replace(/\s*\(.*\)\s*$/s, "")
    .replace(/\s+/g, " ");
  return TYPE_FAMILIES[base] ?? base;
}

/**
 * A signature as DESCRIBE prints it, `(A NUMBER(38,0), "b c" VARCHAR)`, into arguments: commas inside
 * a type's parentheses or a quoted name do not split. Names stay as printed (quoted when quoted).
 */
export function parseSignature(text: string): { name: string; type: string }[] {
  const inner = text.trim().replace(/^\(/, "").replace(/\)$/, "");
  const parts: string[] = [];
  let current = "";
  let depth = 0;
  let quoted = false;
  for (const ch of inner) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    if (ch === "," && depth === 0 && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const match = /^("(?:[^"]|"")+"|\S+)\s+(.+)$/s.exec(part);
      return match ? { name: match[1]!, type: match[2]!.trim() } : { name: part, type: "" };
    });
}
