/**
 * Where a Snowflake connection's settings come from, field by field (docs/guide/connections.md):
 *   1. the environment's `connection` fields in mercurios.config.ts (`{ env: NAME }` read now);
 *   2. SNOWFLAKE_* environment variables;
 *   3. the named connection in connections.toml, when the config names one (a string connection).
 * Secrets never come from the config file itself (the config schema allows only env references).
 */
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import type { ConnectionConfig } from "../config/index.js";
import { ConfigError } from "../errors/index.js";

/** Authenticators the Snowflake driver supports. */
export type Authenticator =
  | "SNOWFLAKE"
  | "SNOWFLAKE_JWT"
  | "OAUTH"
  | "PROGRAMMATIC_ACCESS_TOKEN"
  | "EXTERNALBROWSER";

const AUTHENTICATORS: readonly Authenticator[] = [
  "SNOWFLAKE",
  "SNOWFLAKE_JWT",
  "OAUTH",
  "PROGRAMMATIC_ACCESS_TOKEN",
  "EXTERNALBROWSER",
];

/** A connection with every field resolved to its final value. */
export interface ResolvedConnection {
  account: string;
  user: string;
  authenticator: Authenticator;
  role?: string;
  warehouse?: string;
  database?: string;
  schema?: string;
  password?: string;
  privateKey?: string;
  privateKeyPath?: string;
  privateKeyPass?: string;
  token?: string;
  /** A full URL such as `http://127.0.0.1:8085` (our local server), or a host name. */
  accessUrl?: string;
  host?: string;
  /** Where each field came from (`config`, `env SNOWFLAKE_USER`, `connections.toml [dev]`), for messages. */
  sources: Record<string, string>;
  /** The secret values in this connection, to mask in every output. */
  secrets: string[];
}

type Field = Exclude<keyof ResolvedConnection, "sources" | "secrets" | "authenticator"> | "authenticator";

