/**
 * The names every template can use; a file cannot shadow them, and the config rejects them as var
 * names. The one list: src/config imports this file alone from src/template (a leaf with no imports;
 * the dependency rules allow exactly this file).
 */
export const BUILT_IN_NAMES = [
  "env",
  "database",
  "schema",
  "schemas",
  "tenants",
  "vars",
  "file",
  "kind",
] as const;
