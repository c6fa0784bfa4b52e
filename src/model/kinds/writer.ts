/**
 * The inverse of the project loader: model objects written back as declaration files, so that
 * loading what was written gives the same model (test/model/writer.test.ts proves the round trip).
 * Each kind's `write` says what an object is declared as; this module groups the declarations into
 * files the way the Mercurios platform groups its own (monitors/ and roles/ of this repository) and
 * prints them: TypeScript modules for monitors/ and roles/ (formatted as Biome formats them, see
 * ./print.ts), `.sql` files with YAML front matter for views/, and the config's `database` and
 * `schemas` entries.
 *
 * - `monitors/<monitor>.ts`: a resource monitor with the warehouses it governs, and the tasks those
 *   warehouses run (a monitor, its warehouses and their tasks are one unit of cost);
 * - `monitors/warehouses.ts`: warehouses no monitor governs, and their tasks; `monitors/tasks.ts`:
 *   tasks on no declared warehouse (serverless);
 * - `roles/roles.ts`: roles (with parents, grants and future grants) and users (with their roles);
 * - `roles/<policy>.ts`: one row access policy each;
 * - `views/<SCHEMA>/<VIEW>.sql`.
 *
 * Names are written fully qualified and in SQL-ready form (`"Mixed Case"` keeps its quotes), so a
 * written file does not depend on the environment it is loaded for.
 */
import { stringify as stringifyYaml } from "yaml";
import type { ModelObject, ObjectKind } from "../types.js";
import { KINDS } from "./index.js";
import { formatValue, printImport } from "./print.js";
import type { WriteContext, WrittenDeclaration } from "./types.js";
import type { WrittenView } from "./view.js";

export { formatValue, LINE_WIDTH, printImport, printString } from "./print.js";

/** One file to write, relative to the project root. */
export interface DeclarationFile {
  path: string;
  text: string;
}