/** Environment variables read for each field. */
const ENV_VARIABLES: Record<Field, string[]> = {
  account: ["SNOWFLAKE_ACCOUNT"],
  user: ["SNOWFLAKE_USER"],
  authenticator: ["SNOWFLAKE_AUTHENTICATOR"],
  role: ["SNOWFLAKE_ROLE"],
  warehouse: ["SNOWFLAKE_WAREHOUSE"],
  database: ["SNOWFLAKE_DATABASE"],
  schema: ["SNOWFLAKE_SCHEMA"],
  password: ["SNOWFLAKE_PASSWORD"],
  privateKey: ["SNOWFLAKE_PRIVATE_KEY"],
  privateKeyPath: ["SNOWFLAKE_PRIVATE_KEY_PATH", "SNOWFLAKE_PRIVATE_KEY_FILE"],
  privateKeyPass: ["SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "PRIVATE_KEY_PASSPHRASE"],
  token: ["SNOWFLAKE_TOKEN"],
  accessUrl: ["SNOWFLAKE_ACCESS_URL"],
  host: ["SNOWFLAKE_HOST"],
};

/** connections.toml keys (snake_case as Snowflake's tools write them) for each field. */
const TOML_KEYS: Record<Field, string[]> = {
  account: ["account", "accountname"],
  user: ["user", "username"],
  authenticator: ["authenticator"],
  role: ["role", "rolename"],
  warehouse: ["warehouse", "warehousename"],
  database: ["database", "databasename", "dbname"],
  schema: ["schema", "schemaname"],
  password: ["password"],
  privateKey: ["private_key", "privatekey"],
  privateKeyPath: ["private_key_file", "private_key_path", "privatekeypath"],
  privateKeyPass: ["private_key_file_pwd", "private_key_passphrase", "privatekeypass"],
  token: ["token"],
  accessUrl: ["access_url", "accessurl"],
  host: ["host"],
};

const SECRET_FIELDS: readonly Field[] = ["password", "privateKey", "privateKeyPass", "token"];
const FIELDS = Object.keys(ENV_VARIABLES) as Field[];

export interface ResolveConnectionOptions {
  /** The process environment (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where to say the connection was configured, e.g. `environments.prod.connection`. */
  configPath?: string;
}

/** Resolves a configured connection (or none, for environment variables alone) to final values. */
export function resolveConnection(
  connection: ConnectionConfig | undefined,
  options: ResolveConnectionOptions = {},
): ResolvedConnection {
  const env = options.env ?? process.env;
  const where = options.configPath ?? "connection";
  const values: Partial<Record<Field, string>> = {};
  const sources: Record<string, string> = {};
  const set = (field: Field, value: string | undefined, source: string) => {
    if (values[field] !== undefined || value === undefined || value === "") return;
    values[field] = value;
    sources[field] = source;
  };

  if (connection !== undefined && typeof connection === "object") {
    for (const [key, raw] of Object.entries(connection)) {
      if (raw === undefined) continue;
      const field = key === "passcode" ? undefined : (key as Field);
      if (!field || !FIELDS.includes(field)) continue;
      if (typeof raw === "string") set(field, raw, `config ${where}.${key}`);
      else {
        const value = env[raw.env];
        if (value === undefined && SECRET_FIELDS.includes(field)) {
          throw new ConfigError(
            "CONNECTION_SECRET_UNSET",
            `${where}.${key} reads the environment variable ${raw.env}, which is not set.`,
            {
              hint: `Set ${raw.env} in the environment (CI secret or shell), then run again.`,
              location: { path: `${where}.${key}` },
            },
          );
        }
        set(field, value, `env ${raw.env} (config ${where}.${key})`);
      }
    }
  }
  for (const field of FIELDS) {
    for (const name of ENV_VARIABLES[field]) set(field, env[name], `env ${name}`);
  }
  if (typeof connection === "string") {
    const file = connectionsTomlPath(env);
    const section = readConnectionsToml(file, connection);
    for (const field of FIELDS) {
      for (const key of TOML_KEYS[field]) {
        const value = section[key];
        if (typeof value === "string" || typeof value === "number") {
          set(field, String(value), `connections.toml [${connection}]`);
        }
      }
    }
  }
  return finish(values, sources, where);
}

function finish(
  values: Partial<Record<Field, string>>,
  sources: Record<string, string>,
  where: string,
): ResolvedConnection {
  const authenticator = normaliseAuthenticator(values.authenticator, values, where);
  const missing = (["account", "user"] as const).filter((field) => values[field] === undefined);
  if (missing.length > 0 && authenticator !== "OAUTH") {
    throw new ConfigError(
      "CONNECTION_INCOMPLETE",
      `The Snowflake connection has no ${missing.join(" and ")}.`,
      {
        hint: `Set ${missing.map((f) => ENV_VARIABLES[f][0]).join(" and ")}, or add ${missing.join("/")} to ${where} or to the named connections.toml connection.`,
        location: { path: where },
      },
    );
  }
  const needs: Partial<Record<Authenticator, Field[][]>> = {
    SNOWFLAKE: [["password"]],
    SNOWFLAKE_JWT: [["privateKey"], ["privateKeyPath"]],
    OAUTH: [["token"]],
    PROGRAMMATIC_ACCESS_TOKEN: [["token"], ["password"]],
  };
  const alternatives = needs[authenticator];
  if (alternatives && !alternatives.some((fields) => fields.every((f) => values[f] !== undefined))) {
    const what = alternatives.map((fields) => fields.map((f) => ENV_VARIABLES[f][0]).join("+")).join(" or ");
    throw new ConfigError(
      "CONNECTION_CREDENTIALS",
      `Authenticator ${authenticator} needs ${what}, and none is set.`,
      {
        hint: `Set ${what} in the environment, or reference it from ${where} with { env: 'NAME' }.`,
        location: { path: where },
      },
    );
  }
  const resolved: ResolvedConnection = {
    account: values.account ?? "",
    user: values.user ?? "",
    authenticator,
    sources,
    secrets: SECRET_FIELDS.map((f) => values[f]).filter((v): v is string => v !== undefined && v !== ""),
  };
  for (const field of FIELDS) {
    if (field === "account" || field === "user" || field === "authenticator") continue;
    const value = values[field];
    if (value !== undefined) resolved[field] = value;
  }
  return resolved;
}

function normaliseAuthenticator(
  raw: string | undefined,
  values: Partial<Record<Field, string>>,
  where: string,
): Authenticator {
  if (raw === undefined) {
    // No authenticator named: infer it from the credential present, as Snowflake's tools do.
    if (values.password !== undefined) return "SNOWFLAKE";
    if (values.privateKey !== undefined || values.privateKeyPath !== undefined) return "SNOWFLAKE_JWT";
    if (values.token !== undefined) return "PROGRAMMATIC_ACCESS_TOKEN";
    return "SNOWFLAKE";
  }
  const upper = raw.trim().toUpperCase();
  const name = upper === "USERNAME_PASSWORD" ? "SNOWFLAKE" : upper;
  if ((AUTHENTICATORS as readonly string[]).includes(name)) return name as Authenticator;
  throw new ConfigError("CONNECTION_AUTHENTICATOR", `Unknown authenticator '${raw}'.`, {
    hint: `Use one of ${AUTHENTICATORS.join(", ")}.`,
    location: { path: `${where}.authenticator` },
  });
}

/** `$SNOWFLAKE_HOME/connections.toml`, default `~/.snowflake/connections.toml`. */
export function connectionsTomlPath(env: NodeJS.ProcessEnv = process.env): string {
  const home =
    env.SNOWFLAKE_HOME && env.SNOWFLAKE_HOME !== "" ? env.SNOWFLAKE_HOME : path.join(homedir(), ".snowflake");
  return path.join(home, "connections.toml");
}

/** Reads one `[name]` section, refusing a file others may write (it holds credentials). */
export function readConnectionsToml(file: string, name: string): Record<string, unknown> {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new ConfigError(
      "CONNECTIONS_TOML_MISSING",
      `Connection '${name}' is named, but ${file} does not exist.`,
      {
        hint: "Create it (see docs/guide/connections.md), set SNOWFLAKE_HOME to its directory, or configure the connection's fields instead.",
        location: { file },
      },
    );
  }
  if (process.platform !== "win32" && (mode & 0o022) !== 0) {
    throw new ConfigError(
      "CONNECTIONS_TOML_PERMISSIONS",
      `${file} is writable by group or others, so its credentials cannot be trusted.`,
      { hint: `Run: chmod 0600 ${file}`, location: { file } },
    );
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = parseToml(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    // smol-toml's message names line and column; it never includes values beyond the offending token.
    const line = (error as { line?: number }).line;
    throw new ConfigError("CONNECTIONS_TOML_SYNTAX", `${file} is not valid TOML.`, {
      hint: "Fix the syntax at the position shown.",
      location: line === undefined ? { file } : { file, line },
    });
  }
  const section = parsed[name] ?? (parsed.connections as Record<string, unknown> | undefined)?.[name];
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    const known = Object.keys(parsed).filter((key) => typeof parsed[key] === "object");
    throw new ConfigError("CONNECTION_UNKNOWN", `${file} has no connection [${name}].`, {
      hint: `Known connections: ${known.join(", ") || "(none)"}.`,
      location: { file },
    });
  }
  const lowered: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) lowered[key.toLowerCase()] = value;
  return lowered;
}
