/**
 * Declared grants are checked against the privileges Snowflake documents per object type: a
 * privilege of another type (SELECT on a WAREHOUSE) or an object type that does not exist is a
 * problem naming what is valid, found by validation rather than by `apply` on Snowflake.
 */
import { describe, expect, it } from "vitest";
import { grantPrivilegeProblem } from "../../src/model/index.js";

describe("grantPrivilegeProblem", () => {
  it.each([
    ["WAREHOUSE", "USAGE"],
    ["WAREHOUSE", "OPERATE"],
    ["DATABASE", "IMPORTED PRIVILEGES"],
    ["SCHEMA", "CREATE TABLE"],
    ["SCHEMA", "CREATE ROW ACCESS POLICY"],
    ["TABLE", "TRUNCATE"],
    ["VIEW", "SELECT"],
    ["ROW_ACCESS_POLICY", "APPLY"],
    ["ACCOUNT", "EXECUTE TASK"],
    ["TASK", "OPERATE"],
    ["INTEGRATION", "USE_ANY_ROLE"],
    ["ROLE", "OWNERSHIP"],
    ["RESOURCE_MONITOR", "ALL"],
    ["STAGE", "ALL PRIVILEGES"],
  ])("%s takes %s", (type, privilege) => {
    expect(grantPrivilegeProblem(type, privilege)).toBeUndefined();
  });

  it("SELECT on a warehouse names the warehouse's privileges", () => {
    expect(grantPrivilegeProblem("WAREHOUSE", "SELECT")).toEqual({
      message: "SELECT is not a privilege on a WAREHOUSE",
      hint: "A WAREHOUSE takes APPLYBUDGET, MODIFY, MONITOR, OPERATE, USAGE, OWNERSHIP, ALL.",
    });
  });

  it.each([
    ["VIEW", "INSERT"],
    ["SCHEMA", "CREATE TABEL"],
    ["DATABASE", "SELECT"],
    ["ROW_ACCESS_POLICY", "USAGE"],
    ["MATERIALIZED_VIEW", "UPDATE"],
  ])("%s refuses %s", (type, privilege) => {
    expect(grantPrivilegeProblem(type, privilege)?.message).toBe(
      `${privilege} is not a privilege on a ${type.replace(/_/g, " ")}`,
    );
  });

  it("an object type that does not exist names the types there are", () => {
    const problem = grantPrivilegeProblem("SPACESHIP", "TELEPORT");
    expect(problem?.message).toBe("SPACESHIP is not an object type privileges are granted on");
    expect(problem?.hint).toMatch(
      /^Use one of: ACCOUNT, WAREHOUSE, RESOURCE MONITOR, DATABASE, SCHEMA, TABLE, /,
    );
  });
});
