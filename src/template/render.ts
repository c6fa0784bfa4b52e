/**
 * Renders one SQL template with Handlebars in strict mode. Before rendering, the template (and every
 * partial it uses) is checked: unknown helpers, missing partials and names that would shadow a built-in
 * are reported with file:line:column. A missing variable at render time is reported the same way.
 */
import path from "node:path";
import Handlebars from "handlebars";
import { TemplateError } from "../errors/index.js";
import { BUILT_IN_NAMES } from "./built-ins.js";
import { createHelpers, HELPER_NAMES, HelperFailure } from "./helpers.js";
import { type JinjaSearch, renderJinja } from "./jinja/render.js";
import { maskSecrets } from "./mask.js";
import { findPartials, type PartialFile, readPartial } from "./partials.js";

type Scalar = string | number | boolean;

export { BUILT_IN_NAMES } from "./built-ins.js";

/** What a template is rendered against. */
export interface TemplateContext {
  /** Environment name, e.g. `local` or `prod` (`{{env}}`). */
  env: string;
  /** `local` or `snowflake` (`{{kind}}`). */
  kind?: string;
  /** The environment's database (`{{database}}`). */
  database: string;
  /** Schema of the file being rendered, e.g. `RAW` for migrations/RAW/V1__x.sql (`{{schema}}`). */
  schema?: string;
  /** All project schemas in order (`{{schemas}}`). */
  schemas?: readonly string[];
  /** Tenants from the config (`{{#each tenants}}{{id}}{{/each}}`). */
  tenants?: readonly object[];
  /** Config vars: usable as `{{name}}` and `{{vars.name}}`. */
  vars?: Readonly<Record<string, Scalar>>;
  /** Vars declared without a value, with the reason, so a template using one gets a useful error. */
  unresolvedVars?: Readonly<Record<string, { reason: string; path?: string }>>;
  /** Known secret values (config vars marked secret); masked in `RenderResult.masked`. */
  secrets?: readonly string[];
  /** Directories with partials, nearest first (e.g. views/_partials then migrations/_partials). */
  partialDirs?: readonly string[];
  /** Where `{{env "NAME"}}` reads from; defaults to process.env. */
  processEnv?: NodeJS.ProcessEnv;
  /** Line of the file on which `text` starts (when a header was cut off before rendering). Default 1. */
  firstLine?: number;
  /** Directory file names are shown relative to in errors (defaults to the working directory). */
  root?: string;
  /** The template language: Handlebars (the default) or Jinja (schemachange projects). */
  engine?: TemplateEngine;
  /** Jinja only: where `include` and `import` look (the file's folder when not given). */
  jinja?: JinjaSearch;
  /** Jinja only: vars as nested values (schemachange's `vars:`, reached as `{{ a.b }}`); override `vars`. */
  values?: Readonly<Record<string, unknown>>;
}

/** The template languages a project can use. */
export type TemplateEngine = "handlebars" | "jinja";

/** A rendered template. */
export interface RenderResult {
  /** The SQL to run. Never print it: print `masked`. */
  sql: string;
  /** The SQL with every secret value replaced by the mask: safe to print or log. */
  masked: string;
  /** Secret values known to this render (config secrets and secret env vars it read). */
  secrets: string[];
}

interface SourceFile {
  label: string;
  firstLine: number;
  /** What each helper call passes, by `line:column` of the call: the variable names written as arguments. */
  callArguments: Map<string, string[]>;
}

/** Renders `text` (the content of `file`) against `context`. Throws TemplateError on any problem. */
export function renderTemplate(text: string, file: string, context: TemplateContext): RenderResult {
  if (context.engine === "jinja") return renderJinja(text, file, context);
  const source: SourceFile = {
    label: displayPath(file, context.root),
    firstLine: context.firstLine ?? 1,
    callArguments: new Map(),
  };
  const partials = findPartials(context.partialDirs ?? []);
  const state = {
    environment: context.env,
    processEnv: context.processEnv ?? process.env,
    secretsUsed: new Set<string>(),
  };
  const hbs = Handlebars.create();
  hbs.unregisterHelper("log"); // it writes to the console; only the CLI prints
  hbs.registerHelper(createHelpers(state) as Record<string, Handlebars.HelperDelegate>);

  const varNames = Object.keys(context.vars ?? {});
  const program = parse(text, source);
  const used = new Set<string>();
  checkProgram(program, source, partials, varNames, used);
  registerPartials(hbs, used, partials, varNames, context);

  const builtIns = {
    env: context.env,
    kind: context.kind ?? "",
    database: context.database,
    ...(context.schema === undefined ? {} : { schema: context.schema }),
    schemas: context.schemas ?? [],
    tenants: context.tenants ?? [],
    vars: context.vars ?? {},
    file: source.label,
  };
  const data = { ...(context.vars ?? {}), ...builtIns };
  let sql: string;
  try {
    const template = hbs.compile(text, { strict: true, noEscape: true, knownHelpersOnly: false });
    sql = template(data, { data: builtIns });
  } catch (error) {
    throw toTemplateError(error, source, context);
  }
  const secrets = [...new Set([...(context.secrets ?? []), ...state.secretsUsed])];
  return { sql, masked: maskSecrets(sql, secrets), secrets };
}

