/**
 * The toolkit and the engine each keep one list of system roles (the engine imports nothing of the
 * toolkit). This keeps the account roles equal; the organisation roles are the toolkit's only.
 */
import { expect, it } from "vitest";
import { SYSTEM_ROLES as ENGINE_ROLES } from "../../src/engine/catalog/roles.js";
import { ACCOUNT_SYSTEM_ROLES, isSystemRole, SYSTEM_ROLES } from "../../src/model/index.js";

it("knows exactly the roles a fresh local engine has, and the organisation roles besides", () => {
  expect([...ACCOUNT_SYSTEM_ROLES].sort()).toEqual(Object.keys(ENGINE_ROLES).sort());
  expect([...SYSTEM_ROLES].sort()).toEqual(
    ["ACCOUNTADMIN", "GLOBALORGADMIN", "ORGADMIN", "PUBLIC", "SECURITYADMIN", "SYSADMIN", "USERADMIN"].sort(),
  );
  expect(isSystemRole("SNOWFLAKE.CORTEX_USER")).toBe(true);
  expect(isSystemRole("MERCURIOS_ADMIN")).toBe(false);
});
