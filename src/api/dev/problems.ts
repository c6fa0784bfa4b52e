/** Turns whatever a step of the dev loop threw into the status block's problems (file:line, hint). */
import { asMercuriosError, type MercuriosError, ValidationError } from "../../errors/index.js";
import type { DevProblem } from "../../report/dev-status.js";

function problemOf(error: MercuriosError): DevProblem {
  const location = error.location ?? {};
  return {
    code: error.code,
    message: error.message,
    ...(location.file !== undefined ? { file: location.file } : {}),
    ...(location.line !== undefined ? { line: location.line } : {}),
    ...(location.column !== undefined ? { column: location.column } : {}),
    ...(location.object !== undefined ? { object: location.object } : {}),
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
  };
}

/**
 * One problem per cause: a ValidationError (e.g. declarations) becomes its listed problems, so a
 * template error shows as `views/X.sql:5: variable 'nope' is not defined` rather than a summary.
 */
export function devProblems(thrown: unknown): DevProblem[] {
  const error = asMercuriosError(thrown);
  if (error instanceof ValidationError && error.problems.length > 0)
    return withoutEchoes(error.problems.map(problemOf));
  return [problemOf(error)];
}

/**
 * A view file that fails to render declares no view, so every grant on that view is reported as
 * "not declared" too. Those echoes hide the cause; they are folded into the view's problem.
 */
function withoutEchoes(problems: DevProblem[]): DevProblem[] {
  const broken = new Map<string, DevProblem>();
  for (const problem of problems) {
    const match = /^views\/([^/]+)\/([^/]+)\.sql$/i.exec(problem.file ?? "");
    if (match && problem.code !== "DECLARATION_REFERENCE")
      broken.set(`${match[1]}.${match[2]}`.toUpperCase(), problem);
  }
  if (broken.size === 0) return problems;
  const echoes = new Map<DevProblem, number>();
  const kept = problems.filter((problem) => {
    if (problem.code !== "DECLARATION_REFERENCE") return true;
    const text = `${problem.object ?? ""} ${problem.message}`.toUpperCase();
    for (const [view, cause] of broken) {
      if (text.includes(`.${view} `) || text.includes(`.${view},`) || text.endsWith(`.${view}`)) {
        echoes.set(cause, (echoes.get(cause) ?? 0) + 1);
        return false;
      }
    }
    return true;
  });
  return kept.map((problem) => {
    const count = echoes.get(problem);
    if (!count) return problem;
    const note = `(${count} declaration${count === 1 ? "" : "s"} that name${count === 1 ? "s" : ""} this view wait${count === 1 ? "s" : ""} for it.)`;
    return { ...problem, hint: problem.hint ? `${problem.hint} ${note}` : note };
  });
}
