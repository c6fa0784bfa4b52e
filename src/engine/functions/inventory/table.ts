/**
 * Inventory: Table functions (https://docs.snowflake.com/en/sql-reference/functions-table).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const table: InventoryEntry[] = inCategory("table", [
  { name: "APPLICATION_CONFIGURATION_VALUE_HISTORY", status: "n/a", service: "native-apps" },
  { name: "CUMULATIVE_PRIVACY_LOSSES", status: "n/a", service: "privacy" },
  { name: "ESTIMATE_HYBRID_TABLE_STORAGE_USAGE", status: "n/a", service: "history" },
  { name: "GENERATOR", status: "covered" },
  {
    name: "SNOWFLAKE.LOCAL.GET_AI_EVALUATION_DATA",
    page: "get_ai_evaluation_data-snowflake-local",
    status: "n/a",
    service: "cortex",
  },
  {
    name: "SNOWFLAKE.LOCAL.GET_AI_OBSERVABILITY_EVENTS",
    page: "get_ai_observability_events-snowflake-local",
    status: "n/a",
    service: "cortex",
  },
  {
    name: "SNOWFLAKE.LOCAL.GET_AI_OBSERVABILITY_LOGS",
    page: "get_ai_observability_logs-snowflake-local",
    status: "n/a",
    service: "cortex",
  },
  {
    name: "SNOWFLAKE.LOCAL.GET_AI_RECORD_TRACE",
    page: "get_ai_record_trace-snowflake-local",
    status: "n/a",
    service: "cortex",
  },
  { name: "GET_CONTACTS", status: "n/a", service: "history" },
  { name: "GET_JOB_HISTORY", status: "n/a", service: "spcs" },
  {
    name: "SNOWFLAKE.CORE.GET_LINEAGE",
    page: "get_lineage-snowflake-core",
    status: "n/a",
    service: "history",
  },
  { name: "GET_OBJECT_REFERENCES", status: "n/a", service: "history" },
  { name: "ICEBERG_TABLE_FILES", status: "n/a", service: "iceberg" },
  { name: "ICEBERG_TABLE_SNAPSHOT_REFRESH_HISTORY", status: "n/a", service: "iceberg" },
  { name: "INFER_SCHEMA", status: "n/a", service: "pipes" },
  { name: "REPLICATION_GROUP_LAG_HISTORY", status: "n/a", service: "replication" },
  { name: "REST_EVENT_HISTORY", status: "n/a", service: "history" },
  {
    name: "RESULT_SCAN",
    status: "covered",
    forms: ["RESULT_SCAN(LAST_QUERY_ID())"],
    note: "query indexes and results with duplicate column names are not emulated (result_scan.yaml)",
  },
  { name: "SEMANTIC_VIEW_MATERIALIZATION_REFRESH_HISTORY", status: "n/a", service: "semantic-views" },
  { name: "SPCS_CANCEL_JOB", syntax: "<service_name>!SPCS_CANCEL_JOB(…)", status: "n/a", service: "spcs" },
  { name: "SPCS_GET_EVENTS", syntax: "<service_name>!SPCS_GET_EVENTS(…)", status: "n/a", service: "spcs" },
  { name: "SPCS_GET_LOGS", syntax: "<service_name>!SPCS_GET_LOGS(…)", status: "n/a", service: "spcs" },
  { name: "SPCS_GET_METRICS", syntax: "<service_name>!SPCS_GET_METRICS(…)", status: "n/a", service: "spcs" },
  { name: "SPCS_WAIT_FOR", syntax: "<service_name>!SPCS_WAIT_FOR(…)", status: "n/a", service: "spcs" },
  { name: "SPLIT_TO_TABLE", alsoIn: ["string"], status: "covered" },
  { name: "STORAGE_LIFECYCLE_POLICY_HISTORY", status: "n/a", service: "history" },
  { name: "STRTOK_SPLIT_TO_TABLE", alsoIn: ["string"], status: "covered" },
  { name: "SYSTEM$STREAM_BACKLOG", alsoIn: ["system"], status: "n/a", service: "history" },
  {
    name: "SNOWFLAKE.ACCOUNT_USAGE.TAG_REFERENCES_WITH_LINEAGE",
    page: "tag_references_with_lineage",
    status: "n/a",
    service: "history",
  },
  {
    name: "TO_QUERY",
    status: "unsupported",
    note: "runs SQL text given as a string; not emulated, so the function check also covers it",
  },
  { name: "VALIDATE", status: "n/a", service: "pipes" },
]);
