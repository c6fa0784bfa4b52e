/**
 * A schemachange project run by Mercurios as it is: no mercurios.config.ts, a schemachange-config.yml
 * that says where the scripts and modules are, which vars they get and where schemachange keeps its
 * history. Scripts are rendered with Jinja, as schemachange renders them.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { MercuriosError, ProjectError, ValidationError } from "../errors/index.js";
import { DEFAULT_HISTORY_LOCATION } from "../migrate/history.js";
import {
  findSchemachangeConfig,
  loadSchemachangeConfig,
  type SchemachangeConfig,
} from "../project/schemachange.js";
import { renderTemplate } from "../template/index.js";
import type { MigrationProject } from "./migrate.js";
import type { RenderedFile, RenderReport } from "./render.js";

export interface SchemachangeProjectOptions {
  /** Where the command runs (the folder of schemachange-config.yml). */
  root: string;
  /** `--env`: `local` (default, the embedded engine) or any other name for the Snowflake account. */
  env?: string;
  /** DuckDB file; default `<root>/.mercurios/local.duckdb`. */
  localDb?: string;
  processEnv?: NodeJS.ProcessEnv;
}

/**
 * The migration project a schemachange-config.yml describes. `--env local` (the default) runs on the
 * embedded engine; any other environment name runs on Snowflake through the config's connection name
 * (connections.toml) or, without one, the SNOWFLAKE_* environment variables, as schemachange does.
 * Our own history stays where projects without a config keep it (METADATA.MERCURIOS.CHANGE_HISTORY);
 * schemachange's table is only read, by `migrate baseline --from-schemachange`.
 */
export function projectFromSchemachange(
  config: SchemachangeConfig,
  options: SchemachangeProjectOptions,
): MigrationProject {
  const env = options.env ?? "local";
  const kind = env === "local" ? "local" : "snowflake";
  const processEnv = options.processEnv ?? process.env;
  const dir = path.relative(options.root, config.rootFolder).split(path.sep).join("/") || ".";
  return {
    root: options.root,
    environment: env,
    kind,
    database: null,
    schemas: null,
    environments: null,
    history: DEFAULT_HISTORY_LOCATION,
    createHistoryDatabase: kind === "local" || config.createChangeHistoryTable,
    ...(kind === "local"
      ? { localDb: options.localDb ?? path.join(options.root, ".mercurios", "local.duckdb") }
      : config.connectionName
        ? { connection: config.connectionName }
        : {}),
    dir,
    discover: {
      ignoreOtherFiles: true,
      ...(config.modulesFolder ? { exclude: [config.modulesFolder] } : {}),
    },
    ...(config.queryTag ? { queryTag: config.queryTag } : {}),
    render: (script) =>
      renderTemplate(script.template, script.absolutePath, {
        env,
        kind,
        database: "",
        values: config.vars,
        secrets: config.secrets,
        engine: "jinja",
        jinja: {
          root: config.rootFolder,
          ...(config.modulesFolder ? { modulesFolder: config.modulesFolder } : {}),
        },
        processEnv,
        root: options.root,
      }),
    secrets: config.secrets,
    schemachange: { configFile: config.file, historyTable: config.changeHistoryTable.qualified },
  };
}

/** One line saying what was taken from schemachange-config.yml (the CLI prints it). */
export function describeSchemachangeProject(config: SchemachangeConfig, project: MigrationProject): string {
  const relative = (p: string) => path.relative(project.root, p).split(path.sep).join("/") || ".";
  const varNames = Object.keys(config.vars);
  const parts = [
    `scripts in ${relative(config.rootFolder)}`,
    ...(config.modulesFolder ? [`modules in ${relative(config.modulesFolder)}`] : []),
    `${varNames.length} var${varNames.length === 1 ? "" : "s"}${varNames.length ? ` (${varNames.join(", ")})` : ""}`,
    "Jinja templates",
    `history ${project.history.database}.${project.history.schema}.${project.history.table} (schemachange's: ${config.changeHistoryTable.qualified})`,
  ];
  if (project.kind === "snowflake") {
    parts.push(
      config.connectionName ? `connection ${config.connectionName}` : "connection from SNOWFLAKE_* variables",
    );
  }
  return `using ${relative(config.file)}: ${parts.join(", ")}`;
}

/**
 * `mercurios render` in a schemachange project: each file rendered with Jinja and the config's vars,
 * as `schemachange render` does, secrets masked. Reports every file that fails.
 */
export async function renderSchemachangeFiles(
  config: SchemachangeConfig,
  options: { root: string; files: readonly string[]; cwd?: string; processEnv?: NodeJS.ProcessEnv },
): Promise<RenderReport> {
  const cwd = options.cwd ?? options.root;
  const files: RenderedFile[] = [];
  const problems: MercuriosError[] = [];
  for (const given of options.files) {
    const absolute = path.resolve(cwd, given);
    let text: string;
    try {
      text = await readFile(absolute, "utf8");
    } catch (cause) {
      problems.push(
        new ProjectError("FILE_NOT_FOUND", `cannot read ${given}.`, {
          location: { file: given },
          hint: "Check the path; it is taken relative to the current directory.",
          cause,
        }),
      );
      continue;
    }
    try {
      const result = renderTemplate(text, absolute, {
        env: "local",
        database: "",
        values: config.vars,
        secrets: config.secrets,
        engine: "jinja",
        jinja: {
          root: config.rootFolder,
          ...(config.modulesFolder ? { modulesFolder: config.modulesFolder } : {}),
        },
        processEnv: options.processEnv ?? process.env,
        root: options.root,
      });
      const relative = path.relative(options.root, absolute).split(path.sep).join("/");
      files.push({ file: relative, schema: null, sql: result.masked });
    } catch (error) {
      if (!(error instanceof MercuriosError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    throw new ValidationError("RENDER_FAILED", `${problems.length} files failed to render:`, problems);
  }
  return { environment: "local", database: "", files };
}

/** A schemachange project found in a folder: its config, the migration project and what to tell the user. */
export interface FoundSchemachangeProject {
  config: SchemachangeConfig;
  project: MigrationProject;
  /** One line saying what was taken from schemachange-config.yml. */
  note: string;
}

/**
 * The schemachange project in `root` (its schemachange-config.yml), or null when there is none.
 * `vars` are `--var` values; they override the file's.
 */
export function findSchemachangeProject(
  root: string,
  options: Omit<SchemachangeProjectOptions, "root"> & { vars?: Record<string, string> } = {},
): FoundSchemachangeProject | null {
  const file = findSchemachangeConfig(root);
  if (!file) return null;
  const config = loadSchemachangeConfig(file, {
    ...(options.vars ? { vars: options.vars } : {}),
    ...(options.processEnv ? { processEnv: options.processEnv } : {}),
  });
  const project = projectFromSchemachange(config, { ...options, root });
  return { config, project, note: describeSchemachangeProject(config, project) };
}