function displayPath(file: string, root: string | undefined): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(root ?? process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

function parse(text: string, source: SourceFile): hbs.AST.Program {
  try {
    return Handlebars.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/.exec(message)?.[1];
    const expected = /Expecting (.*), got (.*)$/m.exec(message);
    throw new TemplateError(
      "TEMPLATE_SYNTAX",
      `template syntax error${expected ? `: got ${expected[2]}` : ""}.`,
      {
        location: { file: source.label, ...(line ? { line: Number(line) + source.firstLine - 1 } : {}) },
        hint: "Check that every {{#block}} is closed with {{/block}} and every {{ has its }}.",
        cause: error,
      },
    );
  }
}

function at(
  source: SourceFile,
  loc: hbs.AST.SourceLocation | undefined,
): { file: string; line?: number; column?: number } {
  if (!loc) return { file: source.label };
  return { file: source.label, line: loc.start.line + source.firstLine - 1, column: loc.start.column + 1 };
}

/** Walks the template: unknown helpers, missing partials, shadowing block params and partial arguments. */
function checkProgram(
  program: hbs.AST.Program,
  source: SourceFile,
  partials: Map<string, PartialFile>,
  varNames: readonly string[],
  used: Set<string>,
): void {
  const reserved = new Set<string>([...BUILT_IN_NAMES, ...varNames]);
  const visit = (node: hbs.AST.Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case "Program":
        for (const statement of (node as hbs.AST.Program).body) visit(statement);
        return;
      case "MustacheStatement":
      case "SubExpression":
      case "BlockStatement": {
        const call = node as unknown as {
          path: hbs.AST.PathExpression | hbs.AST.Literal;
          params: hbs.AST.Expression[];
          hash?: hbs.AST.Hash;
          program?: hbs.AST.Program;
          inverse?: hbs.AST.Program;
        };
        const isCall =
          node.type === "SubExpression" || call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
        if (isCall && call.path.type === "PathExpression") {
          const helper = (call.path as hbs.AST.PathExpression).original;
          if (node.loc) {
            const names = call.params.map((p) =>
              p.type === "PathExpression" ? (p as hbs.AST.PathExpression).original : "",
            );
            source.callArguments.set(`${node.loc.start.line}:${node.loc.start.column + 1}`, names);
          }
          if (!HELPER_NAMES.has(helper)) {
            throw new TemplateError("TEMPLATE_UNKNOWN_HELPER", `unknown helper '${helper}'.`, {
              location: at(source, call.path.loc ?? node.loc),
              hint: `Available helpers: ${[...HELPER_NAMES].sort().join(", ")}.`,
            });
          }
        }
        for (const param of call.program?.blockParams ?? []) {
          if (reserved.has(param)) {
            throw new TemplateError(
              "TEMPLATE_SHADOW",
              `block parameter '${param}' would shadow the built-in or config variable '${param}'.`,
              { location: at(source, node.loc), hint: "Rename the block parameter (as |…|)." },
            );
          }
        }
        for (const param of call.params) visit(param);
        for (const pair of call.hash?.pairs ?? []) visit(pair.value);
        visit(call.program);
        visit(call.inverse);
        return;
      }
      case "PartialStatement":
      case "PartialBlockStatement": {
        const partial = node as hbs.AST.PartialStatement;
        const name =
          partial.name.type === "PathExpression"
            ? (partial.name as hbs.AST.PathExpression).original
            : String((partial.name as unknown as hbs.AST.StringLiteral).value);
        if (!partials.has(name)) {
          const known = [...partials.keys()];
          throw new TemplateError("TEMPLATE_MISSING_PARTIAL", `partial '${name}' not found.`, {
            location: at(source, partial.loc),
            hint: known.length
              ? `Known partials: ${known.join(", ")}.`
              : "Put shared snippets in migrations/_partials/<name>.sql or views/_partials/<name>.sql.",
          });
        }
        for (const pair of partial.hash?.pairs ?? []) {
          if (reserved.has(pair.key)) {
            throw new TemplateError(
              "TEMPLATE_SHADOW",
              `partial argument '${pair.key}' would shadow the built-in or config variable '${pair.key}'.`,
              { location: at(source, pair.loc ?? partial.loc), hint: "Pass it under another name." },
            );
          }
          visit(pair.value);
        }
        for (const param of partial.params) visit(param);
        if (node.type === "PartialBlockStatement") visit((node as hbs.AST.PartialBlockStatement).program);
        used.add(name);
        return;
      }
      default:
        return;
    }
  };
  visit(program);
}