/** What a set of objects is written as. */
export interface WrittenProject {
  files: DeclarationFile[];
  /** The config's `database` and `schemas` entries (as the kinds write them), when present. */
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

/** `MERCURIOS_DEV_MONITOR` -> `mercurios-dev-monitor`. */
export function fileStem(name: string): string {
  return (
    name
      .replace(/"/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || "object"
  );
}

/** File names already taken by the fixed files of a folder. */
const FIXED_FILES = new Set(["monitors/warehouses.ts", "monitors/tasks.ts", "roles/roles.ts"]);

/** Chooses `folder/<stem>.ts`, or `<stem>-<kind>.ts` (then a number) when that is taken. */
function uniqueFile(folder: string, name: string, kind: string, taken: Set<string>): string {
  const stem = fileStem(name);
  const candidates = [`${folder}/${stem}.ts`, `${folder}/${stem}-${kind}.ts`];
  for (let n = 2; ; n++) {
    const path = candidates.shift() ?? `${folder}/${stem}-${kind}-${n}.ts`;
    if (!taken.has(path) && !FIXED_FILES.has(path)) {
      taken.add(path);
      return path;
    }
  }
}

type ValueWith<K extends string> = { [P in K]?: unknown };

/** Writes objects as a project's declaration files, grouped as described above. */
export function writeProject(
  objects: readonly ModelObject[],
  context: Omit<WriteContext, "objects">,
): WrittenProject {
  const modules = new Map<string, WrittenDeclaration[]>();
  const files: DeclarationFile[] = [];
  const config: WrittenProject["config"] = { schemas: [] };
  const taken = new Set<string>();
  /** The file each written warehouse is declared in, for the tasks it runs. */
  const warehouseFile = new Map<string, string>();
  const add = (file: string, declaration: WrittenDeclaration) =>
    modules.set(file, [...(modules.get(file) ?? []), declaration]);

  for (const declaration of declarationsOf(objects, context)) {
    const value = declaration.value as ValueWith<"name" | "warehouse" | "warehouses">;
    switch (declaration.helper) {
      case undefined: {
        if (declaration.folder === "views") {
          const view = declaration.value as WrittenView;
          files.push({ path: `views/${view.schema}/${view.name}.sql`, text: writeViewFile(view) });
        } else if (declaration.configKey === "schemas") config.schemas.push(declaration.value);
        else config.database = declaration.value;
        break;
      }
      case "defineMonitor": {
        const file = uniqueFile("monitors", String(value.name), "monitor", taken);
        for (const w of (value.warehouses ?? []) as { name: string }[]) warehouseFile.set(w.name, file);
        add(file, declaration);
        break;
      }
      case "defineWarehouse":
        warehouseFile.set(String(value.name), "monitors/warehouses.ts");
        add("monitors/warehouses.ts", declaration);
        break;
      case "defineTask":
        add(warehouseFile.get(String(value.warehouse)) ?? "monitors/tasks.ts", declaration);
        break;
      case "defineRowAccessPolicy":
      case "defineMaskingPolicy":
        add(uniqueFile("roles", String(value.name), "policy", taken), declaration);
        break;
      default:
        add("roles/roles.ts", declaration);
    }
  }
  for (const [path, declarations] of modules) files.push({ path, text: writeModule(declarations) });
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, config };
}

/** Words a `const` cannot be called. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if implements import in instanceof interface let new null package private " +
    "protected public return static super switch this throw true try typeof var void while with yield " +
    "await arguments eval undefined"
  ).split(" "),
);

/** What an export of a helper's declaration is called when its name cannot be used. */
const HELPER_NOUN: Record<string, string> = {
  defineMonitor: "monitor",
  defineWarehouse: "warehouse",
  defineTask: "task",
  defineRole: "role",
  defineUser: "user",
  defineRowAccessPolicy: "policy",
  defineMaskingPolicy: "policy",
};

/** `MERCURIOS_ADMIN` -> `mercuriosAdmin` (the last part of a qualified name). */
export function exportName(name: string): string {
  const last = name.split(".").at(-1) ?? name;
  const words = last
    .replace(/"/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("");
}

/** Unique, valid export names for a module's declarations. */
function exportNames(declarations: readonly WrittenDeclaration[]): string[] {
  const used = new Set<string>();
  return declarations.map((d) => {
    const noun = HELPER_NOUN[d.helper ?? ""] ?? "declaration";
    const value = d.value as ValueWith<"name" | "schema">;
    let base = exportName(String(value.name ?? noun));
    if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(base) || RESERVED.has(base))
      base = `${noun}${base.charAt(0).toUpperCase()}${base.slice(1)}`;
    const candidates = [base, `${base}${noun.charAt(0).toUpperCase()}${noun.slice(1)}`];
    if (value.schema)
      candidates.push(`${exportName(String(value.schema))}${base.charAt(0).toUpperCase()}${base.slice(1)}`);
    let chosen = candidates.find((c) => !used.has(c));
    for (let n = 2; chosen === undefined; n++) if (!used.has(`${base}${n}`)) chosen = `${base}${n}`;
    used.add(chosen);
    return chosen;
  });
}

/**
 * A TypeScript module of declarations: `export default defineRole({ … });` for one, named exports
 * (`export const mercuriosAdmin = defineRole({ … });`) for several, as the platform's modules do.
 */
export function writeModule(declarations: readonly WrittenDeclaration[]): string {
  const helpers = [...new Set(declarations.map((d) => d.helper ?? ""))].filter(Boolean).sort();
  const names = exportNames(declarations);
  const body = declarations.map((d, i) => {
    const head = declarations.length === 1 ? "export default " : `export const ${names[i]} = `;
    return `${head}${d.helper}(${formatValue(d.value, 0, 0, 2)});`;
  });
  return `${printImport(helpers, "mercurios")}\n\n${body.join("\n\n")}\n`;
}

/** A view file: front matter (when there is any) and the query, Handlebars-safe. */
export function writeViewFile(view: WrittenView): string {
  // The file is a Handlebars template: a literal `{{` in the SQL must not be read as an expression.
  const query = view.query.replace(/\{\{/g, "\\{{");
  const hasFrontMatter = Object.keys(view.frontMatter).length > 0;
  const header = hasFrontMatter ? `---\n${stringifyYaml(view.frontMatter).trimEnd()}\n---\n` : "";
  return `${header}${query.trim()}\n`;
}
