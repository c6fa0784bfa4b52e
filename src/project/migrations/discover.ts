/**
 * Finds the migration scripts of a project: `migrations/<SCHEMA>/…` (the folder sets the scripts'
 * default schema) and `migrations/` itself (no default schema). Every problem is collected and
 * reported at once, each naming its file, so one run shows everything there is to fix.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ProjectError, ValidationError } from "../../errors/index.js";
import { isScriptFile, parseScriptName, type ScriptKind, scriptFileName, versionKey } from "./naming.js";

/** One migration file, read and named, not yet rendered. */
export interface MigrationScript {
  kind: ScriptKind;
  /** Path relative to the project root with `/` separators, e.g. `migrations/RAW/V1__sales.sql`. */
  path: string;
  absolutePath: string;
  fileName: string;
  /** What the change history's SCRIPT column holds: the file name without `.jinja`, as schemachange writes it. */
  scriptName: string;
  version: string | null;
  versionParts: number[] | null;
  description: string;
  /** Environments the script is limited to, or null for all. */
  environments: string[] | null;
  /** Default schema (upper-case, as configured) from the schema folder, or null for root scripts. */
  schema: string | null;
  /** The file's text: a Handlebars template. */
  template: string;
  /**
   * Identity in the change history, stable across description edits of versioned scripts:
   * `RAW/V1.2`, `RAW/R__views`, `A__grants`, `RAW/U1.2`.
   */
  key: string;
}

export interface DiscoverOptions {
  /** Project root; scripts are looked for in `<root>/<dir>`. */
  root: string;
  /** Folder of the scripts relative to the root; default `migrations`. */
  dir?: string;
  /**
   * Configured schemas, in dependency order. A folder that names none of them is an error. Null (a
   * project without a config file, e.g. one moved from schemachange): folders only organise files and
   * set no schema, as in schemachange.
   */
  schemas: readonly string[] | null;
  /** Known environment names; a qualifier naming another environment is an error. Omit to accept any. */
  environments?: readonly string[];
  /**
   * Skip `.sql` files whose names do not start like a script's (`V…_`, `R_`, `A_`) instead of
   * reporting them, as schemachange does (its root folder may hold other SQL, e.g. modules).
   */
  ignoreOtherFiles?: boolean;
  /** Absolute folders inside the scripts folder that hold no scripts (schemachange's modules folder). */
  exclude?: readonly string[];
}

/**
 * Reads every script under the migrations folder. Throws `ValidationError` (code
 * `MIGRATIONS_INVALID`) listing every offending file. A missing folder means no scripts.
 */
export async function discoverMigrations(options: DiscoverOptions): Promise<MigrationScript[]> {
  const dir = options.dir ?? "migrations";
  const base = path.resolve(options.root, dir);
  const problems: ProjectError[] = [];
  const scripts: MigrationScript[] = [];
  const schemaByUpper = new Map((options.schemas ?? []).map((s) => [s.toUpperCase(), s.toUpperCase()]));

  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(base, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new ProjectError(
      "MIGRATIONS_UNREADABLE",
      `cannot read the migrations folder: ${errorText(error)}`,
      {
        location: { file: dir },
        hint: "Check that the folder exists and is readable.",
        cause: error,
      },
    );
  }

  const files: { absolute: string; schema: string | null }[] = [];
  const excluded = new Set((options.exclude ?? []).map((dir) => path.resolve(dir)));
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const absolute = path.join(base, entry.name);
    if (entry.isDirectory() && excluded.has(absolute)) continue;
    if (entry.isDirectory() && isScriptFile(entry.name)) {
      problems.push(folderNamedLikeScript(options.root, absolute));
      continue;
    }
    if (entry.isDirectory()) {
      // `_partials` (and any `_…` folder) holds template partials, not scripts.
      if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
      if (options.schemas === null) {
        await collectFiles(absolute, null, files, problems, options.root, excluded);
        continue;
      }
      const schema = schemaByUpper.get(entry.name.toUpperCase());
      if (!schema) {
        problems.push(
          new ProjectError(
            "MIGRATIONS_UNKNOWN_SCHEMA",
            `folder '${entry.name}' is not a configured schema (configured: ${options.schemas.join(", ")})`,
            {
              location: { file: relative(options.root, absolute) },
              hint: "Rename the folder after a schema in mercurios.config.ts `schemas`, or add the schema there.",
            },
          ),
        );
        continue;
      }
      await collectFiles(absolute, schema, files, problems, options.root, excluded);
    } else if (isScriptFile(entry.name)) {
      files.push({ absolute, schema: null });
    }
  }

  const knownEnvironments = options.environments ? new Set(options.environments) : null;
  for (const file of files) {
    const rel = relative(options.root, file.absolute);
    const fileName = path.basename(file.absolute);
    const parsed = parseScriptName(fileName);
    // schemachange skips a file only when its name does not even start like a script's.
    if ("problem" in parsed && options.ignoreOtherFiles && !/^(V[^_]*|[RA])_/i.test(fileName)) continue;
    if ("problem" in parsed) {
      problems.push(
        new ProjectError("MIGRATIONS_BAD_NAME", `'${fileName}' ${parsed.problem}`, {
          location: { file: rel },
        }),
      );
      continue;
    }
    if (knownEnvironments && parsed.environments) {
      const unknown = parsed.environments.filter((e) => !knownEnvironments.has(e));
      if (unknown.length > 0) {
        problems.push(
          new ProjectError(
            "MIGRATIONS_UNKNOWN_ENVIRONMENT",
            `'${fileName}' is limited to unknown environment${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (known: ${[...knownEnvironments].join(", ")})`,
            {
              location: { file: rel },
              hint: "Fix the qualifier or add the environment to mercurios.config.ts.",
            },
          ),
        );
        continue;
      }
    }
    let template: string;
    try {
      template = await readFile(file.absolute, "utf8");
    } catch (error) {
      problems.push(
        new ProjectError("MIGRATIONS_UNREADABLE", `cannot read '${fileName}': ${errorText(error)}`, {
          location: { file: rel },
          hint: "Check the file's permissions.",
          cause: error,
        }),
      );
      continue;
    }
    scripts.push({
      kind: parsed.kind,
      path: rel,
      absolutePath: file.absolute,
      fileName,
      scriptName: scriptFileName(fileName),
      version: parsed.version,
      versionParts: parsed.versionParts,
      description: parsed.description,
      environments: parsed.environments,
      schema: file.schema,
      template,
      key: scriptKey(parsed.kind, file.schema, parsed.versionParts, parsed.description),
    });
  }

  problems.push(...findDuplicates(scripts), ...findOrphanUndos(scripts));
  if (problems.length > 0) {
    throw new ValidationError(
      "MIGRATIONS_INVALID",
      `${problems.length} problem${problems.length > 1 ? "s" : ""} in ${dir}/`,
      problems,
      { hint: "Fix the files listed and run again." },
    );
  }
  return scripts;
}

