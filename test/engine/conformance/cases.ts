/**
 * The conformance cases: Snowflake documentation examples stored as data, one YAML file per area
 * in ./cases. Each case cites the page it comes from and carries the output that page shows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** One documented example. Values are strings as Snowflake displays them, or null. */
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
  rows?: (string | null)[][];
  /** True when the documented output order is guaranteed (ORDER BY), so order is compared too. */
  ordered?: boolean;
  /** Functions the case exercises (for the inventory's coverage). */
  functions?: string[];
  /** The statement must fail with this Snowflake error code (and message, when given). */
  error?: { code: string; message?: string };
  /** A known failure (the difference last seen); the suite checks it still fails, so a fix shows up. */
  expectedFailure?: string;
  /** For a known failure: its cause and which part of the engine has to change. */
  diagnosis?: string;
}

export interface CaseFile {
  area: string;
  file: string;
  cases: ConformanceCase[];
}

export const CASES_DIR = join(import.meta.dirname, "cases");

/** Every case file (also one folder down: `<category>/<page>.yaml`), in path order, cases in file order. */
export function loadCaseFiles(dir = CASES_DIR): CaseFile[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const data = parse(readFileSync(join(dir, name), "utf8")) as { area: string; cases: ConformanceCase[] };
      return { area: data.area, file: name, cases: data.cases };
    });
}
