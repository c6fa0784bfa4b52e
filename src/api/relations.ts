/**
 * The relations a project's views may read besides its declared views, for validation: those the
 * environment's migrations leave behind (their rendered SQL read with the tokenizer, so this needs
 * no account), and, when a target is known, those present in the account (one INFORMATION_SCHEMA
 * query per database, asked only for reads nothing in the project creates).
 */
import type { ResolvedEnvironment } from "../config/index.js";
import type { Driver } from "../driver/types.js";
import { MercuriosError } from "../errors/index.js";
import {
  quoteIdentifier,
  quoteString,
  relationKey,
  relationsCreatedByScripts,
  resolveIdentifier,
} from "../model/index.js";
import type { KnownRelations } from "../project/declarations/index.js";
import { loadPrepared, projectFromEnvironment } from "./migrate.js";

/**
 * What the environment's migrations create (versioned scripts by version, then repeatables and
 * always-scripts), or undefined when the scripts do not render or are not valid: then the migration
 * commands report why, and what views read is not checked.
 */
export async function migrationRelations(
  environment: ResolvedEnvironment,
  processEnv: NodeJS.ProcessEnv,
): Promise<KnownRelations["created"] | undefined> {
  let prepared: Awaited<ReturnType<typeof loadPrepared>>;
  try {
    prepared = await loadPrepared(projectFromEnvironment(environment, processEnv));
  } catch (error) {
    if (error instanceof MercuriosError) return undefined;
    throw error;
  }
  const database = resolveIdentifier(environment.database);
  const scripts = [...prepared.versioned, ...prepared.repeatable, ...prepared.always].map((p) => ({
    sql: p.sql,
    file: p.script.path,
    database,
    schema: p.script.schema === null ? null : resolveIdentifier(p.script.schema),
  }));
  return relationsCreatedByScripts(scripts);
}

/**
 * The `relationKey`s of the given relations (parts as stored) that exist in the account. A database
 * that does not exist, or that the role cannot see, holds none of them.
 */
export async function relationsInAccount(
  driver: Driver,
  relations: readonly string[][],
): Promise<Set<string>> {
  const found = new Set<string>();
  const byDatabase = new Map<string, string[][]>();
  for (const parts of relations) byDatabase.set(parts[0]!, [...(byDatabase.get(parts[0]!) ?? []), parts]);
  for (const [database, list] of byDatabase) {
    const schemas = [...new Set(list.map((p) => quoteString(p[1]!)))].join(", ");
    try {
      const result = await driver.execute(
        `SELECT TABLE_SCHEMA, TABLE_NAME FROM ${quoteIdentifier(database)}.INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA IN (${schemas})`,
      );
      for (const [schema, name] of result.rows) found.add(relationKey([database, schema ?? "", name ?? ""]));
    } catch {
      // No such database, or not visible to the role: none of its relations can be read either.
    }
  }
  return found;
}

/**
 * A driver opened on first use only: validation asks the account only when a view reads something
 * the project does not create, so a project whose views read only its own relations validates
 * without a connection.
 */
export function lazyDriver(open: () => Promise<Driver>): {
  get(): Promise<Driver>;
  close(): Promise<void>;
} {
  let opening: Promise<Driver> | undefined;
  return {
    get: () => (opening ??= open()),
    async close() {
      if (opening) await (await opening.catch(() => undefined))?.close();
    },
  };
}
