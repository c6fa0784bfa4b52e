/**
 * What `mercurios import` keeps of a live account (src/project/import/select.ts): what Snowflake
 * owns is left out, references the written files could not satisfy are dropped with a note, and
 * `--kinds` names are understood. Pure: hand-made model objects, no account.
 */
import { describe, expect, it } from "vitest";
import type { ModelObject } from "../../src/model/index.js";
import { modelKindsOf, parseImportKinds, selectForImport } from "../../src/project/import/select.js";

const ALL_KINDS = new Set(
  modelKindsOf(["database", "warehouses", "monitors", "roles", "users", "policies", "tasks", "views"]),
);

/** An account as introspection reads it: the project's objects among Snowflake's own. */
const live: ModelObject[] = [
  { kind: "database", name: "SHOP" },
  { kind: "schema", name: "SHOP.APP", database: "SHOP" },
  { kind: "schema", name: "SHOP.PUBLIC", database: "SHOP" },
  { kind: "schema", name: "SHOP.INFORMATION_SCHEMA", database: "SHOP" },
  { kind: "warehouse", name: "APP_WH" },
  { kind: "warehouse", name: "SYSTEM$STREAMLIT_NOTEBOOK_WH" },
  { kind: "role", name: "APP_READER", owner: "ACCOUNTADMIN" },
  { kind: "role", name: "ACCOUNTADMIN" },
  { kind: "role", name: "PUBLIC" },
  { kind: "user", name: "ALICE", defaultRole: "APP_READER", defaultWarehouse: "GONE_WH" },
  { kind: "user", name: "SNOWFLAKE" },
  {
    kind: "role_grant",
    name: "APP_READER -> ROLE SYSADMIN",
    role: "APP_READER",
    granteeType: "ROLE",
    grantee: "SYSADMIN",
  },
  {
    kind: "role_grant",
    name: "APP_READER -> USER ALICE",
    role: "APP_READER",
    granteeType: "USER",
    grantee: "ALICE",
  },
  {
    kind: "role_grant",
    name: "SYSADMIN -> ROLE ACCOUNTADMIN",
    role: "SYSADMIN",
    granteeType: "ROLE",
    grantee: "ACCOUNTADMIN",
  },
  {
    kind: "grant",
    name: "USAGE ON WAREHOUSE APP_WH -> APP_READER",
    privilege: "USAGE",
    objectType: "WAREHOUSE",
    objectName: "APP_WH",
    role: "APP_READER",
  },
  {
    kind: "grant",
    name: "USAGE ON WAREHOUSE OTHER_WH -> APP_READER",
    privilege: "USAGE",
    objectType: "WAREHOUSE",
    objectName: "OTHER_WH",
    role: "APP_READER",
  },
  {
    kind: "grant",
    name: "OWNERSHIP ON DATABASE SHOP -> ACCOUNTADMIN",
    privilege: "OWNERSHIP",
    objectType: "DATABASE",
    objectName: "SHOP",
    role: "ACCOUNTADMIN",
  },
];

const select = (objects: ModelObject[], kinds = ALL_KINDS) =>
  selectForImport(objects, { db: "SHOP", kinds, ignore: [], usersWithPasswords: new Set(["ALICE"]) });

describe("import selection", () => {
  it("leaves out what Snowflake owns and keeps what the project can declare", () => {
    const { objects } = select(live);
    expect(objects.map((o) => `${o.kind} ${o.name}`).sort()).toEqual(
      [
        "database SHOP",
        "grant USAGE ON WAREHOUSE APP_WH -> APP_READER",
        "role APP_READER",
        "role_grant APP_READER -> ROLE SYSADMIN",
        "role_grant APP_READER -> USER ALICE",
        "schema SHOP.APP",
        "user ALICE",
        "warehouse APP_WH",
      ].sort(),
    );
  });

  it("drops what the written files could not satisfy, with a note for each, and never a password", () => {
    const { objects, notes } = select(live);
    const alice = objects.find((o) => o.kind === "user" && o.name === "ALICE");
    expect(alice).toEqual({ kind: "user", name: "ALICE", defaultRole: "APP_READER" });
    expect(notes).toEqual(
      expect.arrayContaining([
        "USER ALICE has a password: passwords are never declared; set and rotate it outside mercurios.",
        "USER ALICE: default warehouse GONE_WH is not written (it may not exist); defaultWarehouse is not declared.",
      ]),
    );
    expect(notes.some((n) => n.includes("OTHER_WH") && n.includes("drift will report the grant"))).toBe(true);
  });

  it("keeps PUBLIC when something written lives in it", () => {
    const view: ModelObject = {
      kind: "view",
      name: "SHOP.PUBLIC.V",
      database: "SHOP",
      schema: "PUBLIC",
      query: "SELECT 1 AS X",
      queryCanonical: "select 1 as x",
    } as ModelObject;
    const names = select([...live, view]).objects.map((o) => o.name);
    expect(names).toContain("SHOP.PUBLIC");
    expect(names).toContain("SHOP.PUBLIC.V");
  });

  it("writes only the kinds asked for", () => {
    const { objects } = select(live, new Set(modelKindsOf(["warehouses"])));
    expect(objects.map((o) => o.name)).toEqual(["APP_WH"]);
  });

  it("reads --kinds names, their other spellings, and reports unknown ones", () => {
    expect(parseImportKinds(["Views", "grants", "row-access-policies", "", "stages"])).toEqual({
      kinds: ["views", "roles", "policies"],
      unknown: ["stages"],
    });
  });
});
