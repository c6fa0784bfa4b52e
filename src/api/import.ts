/**
 * Use case `import`: reads the live account through the same introspection `plan` and `drift` use
 * (every kind, with the scope worked out from the account itself), keeps what the project can
 * declare (src/project/import/select.ts), and writes it as declaration files with the kinds'
 * writer (src/model/kinds/writer.ts): monitors/, roles/, views/ and the config's database and
 * schemas. Secrets are never written: users get no password, a public key is an `{ env }` reference.
 */
import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ResolvedEnvironment } from "../config/index.js";
import { MercuriosError } from "../errors/index.js";
import { type IntrospectionStats, introspect } from "../introspect/index.js";
import {
  type CatalogReader,
  DEFAULT_KINDS,
  quoteIdentifier,
  type ReadScope,
  resolveIdentifier,
  roleFromRow,
  userFromRow,
  warehouseFromRow,
  monitorFromRow,
  writeProject,
} from "../model/index.js";
import { configEntries, configFragment, writeConfigModule } from "../project/import/config.js";
import { IMPORT_KINDS, type ImportKind, modelKindsOf, selectForImport } from "../project/import/select.js";
import { queryTag, withDriver } from "./declarations.js";

export { IMPORT_KINDS, type ImportKind, parseImportKinds } from "../project/import/select.js";

export interface ImportOptions {
  environment: ResolvedEnvironment;
  /** Folder the project is written to (absolute); default: the environment's project root. */
  out?: string;
  /** What to write (default: every kind). */
  kinds?: readonly ImportKind[];
  /** Overwrite files that exist, and write into a folder that is not empty. */
  force?: boolean;
  driver?: import("../driver/types.js").Driver;
  processEnv?: NodeJS.ProcessEnv;
  concurrency?: number;
}

/** One file written, relative to the output folder. */
export interface ImportedFile {
  path: string;
  /** Objects declared in it (the config counts its database and schemas). */
  declarations: number;
}

export interface ImportResult {
  /** The output folder (absolute). */
  out: string;
  environment: string;
  database: string;
  kinds: ImportKind[];
  files: ImportedFile[];
  /** Objects written, by model kind. */
  objects: Record<string, number>;
  /**
   * When the folder has a `mercurios.config.ts` already, it is left as it is and these lines (its
   * `database`, `schemas`, … entries) are returned to paste in.
   */
  configFragment?: string;
  /** Secrets not written, references dropped, objects left out. */
  notes: string[];
  introspection: IntrospectionStats;
}

const CONFIG_FILE = "mercurios.config.ts";

