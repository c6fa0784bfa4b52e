/**
 * Use case `init`: writes a new project from the templates in the package's `templates/init/`
 * (config, a warehouse with its monitor, two roles, one migration, one view with its test,
 * `.gitignore`, a GitHub Actions workflow). It never overwrites: when any file it would write
 * exists, it writes nothing and names them all.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, MercuriosError, ValidationError } from "../errors/index.js";

/** What a new project is made of; every field has a default (`initDefaults`). */
export interface InitAnswers {
  /** The project database, an unquoted Snowflake identifier (upper-cased). */
  database: string;
  /** The schemas in migration order: the first holds the first table, the last the first view. */
  schemas: string[];
  /** The Snowflake environment's name in the config (lower-case), e.g. `dev`. */
  snowflakeEnvironment: string;
  /** The `connections.toml` section that environment reads. */
  connection: string;
}

export interface InitOptions extends InitAnswers {
  /** Where the project goes (created when missing). */
  directory: string;
}

export interface InitReport {
  directory: string;
  answers: InitAnswers;
  /** Files written, relative to `directory`, in order. */
  files: string[];
  /** Names the project's objects start with (`<PREFIX>_WH`, `<PREFIX>_ANALYST`, …). */
  prefix: string;
  /** Whether `directory` has its own package.json: the workflow's `npm ci` installs from it. */
  packageJson: boolean;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const ENVIRONMENT = /^[a-z][a-z0-9_-]*$/;
const CONNECTION = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Template file names that npm would not ship under their real names. */
const RENAMES: Record<string, string> = { gitignore: ".gitignore", github: ".github" };

/** The templates' folder in the package (the same from src/ and from dist/). */
export function initTemplatesDir(): string {
  return fileURLToPath(new URL("../../templates/init/", import.meta.url));
}

/** Defaults: the database is named after the folder (`shop-analytics` -> `SHOP_ANALYTICS`). */
export function initDefaults(directory: string): InitAnswers {
  const base = path
    .basename(path.resolve(directory))
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const database = !base ? "MY_PROJECT" : /^[0-9]/.test(base) ? `P_${base}` : base;
  return { database, schemas: ["RAW", "ANALYTICS"], snowflakeEnvironment: "dev", connection: "dev" };
}

/** `SHOP_DATA` -> `SHOP`: the stem of the project's object names. */
export function objectPrefix(database: string): string {
  const stem = database.replace(/_(DATA|DB|DATABASE)$/, "");
  return stem || database;
}

/** Upper-cases names and reports every invalid answer at once. */
export function normaliseInitAnswers(answers: InitAnswers): InitAnswers {
  const problems: MercuriosError[] = [];
  const bad = (path: string, message: string) =>
    problems.push(new ConfigError("INIT_INVALID", message, { location: { path } }));
  if (!IDENTIFIER.test(answers.database))
    bad(
      "database",
      `'${answers.database}' is not an unquoted Snowflake identifier (letters, digits, _ and $; not starting with a digit)`,
    );
  const schemas = answers.schemas.map((s) => s.trim()).filter(Boolean);
  if (schemas.length === 0) bad("schemas", "at least one schema is needed");
  for (const schema of schemas)
    if (!IDENTIFIER.test(schema)) bad("schemas", `'${schema}' is not an unquoted Snowflake identifier`);
  const upper = schemas.map((s) => s.toUpperCase());
  const duplicate = upper.find((s, i) => upper.indexOf(s) !== i);
  if (duplicate) bad("schemas", `${duplicate} is named twice`);
  if (upper.some((s) => s === "PUBLIC" || s === "INFORMATION_SCHEMA"))
    bad("schemas", "PUBLIC and INFORMATION_SCHEMA come with every database; name the project's own schemas");
  if (!ENVIRONMENT.test(answers.snowflakeEnvironment) || answers.snowflakeEnvironment === "local")
    bad(
      "snowflake environment",
      `'${answers.snowflakeEnvironment}' is not a name for the Snowflake environment (lower-case letters, digits, _ and -; not 'local')`,
    );
  if (!CONNECTION.test(answers.connection))
    bad("connection", `'${answers.connection}' is not a connections.toml section name`);
  if (problems.length > 0) {
    throw new ValidationError(
      "INIT_INVALID",
      `${problems.length} ${problems.length === 1 ? "answer is" : "answers are"} not valid, so nothing was written:`,
      problems,
      { hint: "Example: mercurios init --database SHOP_DATA --schemas RAW,ANALYTICS --snowflake-env dev" },
    );
  }
  return {
    database: answers.database.toUpperCase(),
    schemas: upper,
    snowflakeEnvironment: answers.snowflakeEnvironment,
    connection: answers.connection,
  };
}

async function listTemplates(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listTemplates(dir, relative)));
    else files.push(relative);
  }
  return files;
}

