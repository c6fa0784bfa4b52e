/**
 * The config entries `import` writes: the database and schemas it read, with their options, as
 * `mercurios.config.ts` declares them (`database`, `schemas`, `databaseOptions`, `schemaOptions`).
 * Printed as a whole config module when the project has none, or as a fragment to add.
 */
import { formatValue, printImport, resolveIdentifier, type WrittenProject } from "../../model/index.js";

/** The config's container entries. */
export interface ConfigEntries {
  database: string;
  schemas: string[];
  databaseOptions?: Record<string, unknown>;
  schemaOptions?: Record<string, Record<string, unknown>>;
}

/** The writer's database and schema declarations as config entries (names unquoted, as the config takes them). */
export function configEntries(written: WrittenProject["config"], fallbackDatabase: string): ConfigEntries {
  const { name, ...databaseOptions } = (written.database ?? { name: fallbackDatabase }) as {
    name: string;
  } & Record<string, unknown>;
  const schemas: string[] = [];
  const schemaOptions: Record<string, Record<string, unknown>> = {};
  for (const entry of written.schemas as ({ name: string } & Record<string, unknown>)[]) {
    const { name: schema, ...options } = entry;
    const plain = resolveIdentifier(schema);
    schemas.push(plain);
    if (Object.keys(options).length > 0) schemaOptions[plain] = options;
  }
  return {
    database: resolveIdentifier(name),
    schemas,
    ...(Object.keys(databaseOptions).length > 0 ? { databaseOptions } : {}),
    ...(Object.keys(schemaOptions).length > 0 ? { schemaOptions } : {}),
  };
}

/** A whole `mercurios.config.ts`: the entries, then whatever else the project needs (environments …). */
export function writeConfigModule(entries: ConfigEntries, rest: Record<string, unknown>): string {
  return [
    "// Written by `mercurios import`: the database and schemas as the account has them. Secrets are",
    "// never written here: connection secrets are references to environment variables ({ env: 'NAME' }).",
    printImport(["defineConfig"], "mercurios"),
    "",
    `export default defineConfig(${formatValue({ ...entries, ...rest }, 0, 0, 2)});`,
    "",
  ].join("\n");
}

/** The entries as lines to paste inside an existing `defineConfig({ … })`. */
export function configFragment(entries: ConfigEntries): string {
  const lines = formatValue(entries).split("\n");
  return `${lines.slice(1, -1).join("\n")}\n`;
}