/** Whether a folder has any entry; a missing folder is empty. */
async function isNonEmptyFolder(folder: string): Promise<boolean> {
  try {
    return (await readdir(folder)).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * The scope import reads: the environment's database and every role, user, warehouse and monitor
 * the account has (selection leaves out what Snowflake owns). Read through the introspector's
 * memoised reader, so the kinds do not ask the same SHOWs again.
 */
function accountScope(
  environment: ResolvedEnvironment,
  usersWithPasswords: Set<string>,
): (reader: CatalogReader) => Promise<ReadScope> {
  const db = quoteIdentifier(resolveIdentifier(environment.database));
  return async (reader) => {
    const [roles, users, warehouses, monitors, schemas] = await Promise.all([
      reader.show("SHOW ROLES"),
      reader.show("SHOW USERS"),
      reader.show("SHOW WAREHOUSES"),
      reader.show("SHOW RESOURCE MONITORS"),
      reader.show(`SHOW SCHEMAS IN DATABASE ${db}`),
    ]);
    for (const row of users) {
      if (String(row.has_password ?? "").toLowerCase() === "true")
        usersWithPasswords.add(userFromRow(row).name);
    }
    return {
      scope: {
        databases: [db],
        roles: roles.map((row) => roleFromRow(row).name),
        users: users.map((row) => userFromRow(row).name),
        warehouses: warehouses.map((row) => warehouseFromRow(row).name),
        monitors: monitors.map((row) => monitorFromRow(row).name),
        ignore: [...environment.config.ignore],
      },
      schemas: schemas
        .map((row) => quoteIdentifier(String(row.name ?? "")))
        .filter((name) => name !== "INFORMATION_SCHEMA" && name !== ""),
    };
  };
}

/**
 * The environment as the written config declares it: a local engine by its DuckDB file (absolute,
 * so the new project reaches the same engine), a Snowflake one as configured (connection secrets are
 * `{ env }` references there already: the config loader rejects literal ones).
 */
function environmentEntry(environment: ResolvedEnvironment): Record<string, unknown> {
  if (environment.kind === "local")
    return { kind: "local", ...(environment.localDb ? { localDb: environment.localDb } : {}) };
  return { kind: "snowflake", ...(environment.connection ? { connection: environment.connection } : {}) };
}

/** Reads the account and writes its declarations; see the module comment. */
export async function importAccount(options: ImportOptions): Promise<ImportResult> {
  const { environment } = options;
  const out = path.resolve(options.out ?? environment.root);
  const kinds = [
    ...(options.kinds && options.kinds.length > 0 ? options.kinds : Object.keys(IMPORT_KINDS)),
  ] as ImportKind[];
  if (options.out !== undefined && !options.force && (await isNonEmptyFolder(out))) {
    throw new MercuriosError("IMPORT_OUT_NOT_EMPTY", `${options.out} is not empty.`, {
      hint: "Import into a new or empty folder, or pass --force to overwrite the files it writes.",
      location: { file: options.out },
    });
  }
  const db = quoteIdentifier(resolveIdentifier(environment.database));
  const usersWithPasswords = new Set<string>();
  const { kinds: _written, ...driverOptions } = options;
  const live = await withDriver(driverOptions, (driver) =>
    introspect(driver, {
      scope: { databases: [], roles: [], warehouses: [], monitors: [], users: [], ignore: [] },
      schemas: [],
      resolveScope: accountScope(environment, usersWithPasswords),
      // Every kind is read even when fewer are written: references are checked against all of them.
      kinds: DEFAULT_KINDS,
      queryTag: queryTag("import", environment),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    }),
  );
  const selection = selectForImport([...live.model.objects.values()], {
    db,
    kinds: new Set(modelKindsOf(kinds)),
    ignore: environment.config.ignore,
    usersWithPasswords,
  });
  const written = writeProject(selection.objects, { db });
  const files = written.files.map((file) => ({ ...file, declarations: declarationCount(file) }));

  const hasConfig = await exists(path.join(out, CONFIG_FILE));
  const entries = configEntries(written.config, environment.database);
  let fragment: string | undefined;
  if (hasConfig) fragment = configFragment(entries);
  else {
    files.push({
      path: CONFIG_FILE,
      text: writeConfigModule(entries, {
        defaultEnvironment: environment.name,
        environments: { [environment.name]: environmentEntry(environment) },
      }),
      declarations: 1 + entries.schemas.length,
    });
  }

  if (options.out === undefined && !options.force) {
    const taken: string[] = [];
    for (const file of files) if (await exists(path.join(out, file.path))) taken.push(file.path);
    if (taken.length > 0)
      throw new MercuriosError("IMPORT_FILE_EXISTS", `import would overwrite ${taken.join(", ")}.`, {
        hint: "Pass --out DIR to write a new project, or --force to overwrite these files.",
        location: { file: taken[0]! },
      });
  }
  for (const file of files) {
    const target = path.join(out, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }

  const objects: Record<string, number> = {};
  for (const object of selection.objects) objects[object.kind] = (objects[object.kind] ?? 0) + 1;
  return {
    out,
    environment: environment.name,
    database: resolveIdentifier(environment.database),
    kinds,
    files: files.map(({ path: file, declarations }) => ({ path: file, declarations })),
    objects,
    ...(fragment !== undefined ? { configFragment: fragment } : {}),
    notes: selection.notes,
    introspection: live.stats,
  };
}

/** Declarations in a written file: one per exported helper call in a module, one view per `.sql` file. */
function declarationCount(file: { path: string; text: string }): number {
  if (!file.path.endsWith(".ts")) return 1;
  return (file.text.match(/^export (default|const \S+ =) define\w+\(/gm) ?? []).length;
}