function substitutions(answers: InitAnswers): [string, string][] {
  const prefix = objectPrefix(answers.database);
  return [
    // `"__SCHEMAS__"` stands for the whole list, quoted, inside a TypeScript array.
    ['"__SCHEMAS__"', answers.schemas.map((s) => JSON.stringify(s)).join(", ")],
    ["__DATABASE__", answers.database],
    ["__FIRST_SCHEMA__", answers.schemas[0]!],
    ["__VIEW_SCHEMA__", answers.schemas[answers.schemas.length - 1]!],
    ["__PREFIX_LOWER__", prefix.toLowerCase()],
    ["__PREFIX__", prefix],
    [
      "__SNOWFLAKE_ENV__",
      /^[a-z_][a-z0-9_]*$/.test(answers.snowflakeEnvironment)
        ? answers.snowflakeEnvironment
        : JSON.stringify(answers.snowflakeEnvironment),
    ],
    ["__CONNECTION__", answers.connection],
  ];
}

function fill(text: string, pairs: [string, string][]): string {
  return pairs.reduce((out, [token, value]) => out.split(token).join(value), text);
}

/** The files a project would get: relative path -> content. Writes nothing. */
export async function renderInitFiles(answers: InitAnswers): Promise<Map<string, string>> {
  const normalised = normaliseInitAnswers(answers);
  const dir = initTemplatesDir();
  const pairs = substitutions(normalised);
  const files = new Map<string, string>();
  for (const template of await listTemplates(dir)) {
    const [head, ...rest] = template.split("/");
    const target = fill([RENAMES[head!] ?? head, ...rest].join("/"), pairs);
    // The environment name is a TypeScript key only in the config; in YAML it is a plain value.
    const text = await readFile(path.join(dir, template), "utf8");
    const content = template.endsWith(".ts")
      ? fill(text, pairs)
      : fill(
          text,
          pairs.map(([t, v]) => (t === "__SNOWFLAKE_ENV__" ? [t, normalised.snowflakeEnvironment] : [t, v])),
        );
    files.set(target, content);
  }
  return files;
}

/** Writes the new project; refuses (writing nothing) when any of its files exists. */
export async function initProject(options: InitOptions): Promise<InitReport> {
  const answers = normaliseInitAnswers(options);
  const files = await renderInitFiles(answers);
  const directory = path.resolve(options.directory);
  const existing = [...files.keys()].filter((file) => existsSync(path.join(directory, file)));
  if (existing.length > 0) {
    throw new MercuriosError(
      "INIT_EXISTS",
      `${directory} already has ${existing.join(", ")}, so nothing was written.`,
      {
        location: { file: directory },
        hint: "init never overwrites: run it in an empty folder (`mercurios init DIR`), or move those files away first.",
      },
    );
  }
  for (const [file, content] of files) {
    const target = path.join(directory, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content, { flag: "wx" });
  }
  return {
    directory,
    answers,
    files: [...files.keys()],
    prefix: objectPrefix(answers.database),
    packageJson: existsSync(path.join(directory, "package.json")),
  };
}
