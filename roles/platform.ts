// The platform's four roles and the Fivetran service user, least privilege:
//   MERCURIOS_FIVETRAN_SERVICE  writes RAW only (loads with MERCURIOS_LOADING_WH)
//   MERCURIOS_ANALYST           reads ANALYTICS only (MERCURIOS_ANALYTICS_WH)
//   MERCURIOS_DEVELOPER         reads every schema; builds (CREATE TABLE / VIEW) in dev only
//   MERCURIOS_ADMIN             runs the platform: every warehouse, writes every schema
// Hierarchy: ANALYST -> DEVELOPER -> ADMIN -> SYSADMIN, FIVETRAN_SERVICE -> ADMIN (and the tenant
// roles in tenants.ts -> ADMIN), so SYSADMIN inherits everything.
// Future grants cover tables and views created later by migrations and apply.
import { defineRole, defineUser } from "mercurios";
import { ANALYTICS_VIEWS, tableGrants } from "./lib/analytics-views.js";

const SCHEMAS = ["RAW", "STANDARD", "ANALYTICS", "ADMIN"] as const;

export const admin = defineRole(({ database, vars }) => ({
  name: "MERCURIOS_ADMIN",
  comment: "Full administrative access to the Mercurios platform",
  parents: ["SYSADMIN"],
  grants: [
    ...["loading", "analytics", "dev", "task"].map((w) => ({
      privileges: ["USAGE", "OPERATE", "MONITOR"],
      on: "WAREHOUSE",
      name: String(vars[`${w}_warehouse`]),
    })),
    { privileges: ["USAGE", "CREATE SCHEMA"], on: "DATABASE", name: database },
    ...SCHEMAS.map((schema) => ({
      privileges: ["USAGE", "CREATE TABLE", "CREATE VIEW", "CREATE TASK"],
      on: "SCHEMA",
      name: schema,
    })),
  ],
  futureGrants: SCHEMAS.flatMap((schema) => [
    {
      privileges: ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"],
      on: "TABLES",
      in: "SCHEMA" as const,
      name: schema,
    },
    { privileges: ["SELECT"], on: "VIEWS", in: "SCHEMA" as const, name: schema },
  ]),
}));

export const developer = defineRole(({ env, database, vars }) => ({
  name: "MERCURIOS_DEVELOPER",
  comment: "Development and testing: reads everything, builds in dev",
  parents: ["MERCURIOS_ADMIN"],
  grants: [
    { privileges: ["USAGE"], on: "WAREHOUSE", name: String(vars.dev_warehouse) },
    { privileges: ["USAGE"], on: "WAREHOUSE", name: String(vars.analytics_warehouse) },
    { privileges: ["USAGE"], on: "DATABASE", name: database },
    ...SCHEMAS.map((schema) => ({
      privileges: env === "dev" ? ["USAGE", "CREATE TABLE", "CREATE VIEW"] : ["USAGE"],
      on: "SCHEMA",
      name: schema,
    })),
    ...tableGrants(["RAW", "STANDARD", "ADMIN"], ["SELECT"]),
  ],
  futureGrants: SCHEMAS.flatMap((schema) => [
    { privileges: ["SELECT"], on: "TABLES", in: "SCHEMA" as const, name: schema },
    { privileges: ["SELECT"], on: "VIEWS", in: "SCHEMA" as const, name: schema },
  ]),
}));

export const analyst = defineRole(({ database, vars }) => ({
  name: "MERCURIOS_ANALYST",
  comment: "Read-only access to the analytics views",
  parents: ["MERCURIOS_DEVELOPER"],
  grants: [
    { privileges: ["USAGE"], on: "WAREHOUSE", name: String(vars.analytics_warehouse) },
    { privileges: ["USAGE"], on: "DATABASE", name: database },
    { privileges: ["USAGE"], on: "SCHEMA", name: "ANALYTICS" },
    ...ANALYTICS_VIEWS.map((view) => ({ privileges: ["SELECT"], on: "VIEW", name: `ANALYTICS.${view}` })),
  ],
  futureGrants: [{ privileges: ["SELECT"], on: "VIEWS", in: "SCHEMA", name: "ANALYTICS" }],
}));

export const fivetranService = defineRole(({ database, vars }) => ({
  name: "MERCURIOS_FIVETRAN_SERVICE",
  comment: "Fivetran and the Lambda connector: write RAW only",
  parents: ["MERCURIOS_ADMIN"],
  grants: [
    { privileges: ["USAGE"], on: "WAREHOUSE", name: String(vars.loading_warehouse) },
    { privileges: ["USAGE"], on: "DATABASE", name: database },
    { privileges: ["USAGE", "CREATE TABLE"], on: "SCHEMA", name: "RAW" },
    ...tableGrants(["RAW"], ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"]),
  ],
  futureGrants: [
    {
      privileges: ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"],
      on: "TABLES",
      in: "SCHEMA",
      name: "RAW",
    },
  ],
}));

/**
 * Fivetran's service user: no password, key-pair only. Set FIVETRAN_RSA_PUBLIC_KEY (the public key
 * body) where the key is registered; without it the user exists and cannot log in yet.
 */
export const fivetranUser = defineUser(({ vars }) => ({
  name: String(vars.fivetran_user ?? "FIVETRAN_USER"),
  type: "SERVICE",
  defaultRole: "MERCURIOS_FIVETRAN_SERVICE",
  defaultWarehouse: String(vars.loading_warehouse),
  roles: ["MERCURIOS_FIVETRAN_SERVICE"],
  ...(process.env.FIVETRAN_RSA_PUBLIC_KEY ? { rsaPublicKey: { env: "FIVETRAN_RSA_PUBLIC_KEY" } } : {}),
  comment: "Fivetran loader (key-pair authentication)",
}));
