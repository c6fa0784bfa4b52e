/**
 * Finds and loads `mercurios.config.ts` without a build step (jiti), then validates it with zod and
 * reports every problem at once.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, ValidationError } from "../errors/index.js";
import { crossCheck } from "./cross-check.js";
import { configErrorMap, toProblems } from "./issues.js";
import { configSchema, type MercuriosConfig } from "./schema.js";
import { moduleTimeoutMs, withinTime } from "./timeout.js";

/** File names looked for, in this order, in the project root. */
export const CONFIG_FILE_NAMES = [
  "mercurios.config.ts",
  "mercurios.config.mts",
  "mercurios.config.js",
  "mercurios.config.mjs",
];

export interface LoadConfigOptions {
  /** Where to start looking for the config file (walking up to the filesystem root). */
  cwd?: string;
  /** An explicit config file (`--config PATH`), relative to `cwd`. Its directory is the project root. */
  configPath?: string;
  /** For MERCURIOS_CONFIG_TIMEOUT_MS (default process.env). */
  processEnv?: NodeJS.ProcessEnv;
}

/** A validated config and where it came from. */
export interface LoadedConfig {
  /** Absolute project root: the directory of the config file. */
  root: string;
  /** Absolute path of the config file. */
  configFile: string;
  config: MercuriosConfig;
}

/** Locates the config file: `--config` if given, else the nearest one at or above `cwd`. */
export function findConfigFile(options: LoadConfigOptions = {}): string {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.configPath) {
    const file = path.resolve(cwd, options.configPath);
    if (!existsSync(file)) {
      throw new ConfigError("CONFIG_NOT_FOUND", `config file ${file} does not exist.`, {
        hint: "Check the path given to --config.",
      });
    }
    return file;
  }
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      if (existsSync(file)) return file;
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new ConfigError("CONFIG_NOT_FOUND", `no mercurios.config.ts in ${cwd} or any directory above it.`, {
    hint: "Run mercurios inside a project, or pass --config PATH.",
  });
}

/** Checks a raw config value; throws one ValidationError listing every problem with its path. */
export function validateConfig(raw: unknown, fileLabel = "mercurios.config.ts"): MercuriosConfig {
  const result = configSchema.safeParse(raw, { error: configErrorMap });
  const problems = [...(result.success ? [] : toProblems(result.error.issues)), ...crossCheck(raw)];
  if (result.success && problems.length === 0) return result.data;
  throw new ValidationError(
    "CONFIG_INVALID",
    `${problems.length} ${problems.length === 1 ? "problem" : "problems"} in the config:`,
    problems.map((p) => new ConfigError("CONFIG_FIELD", p.message, { location: { path: p.path } })),
    { location: { file: fileLabel } },
  );
}

/** Loads and validates the project config. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const configFile = findConfigFile(options);
  const root = path.dirname(configFile);
  const label = path.relative(process.cwd(), configFile) || configFile;
  const ms = moduleTimeoutMs(options.processEnv, "MERCURIOS_CONFIG_TIMEOUT_MS");
  const raw = await withinTime(
    importProjectModule(configFile, root),
    ms,
    () =>
      new ConfigError("CONFIG_TIMEOUT", `${label} did not finish loading within ${ms / 1000} s`, {
        location: { file: label },
        hint: "Its top level waits for something that never ends (an await, a network call, a loop); the config must be computed without waiting (MERCURIOS_CONFIG_TIMEOUT_MS changes the limit).",
      }),
  );
  const config = validateConfig(raw, label);
  return { root, configFile, config };
}

/**
 * Imports a TypeScript or JavaScript module of the project (the config file; roles/ and monitors/
 * modules) with jiti, so no build step is needed. `import … from "mercurios"` inside it resolves to this
 * package wherever the project lives. Returns the default export (or the module when it has none).
 */
export async function importProjectModule(file: string, root = path.dirname(file)): Promise<unknown> {
  const { createJiti } = await import("jiti");
  const jiti = createJiti(path.join(root, "_"), {
    alias: { mercurios: packageEntry() },
    // A fresh load each time (a long-running process may see the file change), but transpiled output
    // is cached on disk by content hash: the TypeScript transform is the slowest part of a cold start.
    moduleCache: false,
    fsCache: true,
    // The package itself (dist/) is plain ESM: import it natively, sharing the CLI's module instances.
    tryNative: true,
  });
  try {
    const mod = (await jiti.import(file)) as Record<string, unknown> | undefined;
    return mod && typeof mod === "object" && "default" in mod ? mod.default : mod;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      "CONFIG_LOAD",
      `could not load ${path.relative(process.cwd(), file) || file}: ${message}`,
      {
        cause: error,
        location: { file },
        hint: "Fix the error in that file; it must `export default defineConfig({ … })`.",
      },
    );
  }
}

/** This package's library entry: dist/index.js when built, src/index.ts when run from source (tests). */
function packageEntry(): string {
  const js = fileURLToPath(new URL("../index.js", import.meta.url));
  if (existsSync(js)) return js;
  return fileURLToPath(new URL("../index.ts", import.meta.url));
}
