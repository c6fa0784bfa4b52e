/**
 * Loads the declarations of a project (roles/*.ts, monitors/*.ts with jiti; views/<SCHEMA>/*.sql with
 * optional front matter) for one environment, validates them with zod, checks cross-references and
 * builds the desired model. Every problem is collected and reported together, each naming its file
 * and object.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import type { z } from "zod";
import { MercuriosError, ProjectError, ValidationError } from "../../errors/index.js";
import {
  type AccountModel,
  DECLARATIONS,
  type DatabaseDeclaration,
  type ManagedScope,
  type SchemaDeclaration,
  viewFrontMatterSchema,
} from "../../model/index.js";
import { type BuildInput, buildDesiredModel, type LocatedDeclaration } from "./build.js";
import { type DeclarationContext, DECLARATION_BRAND, type DeclarationKind, isDeclaration } from "./define.js";
import { moduleTimeoutMs, withinTime } from "../../config/index.js";
import { splitFrontMatter } from "./front-matter.js";
import { checkViewReads, type KnownRelations } from "./view-reads.js";

export interface LoadDeclarationsOptions {
  /** Project root (holds roles/, monitors/, views/). */
  root: string;
  context: DeclarationContext;
  /**
   * Renders a view file's SQL for the environment (Handlebars via src/template). Receives the body
   * after the front matter and the file path relative to the root. Defaults to no rendering.
   */
  renderView?: (sql: string, file: string, firstLine: number) => string | Promise<string>;
  /** Process environment for `{ env: 'NAME' }` values (defaults to process.env). */
  processEnv?: NodeJS.ProcessEnv;
  /** Config `ignore` patterns (`<KIND> <NAME>`). */
  ignore?: readonly string[];
  /**
   * The roles/ and monitors/ declarations of an earlier load (its `DesiredState.modules`), reused
   * instead of importing the TS modules again: `mercurios dev` re-renders only views/ on a view
   * save. Only valid while those files and the context (vars, database) are unchanged.
   */
  modules?: ModuleDeclarations;
  /**
   * The database and schemas the config declares (mercurios.config.ts `database`, `schemas`), with
   * the file they are declared in. Without it the model declares neither (the build's unit tests).
   */
  containers?: { file: string; database: DatabaseDeclaration; schemas: readonly SchemaDeclaration[] };
  /**
   * The relations that exist besides the declared views (those the migrations leave, and the
   * account's when a target is known): views reading anything else are problems. Without it, what
   * views read is not checked (the build's unit tests; commands that load no migrations).
   */
  relations?: KnownRelations;
}

/** What roles/ and monitors/ declare, validated, with the problems found loading them. */
export interface ModuleDeclarations {
  input: Omit<BuildInput, "views">;
  problems: readonly ProjectError[];
}

