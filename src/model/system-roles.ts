/**
 * The roles Snowflake owns: never declared, never managed, never reported. The toolkit's one list
 * (the engine keeps its own in src/engine/catalog/roles.ts, since the engine imports nothing of the
 * toolkit; test/model/system-roles.test.ts keeps the account roles equal to the engine's).
 */

/** The roles every account has. */
export const ACCOUNT_SYSTEM_ROLES = [
  "ACCOUNTADMIN",
  "SECURITYADMIN",
  "USERADMIN",
  "SYSADMIN",
  "PUBLIC",
] as const;

/** The roles of an organisation account (not created by the local engine). */
export const ORGANISATION_SYSTEM_ROLES = ["ORGADMIN", "GLOBALORGADMIN"] as const;

/** Every system role. */
export const SYSTEM_ROLES: readonly string[] = [...ACCOUNT_SYSTEM_ROLES, ...ORGANISATION_SYSTEM_ROLES];

/** A system role, or one of Snowflake's own (`SNOWFLAKE…` application and database roles). */
export function isSystemRole(name: string): boolean {
  return SYSTEM_ROLES.includes(name) || name.startsWith("SNOWFLAKE");
}
