/**
 * Turns zod issues into one line per problem, `path.to.field: what was expected`, so that all problems in
 * a config file can be reported together.
 */
import type { z } from "zod";

/** One config problem: the dotted path inside the file and a sentence about it. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** Error map used while parsing: short, path-free messages that name the expected type. */
export function configErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return `required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}`;
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value;
}

/** Formats a path such as ["environments", "prod", "connection", "user"] or ["tenants", 0, "id"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || "(root)";
}

/** Flattens zod issues, descending into unions where one branch matched the value's shape. */
export function toProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      // A branch whose issues are all below the root accepted the value's type: its issues are the real ones.
      const matched = issue.errors.filter(
        (branch) => branch.length > 0 && branch.every((i) => i.path.length > 0),
      );
      if (matched.length === 1 && matched[0]) {
        problems.push(...toProblems(matched[0], path));
        continue;
      }
    }
    if (issue.code === "invalid_key" || issue.code === "invalid_element") {
      // A bad record key or element: the inner issues say what is wrong (the path already names it).
      problems.push(...toProblems(issue.issues, path));
      continue;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ path: formatPath([...path, key]), message: "unknown key (check the spelling)" });
      }
      continue;
    }
    problems.push({ path: formatPath(path), message: issue.message });
  }
  return problems;
}