/** The scripts that apply to one environment (unqualified scripts apply everywhere). */
export function scriptsForEnvironment(
  scripts: readonly MigrationScript[],
  environment: string,
): MigrationScript[] {
  return scripts.filter((s) => s.environments === null || s.environments.includes(environment));
}

function scriptKey(
  kind: ScriptKind,
  schema: string | null,
  versionParts: number[] | null,
  description: string,
): string {
  const scope = schema ? `${schema}/` : "";
  switch (kind) {
    case "versioned":
      return `${scope}V${versionKey(versionParts ?? [])}`;
    case "undo":
      return `${scope}U${versionKey(versionParts ?? [])}`;
    case "repeatable":
      return `${scope}R__${description}`;
    case "always":
      return `${scope}A__${description}`;
  }
}

async function collectFiles(
  dir: string,
  schema: string | null,
  out: { absolute: string; schema: string | null }[],
  problems: ProjectError[],
  root: string,
  excluded: ReadonlySet<string>,
): Promise<void> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(
      new ProjectError("MIGRATIONS_UNREADABLE", `cannot read folder: ${errorText(error)}`, {
        location: { file: relative(root, dir) },
        hint: "Check the folder's permissions.",
        cause: error,
      }),
    );
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const absolute = path.join(dir, entry.name);
    // Sub-folders of a schema folder only organise files; their scripts belong to the schema.
    if (entry.isDirectory() && isScriptFile(entry.name) && !excluded.has(absolute)) {
      problems.push(folderNamedLikeScript(root, absolute));
    } else if (entry.isDirectory()) {
      if (!excluded.has(absolute)) await collectFiles(absolute, schema, out, problems, root, excluded);
    } else if (isScriptFile(entry.name)) out.push({ absolute, schema });
  }
}

/**
 * A folder named like a script (`V2__x.sql/`, often a script unpacked or copied wrongly) would be
 * walked as a folder of scripts and its intended script never run, without a word.
 */
function folderNamedLikeScript(root: string, absolute: string): ProjectError {
  return new ProjectError(
    "MIGRATIONS_BAD_NAME",
    `'${path.basename(absolute)}' is a folder named like a migration script; it is not run`,
    {
      location: { file: relative(root, absolute) },
      hint: "Make it a file (the script's SQL), or rename the folder so that it does not end in .sql.",
    },
  );
}

/** Two scripts with one identity that can both apply to some environment. */
function findDuplicates(scripts: readonly MigrationScript[]): ProjectError[] {
  const byKey = new Map<string, MigrationScript[]>();
  for (const script of scripts) {
    const identity =
      script.kind === "repeatable" || script.kind === "always" ? script.key.toUpperCase() : script.key;
    byKey.set(identity, [...(byKey.get(identity) ?? []), script]);
  }
  const problems: ProjectError[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const clashing = group.filter((a) => group.some((b) => a !== b && environmentsOverlap(a, b)));
    if (clashing.length === 0) continue;
    const first = clashing[0]!;
    const what =
      first.kind === "versioned" || first.kind === "undo"
        ? `version ${first.version}${first.schema ? ` in schema ${first.schema}` : ""}`
        : `${first.kind} script ${first.description}${first.schema ? ` in schema ${first.schema}` : ""}`;
    for (const script of clashing) {
      problems.push(
        new ProjectError(
          "MIGRATIONS_DUPLICATE",
          `duplicate ${what}: ${clashing.map((s) => s.path).join(", ")}`,
          {
            location: { file: script.path },
            hint: "Give each script its own version (or name), or limit them to different environments.",
          },
        ),
      );
    }
  }
  return problems;
}

function findOrphanUndos(scripts: readonly MigrationScript[]): ProjectError[] {
  const versioned = new Set(scripts.filter((s) => s.kind === "versioned").map((s) => s.key));
  return scripts
    .filter((s) => s.kind === "undo" && !versioned.has(s.key.replace(/U([^/]*)$/, "V$1")))
    .map(
      (s) =>
        new ProjectError(
          "MIGRATIONS_ORPHAN_UNDO",
          `undo script '${s.fileName}' has no versioned script V${s.version}`,
          {
            location: { file: s.path },
            hint: `Undo scripts revert a V script of the same version and schema; add V${s.version}__… or fix the version.`,
          },
        ),
    );
}

function environmentsOverlap(a: MigrationScript, b: MigrationScript): boolean {
  if (a.environments === null || b.environments === null) return true;
  return a.environments.some((e) => b.environments!.includes(e));
}

function relative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join("/");
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a folder";
  return error instanceof Error ? error.message : String(error);
}
