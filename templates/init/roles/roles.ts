// Two roles: developers build the project, analysts read its views.
// Guide: node_modules/mercurios/docs/guide/declarations.md
import { defineRole } from "mercurios";

export const developer = defineRole(({ database, schemas }) => ({
  name: "__PREFIX___DEVELOPER",
  comment: "Builds __DATABASE__: uses the warehouse, creates tables and views in every schema",
  // Custom roles belong under SYSADMIN, so that administrators can manage what they own.
  parents: ["SYSADMIN"],
  grants: [
    { privileges: ["USAGE"], on: "WAREHOUSE", name: "__PREFIX___WH" },
    { privileges: ["USAGE"], on: "DATABASE", name: database },
    ...schemas.map((schema) => ({
      privileges: ["USAGE", "CREATE TABLE", "CREATE VIEW"],
      on: "SCHEMA" as const,
      name: schema,
    })),
  ],
}));

export const analyst = defineRole(({ database }) => ({
  name: "__PREFIX___ANALYST",
  comment: "Reads the views in __VIEW_SCHEMA__",
  parents: ["__PREFIX___DEVELOPER"],
  grants: [
    { privileges: ["USAGE"], on: "WAREHOUSE", name: "__PREFIX___WH" },
    { privileges: ["USAGE"], on: "DATABASE", name: database },
    { privileges: ["USAGE"], on: "SCHEMA", name: "__VIEW_SCHEMA__" },
  ],
}));
