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
  /** The Snowflake functions the example exercises (upper-case names), for the inventory's coverage. */
  functions?: string[];
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
  /**
   * The statement must fail with this Snowflake error code and message, as far as given (a page
   * often prints the message without the code).
   */
  error?: { code?: string; message?: string };
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

/** Case files directly in `dir` and one level down (`<category>/<page>.yaml`), as paths relative to `dir`. */
function caseFileNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && entry.name.endsWith(".yaml")) return [entry.name];
    if (!entry.isDirectory()) return [];
    return readdirSync(join(dir, entry.name))
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => `${entry.name}/${name}`);
  });
}

/** Every case file, areas in file-name order, cases in file order. */
export function loadCaseFiles(dir = CASES_DIR): CaseFile[] {
  return caseFileNames(dir)
    .sort()
    .map((name) => {
      const data = parse(readFileSync(join(dir, name), "utf8")) as { area: string; cases: ConformanceCase[] };
      return { area: data.area, file: name, cases: data.cases };
    });
}
