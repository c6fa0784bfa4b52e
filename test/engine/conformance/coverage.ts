/**
 * Which inventory entries a case exercises, and coverage per category: the link between the corpus
 * (cases/) and the inventory (src/engine/functions/inventory/).
 */
import { findFunctionCalls } from "../../../src/engine/functions/check.js";
import {
  CATEGORIES,
  INVENTORY,
  type InventoryCategory,
  type InventoryEntry,
  lookupFunction,
} from "../../../src/engine/functions/inventory/index.js";
import { splitStatements } from "../../../src/engine/split/index.js";
import type { ConformanceCase } from "./cases.js";

/** The case directories that are statement areas, not inventory categories. */
export const STATEMENT_AREAS = ["identifiers", "procedures", "query", "show"] as const;

export function isInventoryCategory(category: string): category is InventoryCategory {
  return Object.hasOwn(CATEGORIES, category);
}

/** An entry's identity: name and page (several entries share a name, one per page). */
export const entryKey = (entry: InventoryEntry): string => `${entry.name}@${entry.page}`;

/**
 * The entries a case exercises: those named in `functions:` (by name, alias or `NAME@page`), and
 * those its statements call.
 */
export function exercisedEntries(c: ConformanceCase): InventoryEntry[] {
  const found = new Map<string, InventoryEntry>();
  const add = (entries: readonly InventoryEntry[]): void => {
    for (const entry of entries) found.set(entryKey(entry), entry);
  };
  for (const written of c.functions ?? []) {
    const [name, page] = written.split("@") as [string, string | undefined];
    const upper = name.toUpperCase();
    add(
      INVENTORY.filter(
        (e) =>
          (e.name === upper || e.aliases?.includes(upper) || e.name === name) &&
          (page === undefined || e.page === page),
      ),
    );
  }
  for (const statement of splitStatements(`${c.setup ?? ""};\n${c.query}`)) {
    for (const call of findFunctionCalls(statement.text)) add(lookupFunction(call.parts.join(".")));
  }
  return [...found.values()];
}

/** Coverage of one inventory category as the report prints it. */
export interface CategoryCoverage {
  listed: number;
  covered: number;
  unsupported: number;
  notApplicable: number;
  todo: number;
}

export function coverageOf(category: InventoryCategory): CategoryCoverage {
  const entries = INVENTORY.filter((e) => e.category === category);
  const count = (status: InventoryEntry["status"]): number =>
    entries.filter((e) => e.status === status).length;
  return {
    listed: entries.length,
    covered: count("covered"),
    unsupported: count("unsupported"),
    notApplicable: count("n/a"),
    todo: count("todo"),
  };
}
