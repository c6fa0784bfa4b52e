/**
 * A schemachange project's `schemachange-config.yml`, read the way schemachange reads it
 * (schemachange/config/utils.py `load_yaml_config`, get_merged_config.py, ChangeHistoryTable.py):
 * the file is first rendered as a Jinja template with `env_var()` and strict undefined, then read as
 * YAML, flat (config-version 1) or sectioned under `schemachange:` (config-version 2); kebab-case
 * keys; `SCHEMACHANGE_*` environment variables override the file; `--var` overrides both.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { ConfigError, MercuriosError } from "../errors/index.js";
import { isSecretName, renderTemplate } from "../template/index.js";

/** The file schemachange reads from its config folder (the working directory by default). */
export const SCHEMACHANGE_CONFIG_FILE = "schemachange-config.yml";

/** A change-history table name as schemachange resolves it, each part ready for SQL. */
export interface SchemachangeTable {
  database: string;
  schema: string;
  table: string;
  /** `DATABASE.SCHEMA.TABLE`, quoted parts kept as written. */
  qualified: string;
}

/** What Mercurios uses of a schemachange-config.yml. */
export interface SchemachangeConfig {
  /** Absolute path of the file. */
  file: string;
  configVersion: 1 | 2;
  /** Absolute folder of the scripts (`root-folder`, default the config's folder). */
  rootFolder: string;
  /** Absolute folder of the Jinja modules (`modules-folder`), reached as `modules/…`; null if none. */
  modulesFolder: string | null;
  /** Template vars, nested as written (`{{ a.b }}`). */
  vars: Record<string, unknown>;
  /** Values of vars under a `secrets` key or with `secret` in their name: masked in all output. */
  secrets: string[];
  /** schemachange's change history (`change-history-table`, default METADATA.SCHEMACHANGE.CHANGE_HISTORY). */
  changeHistoryTable: SchemachangeTable;
  createChangeHistoryTable: boolean;
  /** Appended to every query tag (`query-tag`). */
  queryTag: string | null;
  /** Snowflake's connections.toml connection to use (`connection-name`). */
  connectionName: string | null;
  /** Keys Mercurios does not use (connection settings it takes from connections.toml, logging, …). */
  ignoredKeys: string[];
}

const USED_KEYS = new Set([
  "config-version",
  "root-folder",
  "modules-folder",
  "vars",
  "change-history-table",
  "create-change-history-table",
  "query-tag",
  "connection-name",
]);

/** The schemachange-config.yml in `dir`, or null. */
export function findSchemachangeConfig(dir: string): string | null {
  const file = path.join(dir, SCHEMACHANGE_CONFIG_FILE);
  return existsSync(file) ? file : null;
}

/**
 * Parses schemachange's `-c` / `change-history-table` value: 1 to 3 dot-separated parts, defaults
 * METADATA / SCHEMACHANGE / CHANGE_HISTORY; a plain part is folded to upper case, a part with other
 * characters is quoted, a quoted part is kept (schemachange#432).
 */
export function parseSchemachangeTable(text: string | null | undefined): SchemachangeTable {
  const parts = (text ?? "").trim() === "" ? [] : text!.trim().split(".");
  if (parts.length > 3) {
    throw new ConfigError(
      "SCHEMACHANGE_TABLE",
      `'${text}' is not a change history table name: expected [DATABASE.][SCHEMA.]TABLE.`,
      { hint: "Example: METADATA.SCHEMACHANGE.CHANGE_HISTORY" },
    );
  }
  const [database, schema, table] = [
    ...["METADATA", "SCHEMACHANGE"].slice(0, 3 - Math.max(parts.length, 1)),
    ...(parts.length === 0 ? ["CHANGE_HISTORY"] : parts),
  ].map(identifierPart) as [string, string, string];
  return { database, schema, table, qualified: `${database}.${schema}.${table}` };
}

function identifierPart(part: string): string {
  if (/^\w+$/.test(part)) return part.toUpperCase();
  if (part.startsWith('"') && part.endsWith('"') && part.length > 1) return part;
  if (part.startsWith('"') || part.endsWith('"')) {
    throw new ConfigError("SCHEMACHANGE_TABLE", `'${part}' is missing a double quote.`, {
      hint: 'Quote a name part on both sides, e.g. "my schema".',
    });
  }
  return `"${part.replace(/"/g, '""')}"`;
}

/**
 * Secret values the way schemachange finds them (utils.py `get_config_secrets`): every value under a
 * key named `secrets`, and every value whose key contains `secret` (any case). We add our own rule:
 * keys named like secrets (PASSWORD, TOKEN, KEY, PASSPHRASE).
 */
export function schemachangeSecrets(vars: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, underSecrets: boolean) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, k, underSecrets || k === "secrets");
      return;
    }
    if (value === null || value === undefined) return;
    if (underSecrets || /secret/i.test(key) || isSecretName(key)) {
      const text = String(value);
      for (const form of [text, text.trim()]) if (form !== "") found.add(form);
    }
  };
  walk(vars, "", false);
  return [...found];
}

export interface LoadSchemachangeOptions {
  processEnv?: NodeJS.ProcessEnv;
  /** `--var name=value`: override the file's vars (as schemachange's `--vars` does). */
  vars?: Record<string, string>;
}

