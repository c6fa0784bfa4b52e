/**
 * The KINDS table: every kind has an entry (the compiler enforces it; this checks the orders derived
 * from it are the ones plans and reports have always used), and the config's database and schema
 * options accept exactly the fields of the DATABASE and SCHEMA kinds' declarations.
 */
import { describe, expect, it } from "vitest";
import { databaseOptionsSchema, schemaOptionsSchema } from "../../src/config/schema.js";
import {
  CREATE_ORDER,
  DEFAULT_KINDS,
  databaseSchema,
  KINDS,
  OBJECT_KINDS,
  REMOVE_ORDER,
  schemaSchema,
} from "../../src/model/index.js";

describe("the KINDS table", () => {
  it("orders creation: containers, roles, monitors before warehouses, views after tables, grants after objects", () => {
    expect(CREATE_ORDER).toEqual([
      "database",
      "schema",
      "role",
      "resource_monitor",
      "warehouse",
      "user",
      "role_grant",
      "row_access_policy",
      "masking_policy",
      "table",
      "view",
      "policy_attachment",
      "masking_attachment",
      "grant",
      "future_grant",
      "task",
    ]);
  });

  it("orders removal: revokes first, then dependants before what they depend on, roles last but containers", () => {
    expect(REMOVE_ORDER).toEqual([
      "grant",
      "future_grant",
      "role_grant",
      "task",
      "policy_attachment",
      "masking_attachment",
      "view",
      "row_access_policy",
      "masking_policy",
      "table",
      "user",
      "warehouse",
      "resource_monitor",
      "schema",
      "database",
      "role",
    ]);
  });

  it("compares every kind by default except tables, and lists each kind once", () => {
    expect(DEFAULT_KINDS).toEqual(OBJECT_KINDS.filter((k) => k !== "table"));
    expect(new Set(OBJECT_KINDS).size).toBe(Object.keys(KINDS).length);
    for (const [kind, definition] of Object.entries(KINDS)) expect(definition.kind).toBe(kind);
  });

  it("takes the same database and schema options in the config as in the kinds' declarations", () => {
    const fields = (shape: object) => Object.keys(shape).sort();
    expect(fields(databaseOptionsSchema.shape)).toEqual(fields(databaseSchema.omit({ name: true }).shape));
    expect(fields(schemaOptionsSchema.shape)).toEqual(
      fields(schemaSchema.omit({ name: true, database: true }).shape),
    );
  });
});