/** Compiles each partial used (and the partials they use) and registers it with its own error location. */
function registerPartials(
  hbs: typeof Handlebars,
  used: Set<string>,
  partials: Map<string, PartialFile>,
  varNames: readonly string[],
  context: TemplateContext,
): void {
  const done = new Set<string>();
  const pending = [...used];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (done.has(name)) continue;
    done.add(name);
    const partial = partials.get(name)!;
    const text = readPartial(partial);
    const source: SourceFile = {
      label: displayPath(partial.file, context.root),
      firstLine: 1,
      callArguments: new Map(),
    };
    const nested = new Set<string>();
    checkProgram(parse(text, source), source, partials, varNames, nested);
    pending.push(...nested);
    const template = hbs.compile(text, { strict: true, noEscape: true });
    hbs.registerPartial(name, ((ctx: unknown, options: Handlebars.RuntimeOptions) => {
      try {
        return template(ctx, options);
      } catch (error) {
        throw toTemplateError(error, source, context);
      }
    }) as unknown as Handlebars.Template);
  }
}

function toTemplateError(error: unknown, source: SourceFile, context: TemplateContext): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof HelperFailure) {
    const argument =
      error.undefinedArgument === undefined
        ? undefined
        : source.callArguments.get(`${error.line}:${error.column}`)?.[error.undefinedArgument];
    if (argument) {
      return missingVariable(
        argument.replace(/^@root\./, ""),
        source,
        context,
        error.line,
        error.column,
        error,
      );
    }
    return new TemplateError("TEMPLATE_HELPER", error.message + ".", {
      location: position(source, error.line, error.column),
      ...(error.hint ? { hint: error.hint } : {}),
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const missing = /^"([^"]+)" not defined in/.exec(message);
  const e = error as { lineNumber?: number; column?: number };
  if (missing) {
    return missingVariable(
      missing[1]!,
      source,
      context,
      e.lineNumber,
      e.column === undefined ? undefined : e.column + 1,
      error,
    );
  }
  return new TemplateError(
    "TEMPLATE_RENDER",
    `template failed to render: ${message.replace(/ - \d+:\d+$/, "")}.`,
    {
      location: position(source, e.lineNumber, e.column === undefined ? undefined : e.column + 1),
      cause: error,
    },
  );
}

function missingVariable(
  name: string,
  source: SourceFile,
  context: TemplateContext,
  line: number | undefined,
  column: number | undefined,
  error: unknown,
): TemplateError {
  const location = position(source, line, column);
  if (name === "schema") {
    return new TemplateError("TEMPLATE_NO_SCHEMA", "variable 'schema' is not defined for this file.", {
      location,
      hint: "{{schema}} is the folder of the file: put it under migrations/<SCHEMA>/ or views/<SCHEMA>/ with a schema listed in mercurios.config.ts.",
      cause: error,
    });
  }
  const unresolved = context.unresolvedVars?.[name];
  return new TemplateError("TEMPLATE_MISSING_VAR", `variable '${name}' is not defined.`, {
    location,
    hint: unresolved
      ? `${unresolved.reason}${unresolved.path ? ` (declared at ${unresolved.path})` : ""}; set it, or pass --var ${name}=….`
      : `Define '${name}' under vars (or environments.${context.env}.vars) in mercurios.config.ts, or pass --var ${name}=…. Inside {{#each}} and {{#with}}, reach top-level names as @root.${name}.`,
    cause: error,
  });
}

function position(source: SourceFile, line: number | undefined, column: number | undefined) {
  const where: { file: string; line?: number; column?: number } = { file: source.label };
  if (line !== undefined) {
    where.line = line + source.firstLine - 1;
    if (column !== undefined) where.column = column;
  }
  return where;
}
