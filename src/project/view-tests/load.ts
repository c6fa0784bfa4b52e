/**
 * Finds and reads view test files: `views/<SCHEMA>/<VIEW>.test.yaml` beside the view they test.
 * Each file is rendered (the views' Handlebars context, so `{{database}}` and `{{vars.x}}` work),
 * parsed with `yaml` (which keeps positions) and checked with zod; every problem is collected
 * with file:line so that one run shows them all.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { MercuriosError, ProjectError, ValidationError } from "../../errors/index.js";
import { resolveIdentifier } from "../../model/index.js";
import { testFileSchema } from "./schema.js";
import type { GivenTable, NameAt, TestCell, TestRow, ViewTestCase, ViewTestFile } from "./types.js";

/** The file name suffix of view tests. */
export const VIEW_TEST_SUFFIX = /\.test\.ya?ml$/i;

/** Renders a test file's text for the environment; throws TemplateError with file:line. */
export type TestFileRenderer = (text: string, absolutePath: string) => string;

export interface LoadedViewTests {
  files: ViewTestFile[];
  /** Every problem found, each with file:line. */
  problems: MercuriosError[];
}

/** Absolute paths of every `views/<SCHEMA>/*.test.yaml` under `root`, sorted. */
export async function discoverViewTestFiles(root: string): Promise<string[]> {
  const viewsDir = path.join(root, "views");
  const found: string[] = [];
  let schemas: string[];
  try {
    schemas = (await readdir(viewsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith("_") && !d.name.startsWith("."))
      .map((d) => d.name);
  } catch {
    return [];
  }
  for (const schema of schemas.sort()) {
    const entries = await readdir(path.join(viewsDir, schema), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && VIEW_TEST_SUFFIX.test(entry.name) && !entry.name.startsWith(".")) {
        found.push(path.join(viewsDir, schema, entry.name));
      }
    }
  }
  return found.sort();
}

/** Reads the given test files (all of the project's by default). */
export async function loadViewTestFiles(options: {
  root: string;
  render?: TestFileRenderer;
  files?: readonly string[];
}): Promise<LoadedViewTests> {
  const paths = options.files ?? (await discoverViewTestFiles(options.root));
  const files: ViewTestFile[] = [];
  const problems: MercuriosError[] = [];
  for (const absolutePath of paths) {
    const loaded = await loadViewTestFile(options.root, absolutePath, options.render);
    if (loaded.file) files.push(loaded.file);
    problems.push(...loaded.problems);
  }
  return { files, problems };
}

/** Throws one ValidationError listing every problem, when there are any. */
export function throwIfInvalid(problems: readonly MercuriosError[]): void {
  if (problems.length === 0) return;
  const files = new Set(problems.map((p) => p.location?.file).filter(Boolean));
  throw new ValidationError(
    "VIEW_TESTS_INVALID",
    `${problems.length} problem${problems.length === 1 ? "" : "s"} in view test file${files.size === 1 ? "" : "s"}.`,
    problems,
    { hint: "Fix them and run again; docs/guide/view-tests.md describes the format." },
  );
}

