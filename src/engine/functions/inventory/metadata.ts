/**
 * Inventory: Metadata functions (https://docs.snowflake.com/en/sql-reference/functions-metadata).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const metadata: InventoryEntry[] = inCategory("metadata", [
  { name: "GENERATE_COLUMN_DESCRIPTION", status: "n/a", service: "pipes" },
  {
    name: "GET_DDL",
    status: "todo",
    forms: ["GET_DDL(type, name)", "GET_DDL(type, name, TRUE)"],
    note: "swept (show/get-ddl.yaml): the two-argument form passes (procedure, warehouse); the TRUE form's only example differs in keyword case, which the page's usage notes contradict, so it has no passing case yet",
  },
]);
