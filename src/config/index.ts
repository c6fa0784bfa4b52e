// Public surface of the config module.
export { defineConfig } from "./define.js";
export { type ConfigProblem, formatPath } from "./issues.js";
export {
  CONFIG_FILE_NAMES,
  findConfigFile,
  importProjectModule,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
  validateConfig,
} from "./load.js";
export {
  loadEnvironment,
  parseVarAssignments,
  type ResolvedEnvironment,
  type ResolveEnvironmentOptions,
  resolveEnvironment,
  SECRET_NAME_PATTERN,
  type UnresolvedVar,
} from "./resolve.js";
export * from "./schema.js";
export {
  DEFAULT_CONFIG_TIMEOUT_MS,
  DEFAULT_MODULE_TIMEOUT_MS,
  moduleTimeoutMs,
  withinTime,
} from "./timeout.js";
