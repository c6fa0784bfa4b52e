/**
 * The conformance corpus: Snowflake documentation examples stored as data, one YAML file per
 * documentation page under `cases/<category>/<page>.yaml`. A category is an inventory category
 * (src/engine/functions/inventory) or a statement area (`query`, `identifiers`, `show`).
 *
 * A file holds `cases:`, a list of ConformanceCase. Each case cites its page in `source`, carries
 * the output the page shows, and is run through the engine's public API (runner.ts).
 *
 * Cell values in `rows` are strings as Snowflake displays them, or null. Where the documented output
 * is plainly non-deterministic (CURRENT_TIMESTAMP, RANDOM, UUID_STRING), a cell may be written as
 * `{ pattern: '<regular expression>' }`: the displayed value must match it (anchored at both ends).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** A cell: the displayed value, NULL, or a pattern the displayed value must match. */
export type ExpectedCell = string | null | { pattern: string };

/** One documented example. */
export interface ConformanceCase {
  id: string;
  /** The documentation page the example and its output come from. */
  source: string;
  /** Statements run first, in one session (a script; may be empty). */
  setup?: string;
  /** The statement whose result is compared (the last statement if it is a script). */
  query: string;
  /** Expected column names; not compared when absent. */
  columns?: string[];
  /** Expected rows; compared as a multiset unless `ordered`. */
  rows?: ExpectedCell[][];
  /** True when the documented output order is guaranteed (ORDER BY), so order is compared too. */
  ordered?: boolean;
  /**
   * The statement must fail with this Snowflake error code and message, as far as given (a page
   * often prints the message without the code).
   */
  error?: { code?: string; message?: string };
  /**
   * The inventory functions (or operators) this case exercises, for coverage. When absent, the
   * functions the query and setup call are taken (functions/check.ts finds them).
   */
  functions?: string[];
  /**
   * `engine`: run in a fresh engine of its own. Cases share one engine per category by default (a
   * fresh session and database each); account-level statements get a fresh engine automatically.
   */
  isolation?: "engine";
  /** A known failure (the difference last seen); the suite checks it still fails, so a fix shows up. */
  expectedFailure?: string;
  /** For a known failure: its cause and which part of the engine has to change. */
  diagnosis?: string;
}

/** One page's cases. */
export interface CaseFile {
  category: string;
  /** Page name: the file name without `.yaml`. */
  page: string;
  /** Path relative to CASES_DIR. */
  file: string;
  cases: ConformanceCase[];
}

export const CASES_DIR = join(import.meta.dirname, "cases");

/** The categories that have case files, in name order. */
export function caseCategories(dir = CASES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Every case file of one category (or of all), categories and pages in name order. */
export function loadCaseFiles(category?: string, dir = CASES_DIR): CaseFile[] {
  const categories = category === undefined ? caseCategories(dir) : [category];
  const files: CaseFile[] = [];
  for (const cat of categories) {
    const folder = join(dir, cat);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)
      .filter((n) => n.endsWith(".yaml"))
      .sort()) {
      const data = parse(readFileSync(join(folder, name), "utf8")) as { cases?: ConformanceCase[] } | null;
      files.push({
        category: cat,
        page: name.slice(0, -".yaml".length),
        file: `${cat}/${name}`,
        cases: data?.cases ?? [],
      });
    }
  }
  return files;
}
