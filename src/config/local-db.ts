import path from "node:path";

/** DuckDB's name for a throwaway database that lives in memory only. */
export const IN_MEMORY = ":memory:";

/** Resolves a local engine file against `base`; `:memory:` stays as it is, not a file named ':memory:'. */
export function resolveLocalDb(base: string, localDb: string): string {
  return localDb === IN_MEMORY ? localDb : path.resolve(base, localDb);
}
