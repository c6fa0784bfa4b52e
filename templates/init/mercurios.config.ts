// The project's database, schemas and environments. Guide: node_modules/mercurios/docs/guide/config.md
import { defineConfig } from "mercurios";

export default defineConfig({
  database: "__DATABASE__",
  // Migrations run schema by schema in this order. `mercurios up` creates the database and the
  // schemas before any migration runs, and `drift` checks them like every other declaration.
  schemas: ["__SCHEMAS__"],
  databaseOptions: { comment: "__DATABASE__, managed by mercurios" },
  defaultEnvironment: "local",
  environments: {
    // The embedded Snowflake engine on DuckDB (.mercurios/local.duckdb): no account needed.
    local: { kind: "local" },
    // Snowflake, through the [__CONNECTION__] section of ~/.snowflake/connections.toml
    // (docs/guide/connections.md); SNOWFLAKE_* environment variables override single fields.
    __SNOWFLAKE_ENV__: { kind: "snowflake", connection: "__CONNECTION__" },
  },
});
