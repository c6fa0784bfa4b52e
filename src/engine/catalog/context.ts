/** What a catalog statement sees of its session and of the engine around it. */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DataObjectDirectory } from "./directory.js";
import type { AccountStore } from "./store.js";

/** The session a statement runs in, as the engine core passes it to the catalog. */
export interface CatalogContext {
  sessionId: string;
  user: string;
  role: string;
  /** USE SECONDARY ROLES ALL makes every role granted to the user active for privileges. */
  secondaryRoles?: "ALL" | "NONE";
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  /** Session parameters set with ALTER SESSION (SHOW PARAMETERS reads them). */
  parameters?: Readonly<Record<string, string>>;
  /** The running statement as the client sent it, `;` included (CURRENT_STATEMENT()). */
  statementText?: string;
  /** Runs SQL in this session with the catalog's hooks (EXECUTE TASK runs the task body here). */
  execute?(sql: string): Promise<unknown>;
  /** The session's DuckDB connection, when the core passes one (SHOW SEQUENCES reads next values). */
  connection?: DuckDBConnection;
}

/** The catalog's own surroundings, shared by its statement modules. */
export interface CatalogEnv {
  store: AccountStore;
  directory: DataObjectDirectory;
  /** Clock in epoch milliseconds; replaceable so metering can be tested without waiting. */
  now(): number;
  /** Snowflake account locator shown by CURRENT_ACCOUNT(). */
  account: string;
}