/** Reads one test file. A file with problems gives no cases, only the problems. */
export async function loadViewTestFile(
  root: string,
  absolutePath: string,
  render?: TestFileRenderer,
): Promise<{ file?: ViewTestFile; problems: MercuriosError[] }> {
  const file = path.relative(root, absolutePath).replace(/\\/g, "/");
  const problem = (line: number | undefined, message: string, hint?: string) =>
    new ProjectError("VIEW_TEST_INVALID", message, {
      location: { file, ...(line === undefined ? {} : { line }) },
      ...(hint ? { hint } : {}),
    });
  let text = await readFile(absolutePath, "utf8");
  if (render) {
    try {
      text = render(text, absolutePath);
    } catch (error) {
      if (error instanceof MercuriosError) return { problems: [error] };
      throw error;
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) =>
        problem(
          lineCounter.linePos(e.pos[0]).line,
          `not valid YAML: ${e.message.split("\n")[0]?.replace(/\.?$/, ".")}`,
          "Check the indentation and quoting around this line.",
        ),
      ),
    };
  }
  const lineAt = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  /** Line of the node at `at` (or of the nearest enclosing node that exists); `key` gives a map key's line. */
  const lineOf = (at: readonly PropertyKey[], key = false): number => {
    let node: unknown = doc.contents;
    let line = lineAt(doc.contents as Node) ?? 1;
    for (const [i, segment] of at.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const last = i === at.length - 1;
        node = last && key ? pair.key : (pair.value ?? pair.key);
        if (last && key) line = lineAt(pair.key as Node) ?? line;
        else line = lineAt(pair.value as Node) ?? lineAt(pair.key as Node) ?? line;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (!item) break;
        node = item;
        line = lineAt(item as Node) ?? line;
      } else break;
    }
    return line;
  };

  const parsed = testFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return { problems: parsed.error.issues.flatMap((issue) => issueProblems(issue, lineOf, problem)) };
  }

  const problems: MercuriosError[] = [];
  const cases: ViewTestCase[] = [];
  const names = new Map<string, number>();
  for (const [i, input] of parsed.data.tests.entries()) {
    const at = ["tests", i];
    const caseLine = lineOf(at);
    const earlier = names.get(input.name);
    if (earlier !== undefined) {
      problems.push(
        problem(
          lineOf([...at, "name"]),
          `two tests are named '${input.name}' (the other is on line ${earlier}).`,
          "Give each test its own name.",
        ),
      );
    } else names.set(input.name, caseLine);
    const readRow = (row: Record<string, TestCell>, rowAt: PropertyKey[]): TestRow => {
      const cells = Object.entries(row).map(([written, value]) => ({
        column: resolveIdentifier(written),
        written,
        value,
        line: lineOf([...rowAt, written], true),
      }));
      const seen = new Map<string, string>();
      for (const cell of cells) {
        const other = seen.get(cell.column);
        if (other !== undefined) {
          problems.push(
            problem(cell.line, `'${cell.written}' and '${other}' name the same column ${cell.column}.`),
          );
        }
        seen.set(cell.column, cell.written);
      }
      return { line: lineOf(rowAt), cells };
    };
    const given: GivenTable[] = Object.entries(input.given ?? {}).map(([written, rows]) => ({
      written,
      line: lineOf([...at, "given", written], true),
      rows: rows.map((row, r) => readRow(row, [...at, "given", written, r])),
    }));
    const expectRows = input.expect.rows.map((row, r) => readRow(row, [...at, "expect", "rows", r]));
    const columns = expectRows[0]?.cells.map((c) => c.column) ?? [];
    for (const row of expectRows.slice(1)) {
      const names = row.cells.map((c) => c.column);
      const missing = columns.filter((c) => !names.includes(c));
      const extra = names.filter((c) => !columns.includes(c));
      if (missing.length > 0 || extra.length > 0) {
        problems.push(
          problem(
            row.line,
            `this expected row names ${names.join(", ") || "no columns"}, the first names ${columns.join(", ")}.`,
            "Every expected row names the same columns (only those are compared).",
          ),
        );
      }
    }
    const nameAt = (written: string, line: number): NameAt => ({
      name: resolveIdentifier(written),
      written,
      line,
    });
    const testCase: ViewTestCase = {
      name: input.name,
      line: caseLine,
      given,
      expect: {
        line: lineOf([...at, "expect"], true),
        columns,
        rows: expectRows,
        ...(input.expect.order_by
          ? {
              orderBy: input.expect.order_by.map((c, k) =>
                nameAt(c, lineOf([...at, "expect", "order_by", k])),
              ),
            }
          : {}),
      },
      ...(input.as_role ? { asRole: nameAt(input.as_role, lineOf([...at, "as_role"])) } : {}),
    };
    cases.push(testCase);
  }
  if (problems.length > 0) return { problems };
  const base = path.basename(absolutePath).replace(VIEW_TEST_SUFFIX, "");
  return {
    file: {
      file,
      absolutePath,
      schema: path.basename(path.dirname(absolutePath)),
      view: base,
      cases,
    },
    problems,
  };
}

/** `tests[0].expect.rows[1]` from a zod path. */
function pathText(at: readonly PropertyKey[]): string {
  return at
    .map((segment, i) =>
      typeof segment === "number" ? `[${segment}]` : `${i === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
}

function issueProblems(
  issue: z.core.$ZodIssue,
  lineOf: (at: readonly PropertyKey[], key?: boolean) => number,
  problem: (line: number | undefined, message: string, hint?: string) => MercuriosError,
): MercuriosError[] {
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    return issue.keys.map((key) =>
      problem(
        lineOf([...issue.path, key], true),
        `${pathText([...issue.path, key])}: unknown key '${key}'.`,
        allowed ? `Allowed here: ${allowed}.` : undefined,
      ),
    );
  }
  const where = pathText(issue.path);
  return [problem(lineOf(issue.path), `${where ? `${where}: ` : ""}${issue.message}.`)];
}

function allowedKeys(at: readonly PropertyKey[]): string | undefined {
  if (at.length === 0) return "tests";
  if (at.length === 2 && at[0] === "tests") return "name, given, as_role, expect";
  if (at.length === 3 && at[2] === "expect") return "order_by, rows";
  return undefined;
}
