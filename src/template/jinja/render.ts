/**
 * Renders a template with Jinja the way schemachange does (nunjucks underneath, see
 * docs/decisions/005-jinja-templates.md): strict undefined, no autoescaping, `env_var()`, includes and
 * imports from the search root and from the modules folder under the `modules/` prefix. Errors are
 * `TemplateError`s naming file:line:column, and the variable for a missing one.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import nunjucks from "nunjucks";
import { TemplateError } from "../../errors/index.js";
import { isSecretName, maskSecrets } from "../mask.js";
import type { RenderResult, TemplateContext } from "../render.js";
import { addJinjaFilters } from "./filters.js";
import { installStrictJinja, UndefinedValue } from "./strict.js";

/** Where a Jinja template finds what it includes and imports. */
export interface JinjaSearch {
  /** Names in `include` / `import` are relative to this folder (schemachange's root folder). */
  root: string;
  /** `{% include 'modules/x.sql' %}` reads `<modulesFolder>/x.sql`, as in schemachange. */
  modulesFolder?: string;
}

/** `env_var('NAME')` for an unset variable without a default, as schemachange refuses it. */
class EnvVarUnset extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set and env_var() was given no default`);
  }
}

/**
 * Jinja drops a template's final newline and turns every line ending into `\n`; doing the same makes
 * the rendered text (and so schemachange's checksum of it) the same as schemachange's.
 */
export function jinjaSource(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
}

/** Loads included and imported templates the way schemachange's loaders do. */
class SearchLoader {
  constructor(private readonly search: JinjaSearch) {}

  getSource(name: string): { src: string; path: string; noCache: boolean } | null {
    const parts = name.replace(/\\/g, "/").split("/");
    // Jinja refuses to leave its search path; so do we.
    if (path.isAbsolute(name) || parts.includes("..")) return null;
    const candidates = [path.join(this.search.root, ...parts)];
    if (this.search.modulesFolder && parts[0] === "modules" && parts.length > 1) {
      candidates.push(path.join(this.search.modulesFolder, ...parts.slice(1)));
    }
    for (const file of candidates) {
      try {
        if (!statSync(file).isFile()) continue;
        return { src: jinjaSource(readFileSync(file, "utf8")), path: file, noCache: true };
      } catch {
        // not here: try the next place
      }
    }
    return null;
  }
}

/** Renders `text` (the content of `file`) with Jinja. Throws TemplateError on any problem. */
export function renderJinja(text: string, file: string, context: TemplateContext): RenderResult {
  installStrictJinja();
  const search: JinjaSearch = context.jinja ?? { root: path.dirname(file) };
  const processEnv = context.processEnv ?? process.env;
  const secretsUsed = new Set<string>();
  const environment = new nunjucks.Environment(new SearchLoader(search) as unknown as nunjucks.ILoader, {
    autoescape: false,
    throwOnUndefined: true,
    // Keeps the error objects (with their line numbers and causes) instead of flattening them.
    dev: true,
  });
  addJinjaFilters(environment);
  environment.addGlobal("env_var", (name: unknown, fallback?: unknown) => {
    const variable = String(name);
    const value = processEnv[variable];
    if (value === undefined) {
      if (fallback === undefined || fallback === null) throw new EnvVarUnset(variable);
      return fallback;
    }
    if (isSecretName(variable) && value !== "") secretsUsed.add(value);
    return value;
  });

  const builtIns: Record<string, unknown> = { env: context.env };
  if (context.kind) builtIns.kind = context.kind;
  if (context.database) builtIns.database = context.database;
  if (context.schema !== undefined) builtIns.schema = context.schema;
  if (context.schemas) builtIns.schemas = context.schemas;
  if (context.tenants) builtIns.tenants = context.tenants;
  builtIns.vars = { ...(context.vars ?? {}), ...(context.values ?? {}) };
  const data = { ...builtIns, ...(context.vars ?? {}), ...(context.values ?? {}) };

  let sql: string;
  try {
    const template = new nunjucks.Template(jinjaSource(text), environment, file, true);
    sql = template.render(data);
  } catch (error) {
    throw toTemplateError(error, { file, text }, context, search);
  }
  const secrets = [...new Set([...(context.secrets ?? []), ...secretsUsed])];
  return { sql, masked: maskSecrets(sql, secrets), secrets };
}

function displayPath(file: string, root: string | undefined): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(root ?? process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative.split(path.sep).join("/") : file;
}

interface NunjucksError extends Error {
  lineno?: number;
  colno?: number;
  cause?: unknown;
}

/** The chain of errors nunjucks wrapped around what was thrown, outermost first. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && out.length < 20) {
    out.push(current);
    current = (current as NunjucksError).cause;
  }
  return out;
}

/** The 1-based line of a template on which `needle` first appears in quotes (nunjucks gives none). */
function lineOf(source: string, needle: string): number | undefined {
  const index = source
    .split("\n")
    .findIndex((line) => line.includes(`'${needle}'`) || line.includes(`"${needle}"`));
  return index === -1 ? undefined : index + 1;
}

function toTemplateError(
  error: unknown,
  main: { file: string; text: string },
  context: TemplateContext,
  search: JinjaSearch,
): TemplateError {
  const { file } = main;
  const errors = chain(error);
  const firstLine = context.firstLine ?? 1;
  const where = (template: string | null | undefined, line?: number, column?: number) => {
    const isMain = !template || template === file;
    const location: { file: string; line?: number; column?: number } = {
      file: displayPath(isMain ? file : template, context.root),
    };
    if (line !== undefined && line > 0) {
      location.line = isMain ? line + firstLine - 1 : line;
      if (column !== undefined && column > 0) location.column = column;
    }
    return location;
  };
  // The innermost template named in the messages (an error inside an include names the include).
  const templates = errors
    .map((e) => /^\(([^)]*)\)/.exec(e instanceof Error ? e.message : "")?.[1])
    .filter((t): t is string => t !== undefined && t !== "unknown path");
  const innermost = templates[templates.length - 1];

  const undefinedValue = errors.find((e): e is UndefinedValue => e instanceof UndefinedValue);
  if (undefinedValue) {
    const name = undefinedValue.what;
    const root = name.split(/[.[]/)[0]!;
    const unresolved = context.unresolvedVars?.[root];
    const optional = `for an optional value write {{ ${name} | default('…') }}`;
    return new TemplateError("TEMPLATE_MISSING_VAR", `variable '${name}' is not defined.`, {
      location: where(undefinedValue.template, undefinedValue.line, undefinedValue.column),
      hint: unresolved
        ? `${unresolved.reason}${unresolved.path ? ` (declared at ${unresolved.path})` : ""}; set it, or pass --var ${root}=….`
        : name === root
          ? `Define '${root}' under vars (schemachange-config.yml or mercurios.config.ts), or pass --var ${root}=…; ${optional}.`
          : `'${root}' has no such attribute; check the name, or ${optional}.`,
      cause: error,
    });
  }

  const unset = errors.find((e): e is EnvVarUnset => e instanceof EnvVarUnset);
  if (unset) {
    const wrapper = errors.find((e) => (e as NunjucksError).lineno !== undefined) as
      | NunjucksError
      | undefined;
    return new TemplateError("TEMPLATE_ENV_UNSET", `${unset.message}.`, {
      location: where(
        innermost,
        wrapper?.lineno === undefined ? undefined : wrapper.lineno + 1,
        wrapper?.colno === undefined ? undefined : wrapper.colno + 1,
      ),
      hint: `Set ${unset.variable}, or give a default: env_var('${unset.variable}', '…').`,
      cause: error,
    });
  }

  const innermostError = [...errors].reverse().find((e) => e instanceof Error) as NunjucksError | undefined;
  const detail = (innermostError?.message ?? String(error))
    .replace(/^\([^)]*\)( \[Line \d+, Column \d+\])?\s*/, "")
    .replace(/^(Template render error: \([^)]*\)\s*)+/, "")
    .replace(/^Error: /, "")
    .trim();
  const positioned = errors.find((e) => (e as NunjucksError).lineno !== undefined) as
    | NunjucksError
    | undefined;
  const missing = /template not found: (.+)$/.exec(detail);
  if (missing) {
    const looked = [search.root, ...(search.modulesFolder ? [`${search.modulesFolder} (as modules/…)`] : [])];
    const including = templates[templates.length - 2] ?? innermost ?? file;
    let source = main.text;
    if (including !== file) {
      try {
        source = readFileSync(including, "utf8");
      } catch {
        source = "";
      }
    }
    return new TemplateError("TEMPLATE_MISSING_PARTIAL", `template '${missing[1]}' not found.`, {
      location: where(including, lineOf(source, missing[1]!)),
      hint: `Names in include and import are relative to ${looked.map((l) => displayPath(l, context.root)).join(" or ")}.`,
      cause: error,
    });
  }
  const syntax = /unexpected|expected|unknown block tag|parse|unclosed|unterminated/i.test(detail);
  return new TemplateError(
    syntax ? "TEMPLATE_SYNTAX" : "TEMPLATE_RENDER",
    `${syntax ? "template syntax error" : "template failed to render"}: ${detail.replace(/\.$/, "")}.`,
    {
      location: where(innermost, positioned?.lineno, positioned?.colno),
      ...(syntax ? { hint: "Check that every {% block %} has its {% end… %} and every {{ has its }}." } : {}),
      cause: error,
    },
  );
}