/** Reads and resolves a schemachange-config.yml. Throws ConfigError naming the file and key. */
export function loadSchemachangeConfig(
  file: string,
  options: LoadSchemachangeOptions = {},
): SchemachangeConfig {
  const processEnv = options.processEnv ?? process.env;
  const dir = path.dirname(file);
  const label = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new ConfigError("SCHEMACHANGE_CONFIG_UNREADABLE", `cannot read ${label}.`, {
      location: { file: label },
      cause,
    });
  }
  // schemachange renders the file with Jinja first, so `{{ env_var('X') }}` works in any value.
  const rendered = renderTemplate(text, file, {
    env: "",
    database: "",
    engine: "jinja",
    jinja: { root: dir },
    processEnv,
    root: process.cwd(),
  });
  const document = parseDocument(rendered.sql);
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    throw new ConfigError(
      "SCHEMACHANGE_CONFIG_YAML",
      `${label} is not valid YAML: ${first.message.split("\n")[0]}`,
      {
        location: { file: label, ...(first.linePos ? { line: first.linePos[0].line } : {}) },
        hint: "Fix the YAML (after Jinja rendering) and run again.",
      },
    );
  }
  const raw = (document.toJS() ?? {}) as Record<string, unknown>;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError("SCHEMACHANGE_CONFIG_YAML", `${label} must be a YAML mapping of settings.`, {
      location: { file: label },
    });
  }
  const version = Math.trunc(Number(raw["config-version"] ?? 1));
  if (version !== 1 && version !== 2) {
    throw new ConfigError(
      "SCHEMACHANGE_CONFIG_VERSION",
      `config-version ${String(raw["config-version"])} is not supported.`,
      {
        location: { file: label, path: "config-version" },
        hint: "schemachange knows config-version 1 (flat) and 2 (schemachange: and snowflake: sections).",
      },
    );
  }
  const settings: Record<string, unknown> =
    version === 2
      ? Object.fromEntries(
          Object.entries((raw.schemachange ?? {}) as Record<string, unknown>).map(([k, v]) => [
            k.replace(/_/g, "-"),
            v,
          ]),
        )
      : raw;
  const at = (key: string) => (version === 2 ? `schemachange.${key}` : key);
  const ignoredKeys = [
    ...Object.keys(settings)
      .filter((k) => !USED_KEYS.has(k))
      .map(at),
    ...(version === 2 ? Object.keys(raw).filter((k) => k !== "schemachange" && k !== "config-version") : []),
  ];

  const fromEnv = (name: string) => {
    const value = processEnv[`SCHEMACHANGE_${name}`];
    return value === undefined || value === "" ? undefined : value;
  };
  const text_ = (key: string, envName: string): string | null => {
    const value = fromEnv(envName) ?? settings[key];
    if (value === undefined || value === null) return null;
    if (typeof value === "object") {
      throw new ConfigError("SCHEMACHANGE_CONFIG_VALUE", `${at(key)} must be a single value.`, {
        location: { file: label, path: at(key) },
      });
    }
    return String(value);
  };
  const folder = (key: string, envName: string): string | null => {
    const value = text_(key, envName);
    if (value === null) return null;
    const absolute = path.resolve(dir, value.replace(/^~(?=$|\/)/, processEnv.HOME ?? "~"));
    if (!existsSync(absolute)) {
      throw new ConfigError("SCHEMACHANGE_FOLDER", `${at(key)} '${value}' is not a folder.`, {
        location: { file: label, path: at(key) },
        hint: `Paths in ${SCHEMACHANGE_CONFIG_FILE} are taken relative to its own folder here.`,
      });
    }
    return absolute;
  };

  const fileVars = settings.vars ?? {};
  if (typeof fileVars !== "object" || Array.isArray(fileVars) || fileVars === null) {
    throw new ConfigError(
      "SCHEMACHANGE_CONFIG_VALUE",
      `${at("vars")} must be a mapping of names to values.`,
      {
        location: { file: label, path: at("vars") },
      },
    );
  }
  let envVars: Record<string, unknown> = {};
  const varsJson = fromEnv("VARS");
  if (varsJson) {
    try {
      envVars = JSON.parse(varsJson) as Record<string, unknown>;
    } catch (cause) {
      throw new ConfigError("SCHEMACHANGE_VARS", "SCHEMACHANGE_VARS is not a JSON object.", {
        hint: `Example: SCHEMACHANGE_VARS='{"database_name": "DEMO"}'`,
        cause,
      });
    }
  }
  const vars = { ...(fileVars as Record<string, unknown>), ...envVars, ...(options.vars ?? {}) };
  if ("schemachange" in vars) {
    throw new ConfigError("SCHEMACHANGE_VARS", "the var name 'schemachange' is reserved by schemachange.", {
      location: { file: label, path: at("vars") },
      hint: "Rename the var.",
    });
  }

  const create = fromEnv("CREATE_CHANGE_HISTORY_TABLE") ?? settings["create-change-history-table"];
  let changeHistoryTable: SchemachangeTable;
  try {
    changeHistoryTable = parseSchemachangeTable(text_("change-history-table", "CHANGE_HISTORY_TABLE"));
  } catch (error) {
    if (!(error instanceof MercuriosError)) throw error;
    throw new ConfigError(error.code, error.message, {
      location: { file: label, path: at("change-history-table") },
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  return {
    file,
    configVersion: version,
    rootFolder: folder("root-folder", "ROOT_FOLDER") ?? dir,
    modulesFolder: folder("modules-folder", "MODULES_FOLDER"),
    vars,
    secrets: schemachangeSecrets(vars),
    changeHistoryTable,
    createChangeHistoryTable: create === true || /^(true|1|yes|on)$/i.test(String(create ?? "")),
    queryTag: text_("query-tag", "QUERY_TAG"),
    connectionName:
      text_("connection-name", "CONNECTION_NAME") ?? processEnv.SNOWFLAKE_DEFAULT_CONNECTION_NAME ?? null,
    ignoredKeys,
  };
}