/** The desired state of an environment, and where each part came from. */
export interface DesiredState {
  model: AccountModel;
  /** Object key -> file it was declared in (relative to the root). */
  sources: Map<string, string>;
  /** The roles/ and monitors/ declarations this state was built from (pass as `modules` to reuse). */
  modules?: ModuleDeclarations;
}

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && pattern.test(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function listSubdirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** A declaration module that does not finish loading in time is an error naming the file. */
function declarationWithinTime<T>(loading: Promise<T>, ms: number, file: string): Promise<T> {
  return withinTime(
    loading,
    ms,
    () =>
      new ProjectError("DECLARATION_TIMEOUT", `the module did not finish loading within ${ms / 1000} s`, {
        location: { file },
        hint: "Its top level waits for something that never ends (an await, a network call, a loop); declarations must be computed without waiting.",
      }),
  );
}

/** Collects the declarations a module exports (default and named, arrays flattened). */
function collectDeclarations(exported: unknown, found: unknown[], depth = 0): void {
  if (depth > 4) return;
  if (isDeclaration(exported)) {
    found.push(exported);
    return;
  }
  if (Array.isArray(exported)) {
    for (const item of exported) collectDeclarations(item, found, depth + 1);
    return;
  }
  if (exported && typeof exported === "object" && depth === 0) {
    for (const value of Object.values(exported)) collectDeclarations(value, found, depth + 1);
  }
}

function zodProblems(
  error: z.ZodError,
  file: string,
  object: string | undefined,
  prefix: string,
): ProjectError[] {
  return error.issues.map(
    (issue) =>
      new ProjectError("DECLARATION_INVALID", issue.message, {
        location: {
          file,
          path: [prefix, ...issue.path.map(String)].filter((p) => p !== "").join("."),
          ...(object ? { object } : {}),
        },
        hint: "Fix the declaration; see docs/guide/declarations.md for the fields each helper accepts.",
      }),
  );
}

function nameOf(value: unknown): string | undefined {
  if (value && typeof value === "object" && "name" in value && typeof value.name === "string")
    return value.name;
  return undefined;
}

/** Imports roles/ and monitors/ (jiti) and validates what they declare. */
async function loadModuleDeclarations(
  root: string,
  context: DeclarationContext,
  timeoutMs: number,
): Promise<ModuleDeclarations> {
  const problems: ProjectError[] = [];
  const input: Omit<BuildInput, "views"> = { declarations: [] };
  const jiti = createJiti(path.join(root, "_"), {
    alias: { mercurios: packageEntry() },
    // Fresh modules on every load (dev reloads them), but the TypeScript transform, the slow part, is
    // cached on disk by content hash, as for the config; the package itself is imported natively.
    moduleCache: false,
    fsCache: true,
    tryNative: true,
  });

  for (const folder of ["monitors", "roles"]) {
    for (const file of await listFiles(path.join(root, folder), /^[^.].*\.(?:ts|mts|js|mjs)$/)) {
      const relative = path.relative(root, file);
      let exported: unknown;
      try {
        exported = await declarationWithinTime(jiti.import(file), timeoutMs, relative);
      } catch (error) {
        if (error instanceof ProjectError) {
          problems.push(error);
          continue;
        }
        problems.push(
          new ProjectError("DECLARATION_LOAD", `cannot load module: ${(error as Error).message}`, {
            location: { file: relative },
            cause: error,
            hint: "Fix the TypeScript error in this file.",
          }),
        );
        continue;
      }
      const declarations: unknown[] = [];
      collectDeclarations(exported, declarations);
      if (declarations.length === 0) {
        problems.push(
          new ProjectError("DECLARATION_EMPTY", "the module exports no declarations", {
            location: { file: relative },
            hint: "Export the result of defineRole/defineMonitor/… (default or named export).",
          }),
        );
      }
      declarations.forEach((declaration, index) => {
        const kind = (declaration as Record<symbol, DeclarationKind>)[DECLARATION_BRAND]!;
        const raw = (declaration as { value: unknown }).value;
        let value: unknown;
        try {
          value = typeof raw === "function" ? raw(context) : raw;
        } catch (error) {
          problems.push(
            new ProjectError(
              "DECLARATION_FUNCTION",
              `declaration function threw: ${(error as Error).message}`,
              {
                location: { file: relative, path: `declaration ${index + 1}` },
                cause: error,
              },
            ),
          );
          return;
        }
        const object = nameOf(value);
        const parsed = DECLARATIONS.get(kind)!.schema.safeParse(value);
        if (!parsed.success) {
          problems.push(...zodProblems(parsed.error, relative, object, ""));
          return;
        }
        input.declarations.push({ file: relative, brand: kind, value: parsed.data });
      });
    }
  }
  return { input, problems };
}

/** Loads, validates and cross-checks every declaration; throws ValidationError listing all problems. */
export async function loadDeclarations(options: LoadDeclarationsOptions): Promise<DesiredState> {
  const { root, context } = options;
  const modules =
    options.modules ??
    (await loadModuleDeclarations(root, options.context, moduleTimeoutMs(options.processEnv ?? process.env)));
  const problems: MercuriosError[] = [...modules.problems];
  const input: BuildInput = {
    declarations: [...containerDeclarations(options.containers, problems), ...modules.input.declarations],
    views: [],
  };

  const viewsDir = path.join(root, "views");
  for (const schemaDir of await listSubdirs(viewsDir)) {
    for (const file of await listFiles(path.join(viewsDir, schemaDir), /^[^.].*\.sql$/i)) {
      const relative = path.relative(root, file);
      const viewName = path.basename(file).replace(/\.sql$/i, "");
      const text = await readFile(file, "utf8");
      let split: ReturnType<typeof splitFrontMatter>;
      try {
        split = splitFrontMatter(text);
      } catch (error) {
        problems.push(
          new ProjectError("FRONT_MATTER_YAML", `invalid YAML front matter: ${(error as Error).message}`, {
            location: { file: relative, line: 1 },
            cause: error,
          }),
        );
        continue;
      }
      const front = viewFrontMatterSchema.safeParse(split.data ?? {});
      if (!front.success) {
        problems.push(...zodProblems(front.error, relative, `VIEW ${schemaDir}.${viewName}`, "front matter"));
        continue;
      }
      let sql: string;
      try {
        sql = options.renderView
          ? await options.renderView(split.body, relative, split.bodyLine)
          : split.body;
      } catch (error) {
        problems.push(
          error instanceof MercuriosError && error.location?.line !== undefined
            ? error
            : new ProjectError("VIEW_RENDER", (error as Error).message, {
                location: { file: relative, line: split.bodyLine },
                cause: error,
              }),
        );
        continue;
      }
      input.views.push({
        file: relative,
        value: { schema: schemaDir, name: viewName, sql, frontMatter: front.data, bodyLine: split.bodyLine },
      });
    }
  }

  const built = buildDesiredModel(input, context, options.processEnv ?? process.env, options.ignore ?? []);
  problems.push(...built.problems);
  if (options.relations) {
    problems.push(
      ...(await checkViewReads(built.model.objects.values(), context.database, options.relations)),
    );
  }
  if (problems.length > 0) {
    throw new ValidationError(
      "DECLARATIONS_INVALID",
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the declarations`,
      problems,
      { hint: "Fix every problem listed, then run the command again." },
    );
  }
  return { model: built.model, sources: built.sources, modules };
}

export type { ManagedScope };

/** The config's database and schemas as declarations, validated by their kinds' schemas. */
function containerDeclarations(
  containers: LoadDeclarationsOptions["containers"],
  problems: MercuriosError[],
): LocatedDeclaration[] {
  if (!containers) return [];
  const declared: LocatedDeclaration[] = [];
  const entries = [
    { brand: "database" as const, path: "database", value: containers.database },
    ...containers.schemas.map((value, index) => ({
      brand: "schema" as const,
      path: `schemas.${index}`,
      value,
    })),
  ];
  for (const { brand, path: at, value } of entries) {
    const parsed = DECLARATIONS.get(brand)!.schema.safeParse(value);
    if (parsed.success) declared.push({ file: containers.file, brand, value: parsed.data });
    else problems.push(...zodProblems(parsed.error, containers.file, nameOf(value), at));
  }
  return declared;
}

/** This package's entry, so `import … from "mercurios"` in roles/ and monitors/ resolves to it. */
function packageEntry(): string {
  const js = fileURLToPath(new URL("../../index.js", import.meta.url));
  if (existsSync(js)) return js;
  return fileURLToPath(new URL("../../index.ts", import.meta.url));
}
