/**
 * SHOW FUNCTIONS: built-in functions and user functions together, with the 18 columns of Snowflake's
 * SHOW FUNCTIONS reference page (SHOW USER FUNCTIONS has two more, `secrets` and
 * `external_access_integrations`, which this page does not list).
 *
 * Built-ins come from the function inventory (functions/inventory), which knows each function's
 * name, aliases and categories but not its signatures or Snowflake's one-line description. So a
 * built-in row gives what the inventory supports (name, is_builtin, is_aggregate,
 * is_table_function, is_data_metric, language SQL) and NULL where Snowflake's value is not known
 * here (is_ansi, the argument counts, `arguments`, `description`) rather than an invented one.
 * User functions give the same values as in SHOW USER FUNCTIONS (routines.ts).
 */
import { INVENTORY, type InventoryEntry } from "../../functions/inventory/index.js";
import type { CellValue } from "../../types.js";
import type { CatalogContext, CatalogEnv } from "../context.js";
import { catalogError } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { type CatalogResult, columns } from "../results.js";
import { applyFilters, parseShowFilters, scopeOf, settleScope, type ShowScope } from "./filters.js";
import { FUNCTION_COLUMNS, routineRow, visibleRoutines } from "./routines.js";

/** SHOW USER FUNCTIONS' columns that SHOW FUNCTIONS leaves out (positions in routineRow's row). */
const USER_ONLY_COLUMNS = new Set([14, 15]);

/** SHOW FUNCTIONS' 18 columns: SHOW USER FUNCTIONS' without secrets and external_access_integrations. */
const SHOW_FUNCTIONS_COLUMNS = FUNCTION_COLUMNS.filter((_, i) => !USER_ONLY_COLUMNS.has(i));

/** One built-in function as SHOW FUNCTIONS lists it: the name it is called by, and its entry. */
export interface BuiltinFunction {
  name: string;
  entry: InventoryEntry;
}

const isIn = (entry: InventoryEntry, category: InventoryEntry["category"]): boolean =>
  entry.category === category || (entry.alsoIn ?? []).includes(category);

/**
 * The built-ins SHOW FUNCTIONS lists: every name (and alias) called as `NAME(…)` without a
 * qualifier, once each. Operators and special syntax (`syntax` set), functions that live in a
 * database or schema (`SNOWFLAKE.CORTEX.…`, the INFORMATION_SCHEMA table functions) and
 * `<class>!method` calls are not global built-ins, so they are left out.
 */
export function builtinFunctions(): BuiltinFunction[] {
  const byName = new Map<string, InventoryEntry>();
  for (const entry of INVENTORY) {
    if (entry.syntax !== undefined || entry.category === "information-schema") continue;
    for (const name of [entry.name, ...(entry.aliases ?? [])]) {
      const key = name.toUpperCase();
      if (!/^[A-Z_][A-Z0-9_$]*$/.test(key) || byName.has(key)) continue;
      byName.set(key, entry);
    }
  }
  return [...byName].map(([name, entry]) => ({ name, entry }));
}

function builtinRow({ name, entry }: BuiltinFunction): CellValue[] {
  return [
    null,
    name,
    "",
    "Y",
    isIn(entry, "aggregate") ? "Y" : "N",
    null,
    null,
    null,
    null,
    null,
    "",
    isIn(entry, "table") ? "Y" : "N",
    "N",
    "N",
    "N",
    "SQL",
    "N",
    isIn(entry, "data-metric") ? "Y" : "N",
  ];
}

/** Built-ins have no schema: an IN SCHEMA scope lists user functions only. */
const listsBuiltins = (scope: ShowScope): boolean => scope.kind !== "SCHEMA";

/** SHOW FUNCTIONS [LIKE '<pattern>'] [IN ACCOUNT | DATABASE [<db>] | SCHEMA [<schema>] | <schema>]. */
export async function showFunctions(env: CatalogEnv, ctx: CatalogContext, c: Cursor): Promise<CatalogResult> {
  const words = c.tokens.map((t) => (t.kind === "word" ? t.text.toUpperCase() : ""));
  if (words.some((w, i) => w === "IN" && words[i + 1] === "CLASS"))
    throw catalogError(
      "002040",
      "0A000",
      "SQL compilation error:\nUnsupported feature 'SHOW FUNCTIONS IN CLASS' in the local engine: classes (SNOWFLAKE.ML and other instance classes) are not modelled.",
    );
  const f = parseShowFilters(c, ctx);
  const scope = await settleScope(env, ctx, scopeOf(f, ctx));
  const users = (await visibleRoutines(env, ctx, scope, "FUNCTION")).map((r) => ({
    name: r.name,
    row: routineRow(r, false).filter((_, i) => !USER_ONLY_COLUMNS.has(i)),
  }));
  const builtins = listsBuiltins(scope)
    ? builtinFunctions().map((b) => ({ name: b.name, row: builtinRow(b) }))
    : [];
  const all = [...builtins, ...users].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    kind: "SHOW",
    columns: columns(SHOW_FUNCTIONS_COLUMNS),
    rows: applyFilters(all, f, (r) => r.name).map((r) => r.row),
  };
}
