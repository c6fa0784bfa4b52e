// The Mercurios platform's config: one database, four schemas, the local engine and three Snowflake
// environments. Secrets are never written here: connection secrets are references to environment
// variables (`{ env: "NAME" }`), and the loader rejects a literal one.
import { defineConfig } from "mercurios";

export default defineConfig({
  database: "MERCURIOS_DATA",
  // Migrations run schema by schema in this order.
  schemas: ["RAW", "STANDARD", "ANALYTICS", "ADMIN"],
  // The database and schemas are declarations: `up` creates them before migrations run, `drift`
  // checks them. (migrations/V1.0.0__mercurios_schemas.sql stays as applied history; its
  // CREATE SCHEMA IF NOT EXISTS statements find the schemas already there.)
  databaseOptions: {
    comment: "Mercurios retail analytics: POS data from landing to dashboards",
    dataRetentionTimeInDays: 1,
  },
  schemaOptions: {
    RAW: { comment: "Landing tables written by Fivetran and the Lambda connector" },
    STANDARD: { comment: "Cleansed, typed, deduplicated tenant data" },
    ANALYTICS: { comment: "Views for dashboards and tenants" },
    ADMIN: { comment: "Tenant registry, cost monitoring, change history" },
  },
  defaultEnvironment: "local",

  vars: {
    loading_warehouse: "MERCURIOS_LOADING_WH",
    analytics_warehouse: "MERCURIOS_ANALYTICS_WH",
    dev_warehouse: "MERCURIOS_DEV_WH",
    task_warehouse: "MERCURIOS_TASK_WH",
    fivetran_user: "FIVETRAN_USER",
    data_retention_days: 1,
    auto_suspend_seconds: 60,
    // Platform cost units (monitors/*.ts, ADMIN.MONITOR_QUOTAS): monthly credit quotas and warehouse sizes.
    analytics_monitor_credits: 10,
    dev_monitor_credits: 5,
    loading_monitor_credits: 8,
    task_monitor_credits: 2,
    loading_warehouse_size: "XSMALL",
    analytics_warehouse_size: "XSMALL",
    dev_warehouse_size: "XSMALL",
    task_warehouse_size: "XSMALL",
  },

  environments: {
    // The embedded Snowflake engine on DuckDB: no account needed.
    local: {
      kind: "local",
      localDb: ".mercurios/local.duckdb",
      description: "embedded engine for development, tests and CI",
    },
    dev: {
      kind: "snowflake",
      // A [mercurios_dev] section of ~/.snowflake/connections.toml (or $SNOWFLAKE_HOME/connections.toml).
      connection: "mercurios_dev",
      vars: { data_retention_days: 1 },
    },
    staging: {
      kind: "snowflake",
      connection: {
        account: { env: "SNOWFLAKE_ACCOUNT" },
        user: { env: "SNOWFLAKE_USER" },
        role: "MERCURIOS_ADMIN",
        warehouse: "MERCURIOS_DEV_WH",
        authenticator: "SNOWFLAKE_JWT",
        privateKeyPath: { env: "SNOWFLAKE_PRIVATE_KEY_PATH" },
        privateKeyPass: { env: "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE" },
      },
      vars: { data_retention_days: 1 },
    },
    prod: {
      kind: "snowflake",
      connection: {
        account: "vrxdfzx-zz95717",
        user: { env: "SNOWFLAKE_USER" },
        role: "MERCURIOS_ADMIN",
        warehouse: "MERCURIOS_TASK_WH",
        authenticator: { env: "SNOWFLAKE_AUTHENTICATOR" },
        password: { env: "SNOWFLAKE_PASSWORD" },
        privateKeyPath: { env: "SNOWFLAKE_PRIVATE_KEY_PATH" },
        privateKeyPass: { env: "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE" },
      },
      vars: { data_retention_days: 7, analytics_warehouse_size: "SMALL" },
      databaseOptions: { dataRetentionTimeInDays: 7 },
    },
  },

  // Where migrations record what ran: <database>.ADMIN.MERCURIOS_CHANGE_HISTORY.
  history: { schema: "ADMIN", table: "MERCURIOS_CHANGE_HISTORY" },

  // Demo tenants: the local engine's sample POS data is generated for these.
  tenants: [
    { id: "modehaus-berlin", name: "Modehaus Berlin", source: "prohandel" },
    { id: "sportwelt-muenchen", name: "Sportwelt München", source: "prohandel" },
    { id: "buchladen-hamburg", name: "Buchladen Hamburg", source: "custom" },
  ],

  // Objects in the account that the toolkit does not own: never reported as drift.
  ignore: [
    "ROLE ACCOUNTADMIN",
    "ROLE ORGADMIN",
    "ROLE SECURITYADMIN",
    "ROLE SYSADMIN",
    "ROLE USERADMIN",
    "ROLE PUBLIC",
    "WAREHOUSE COMPUTE_WH",
    "DATABASE SNOWFLAKE*",
  ],

  seed: { environments: ["local", "dev"], randomSeed: 42, days: 90, endDate: "2026-10-31" },

  // The platform's own modules behind the toolkit's extension point (docs/guide/extensions.md):
  // deterministic sample POS data, and credits per monitor from the cost views.
  extensions: { seed: "migrations/_seed/seed.ts", cost: "monitors/lib/cost.ts" },
});
