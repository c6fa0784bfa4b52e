/**
 * The inverse of the project loader: model objects written back as declaration files, so that
 * loading what was written gives the same model (test/model/writer.test.ts proves the round trip).
 * Each kind's `write` says what an object is declared as; this module groups the declarations into
 * files and prints them: TypeScript modules for monitors/ and roles/, `.sql` files with YAML front
 * matter for views/, and the config's `database` and `schemas` entries.
 *
 * Names are written fully qualified and in SQL-ready form (`"Mixed Case"` keeps its quotes), so a
 * written file does not depend on the environment it is loaded for.
 */
import { stringify as stringifyYaml } from "yaml";
import type { ModelObject, ObjectKind } from "../types.js";
import { KINDS } from "./index.js";
import type { WriteContext, WrittenDeclaration } from "./types.js";
import type { WrittenView } from "./view.js";

/** One file to write, relative to the project root. */
export interface DeclarationFile {
  path: string;
  text: string;
}

/** What a set of objects is written as. */
export interface WrittenProject {
  files: DeclarationFile[];
  /** The config's `database` and `schemas` entries (printed with `formatValue`), when present. */
  config: { database?: unknown; schemas: unknown[] };
}

/** Every declaration the objects are written as, in kind then name order. */
export function declarationsOf(
  objects: readonly ModelObject[],
  context: Omit<WriteContext, "objects">,
): WrittenDeclaration[] {
  const sorted = [...objects].sort((a, b) => a.name.localeCompare(b.name));
  const written: WrittenDeclaration[] = [];
  for (const kind of Object.keys(KINDS) as ObjectKind[]) {
    const definition = KINDS[kind];
    if (!definition.write) continue;
    for (const object of sorted.filter((o) => o.kind === kind)) {
      const declaration = (
        definition.write as (o: ModelObject, c: WriteContext) => WrittenDeclaration | undefined
      )(object, { ...context, objects });
      if (declaration) written.push(declaration);
    }
  }
  return written;
}

/** Default file of a module declaration: one file per helper in its folder (monitors one each). */
function moduleFile(declaration: WrittenDeclaration): string {
  const name = (declaration.value as { name?: string }).name ?? "declarations";
  switch (declaration.helper) {
    case "defineMonitor":
      return `monitors/${fileStem(name)}.ts`;
    case "defineWarehouse":
      return "monitors/warehouses.ts";
    case "defineTask":
      return "monitors/tasks.ts";
    case "defineUser":
      return "roles/users.ts";
    case "defineRowAccessPolicy":
      return "roles/row-access-policies.ts";
    default:
      return "roles/roles.ts";
  }
}

/** `MERCURIOS_DEV_MONITOR` -> `mercurios-dev-monitor`. */
function fileStem(name: string): string {
  return (
    name
      .replace(/"/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || "object"
  );
}

/** Writes objects as a project's declaration files (the default grouping; `import` may group otherwise). */
export function writeProject(
  objects: readonly ModelObject[],
  context: Omit<WriteContext, "objects">,
): WrittenProject {
  const modules = new Map<string, WrittenDeclaration[]>();
  const files: DeclarationFile[] = [];
  const config: WrittenProject["config"] = { schemas: [] };
  for (const declaration of declarationsOf(objects, context)) {
    if (declaration.folder === "views") {
      const view = declaration.value as WrittenView;
      files.push({ path: `views/${view.schema}/${view.name}.sql`, text: writeViewFile(view) });
    } else if (declaration.folder === "config") {
      if (declaration.configKey === "schemas") config.schemas.push(declaration.value);
      else config.database = declaration.value;
    } else {
      const file = moduleFile(declaration);
      modules.set(file, [...(modules.get(file) ?? []), declaration]);
    }
  }
  for (const [path, declarations] of modules) files.push({ path, text: writeModule(declarations) });
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, config };
}

/** A TypeScript module exporting the declarations: `export default [defineRole({ … }), …];`. */
export function writeModule(declarations: readonly WrittenDeclaration[]): string {
  const helpers = [...new Set(declarations.map((d) => d.helper ?? ""))].filter(Boolean).sort();
  const items = declarations.map((d) => `  ${d.helper}(${formatValue(d.value, 1)}),`);
  return [
    `import { ${helpers.join(", ")} } from "mercurios";`,
    "",
    "export default [",
    ...items,
    "];",
    "",
  ].join("\n");
}

/** A view file: front matter (when there is any) and the query, Handlebars-safe. */
export function writeViewFile(view: WrittenView): string {
  // The file is a Handlebars template: a literal `{{` in the SQL must not be read as an expression.
  const query = view.query.replace(/\{\{/g, "\\{{");
  const hasFrontMatter = Object.keys(view.frontMatter).length > 0;
  const header = hasFrontMatter ? `---\n${stringifyYaml(view.frontMatter).trimEnd()}\n---\n` : "";
  return `${header}${query.trim()}\n`;
}

const IDENTIFIER_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A value as a TypeScript literal (2-space indent, double quotes, trailing commas); objects nested
 * inside a declaration stay on one line when short (`{ env: "KEY" }`).
 */
export function formatValue(value: unknown, depth = 0): string {
  const pad = "  ".repeat(depth + 1);
  const close = "  ".repeat(depth);
  if (value === undefined) return "undefined";
  if (value === null || typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => formatValue(item, depth + 1));
    const inline = `[${items.join(", ")}]`;
    if (!inline.includes("\n") && inline.length <= 80) return inline;
    return `[\n${items.map((item) => `${pad}${item},`).join("\n")}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const fields = entries.map(
    ([key, v]) => `${IDENTIFIER_KEY.test(key) ? key : JSON.stringify(key)}: ${formatValue(v, depth + 1)}`,
  );
  const inline = `{ ${fields.join(", ")} }`;
  if (depth > 1 && !inline.includes("\n") && inline.length <= 80) return inline;
  return `{\n${fields.map((field) => `${pad}${field},`).join("\n")}\n${close}}`;
}
