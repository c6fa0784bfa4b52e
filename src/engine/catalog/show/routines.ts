/**
 * SHOW USER FUNCTIONS and SHOW [USER] PROCEDURES, with the columns of Snowflake's SHOW USER
 * FUNCTIONS, SHOW USER PROCEDURES and SHOW PROCEDURES reference pages (SHOW PROCEDURES has no
 * `secrets` and `external_access_integrations`). Only user-defined routines exist locally, so
 * SHOW PROCEDURES lists the same rows as SHOW USER PROCEDURES (no built-in procedures).
 */
import type { CellValue } from "../../types.js";
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { RoutineEntry } from "../directory.js";
import type { Cursor } from "../lexer.js";
import { type CatalogResult, columns, num, ts } from "../results.js";
import { applyFilters, parseShowFilters, scopeOf, settleScope, type ShowScope } from "./filters.js";
import { visibleInScope } from "./scoped-objects.js";

/** SHOW USER FUNCTIONS' 20 columns; SHOW [USER] PROCEDURES and SHOW FUNCTIONS take parts of it. */
export const FUNCTION_COLUMNS = [
  "created_on:d",
  "name:t",
  "schema_name:t",
  "is_builtin:t",
  "is_aggregate:t",
  "is_ansi:t",
  "min_num_arguments:n",
  "max_num_arguments:n",
  "arguments:t",
  "description:t",
  "catalog_name:t",
  "is_table_function:t",
  "valid_for_clustering:t",
  "is_secure:t",
  "secrets:t",
  "external_access_integrations:t",
  "is_external_function:t",
  "language:t",
  "is_memoizable:t",
  "is_data_metric:t",
] as const;

const PROCEDURE_COLUMNS = FUNCTION_COLUMNS.slice(0, 14);
const USER_PROCEDURE_COLUMNS = FUNCTION_COLUMNS.slice(0, 16);

/** Splits an argument list at its top-level commas. */
export function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  let quote: string | null = null;
  for (const ch of list) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim() !== "") parts.push(current);
  return parts.map((p) => p.trim());
}

/** One declared argument: its type (upper case, as SHOW prints it) and whether it has a DEFAULT. */
function argumentOf(declaration: string): { type: string; optional: boolean } {
  const withoutName = declaration.replace(/^("(?:[^"]|"")*"|\S+)\s+/, "");
  const [type, defaultValue] = withoutName.split(/\s+DEFAULT\s+/i, 2);
  return {
    type: (type ?? "").trim().replace(/\s+/g, " ").toUpperCase(),
    optional: defaultValue !== undefined,
  };
}

/** A routine's SHOW row: SHOW USER FUNCTIONS' 20 columns, or SHOW PROCEDURES' first 14. */
export function routineRow(r: RoutineEntry, procedure: boolean): CellValue[] {
  const args = splitTopLevel(r.signature).map(argumentOf);
  const list = args.map((a) => (a.optional ? `DEFAULT ${a.type}` : a.type)).join(", ");
  const returns = (r.returns ?? "").replace(/\s+/g, " ").trim().toUpperCase();
  const text = r.text ?? "";
  const common: CellValue[] = [
    ts(r.createdOn),
    r.name,
    r.schema,
    "N",
    /\bAGGREGATE\s+FUNCTION\b/i.test(text) ? "Y" : "N",
    "N",
    num(args.filter((a) => !a.optional).length),
    num(args.length),
    `${r.name}(${list}) RETURN ${returns}`,
    r.comment ?? (procedure ? "user-defined procedure" : "user-defined function"),
    r.database,
    returns.startsWith("TABLE") ? "Y" : "N",
    "N",
    /^\s*CREATE\s+(OR\s+REPLACE\s+)?(TEMP(ORARY)?\s+)?SECURE\b/i.test(text) ? "Y" : "N",
  ];
  if (procedure) return common;
  return [...common, null, null, "N", r.language, /\bMEMOIZABLE\b/i.test(text) ? "Y" : "N", "N"];
}

/** SHOW USER FUNCTIONS / SHOW [USER] PROCEDURES [LIKE …] [IN …] [STARTS WITH …] [LIMIT …]. */
export async function showRoutines(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  shown: "FUNCTION" | "PROCEDURE" | "USER PROCEDURE",
): Promise<CatalogResult> {
  const kind = shown === "FUNCTION" ? "FUNCTION" : "PROCEDURE";
  const f = parseShowFilters(c, ctx);
  const scope = await settleScope(env, ctx, scopeOf(f, ctx));
  const list = await visibleRoutines(env, ctx, scope, kind);
  const picked = applyFilters(list, f, (r) => r.name);
  if (shown === "FUNCTION")
    return {
      kind: "SHOW",
      columns: columns(FUNCTION_COLUMNS),
      rows: picked.map((r) => routineRow(r, false)),
    };
  // SHOW USER PROCEDURES adds secrets and external_access_integrations, NULL as for a user function.
  const user = shown === "USER PROCEDURE";
  return {
    kind: "SHOW",
    columns: columns(user ? USER_PROCEDURE_COLUMNS : PROCEDURE_COLUMNS),
    rows: picked.map((r) => (user ? [...routineRow(r, true), null, null] : routineRow(r, true))),
  };
}

/**
 * The user routines of one kind inside a SHOW's scope that the session's roles may see, by name
 * (then database, schema); an IN SCHEMA that does not exist is Snowflake's not-found error.
 */
export async function visibleRoutines(
  env: CatalogEnv,
  ctx: CatalogContext,
  scope: ShowScope,
  kind: "FUNCTION" | "PROCEDURE",
): Promise<RoutineEntry[]> {
  const found = await visibleInScope(env, ctx, scope, kind, (d, s) => env.directory.routines?.(d, s));
  return found
    .filter((r) => r.kind === kind)
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.database, b.database) || cmp(a.schema, b.schema));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
