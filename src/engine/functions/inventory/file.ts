/**
 * Inventory: File functions (https://docs.snowflake.com/en/sql-reference/functions-file).
 * Owner: `fid-core`; only that branch edits this file. Entries follow `functions-all`, one per row.
 */
import { type InventoryEntry, inCategory } from "./types.js";

export const file: InventoryEntry[] = inCategory("file", [
  { name: "BUILD_SCOPED_FILE_URL", status: "n/a", service: "stages" },
  { name: "BUILD_STAGE_FILE_URL", status: "n/a", service: "stages" },
  { name: "FL_GET_CONTENT_TYPE", status: "n/a", service: "stages" },
  { name: "FL_GET_ETAG", status: "n/a", service: "stages" },
  { name: "FL_GET_FILE_TYPE", status: "n/a", service: "stages" },
  { name: "FL_GET_LAST_MODIFIED", status: "n/a", service: "stages" },
  { name: "FL_GET_RELATIVE_PATH", status: "n/a", service: "stages" },
  { name: "FL_GET_SCOPED_FILE_URL", status: "n/a", service: "stages" },
  { name: "FL_GET_SIZE", status: "n/a", service: "stages" },
  { name: "FL_GET_STAGE", status: "n/a", service: "stages" },
  { name: "FL_GET_STAGE_FILE_URL", status: "n/a", service: "stages" },
  { name: "FL_IS_AUDIO", status: "n/a", service: "stages" },
  { name: "FL_IS_COMPRESSED", status: "n/a", service: "stages" },
  { name: "FL_IS_DOCUMENT", status: "n/a", service: "stages" },
  { name: "FL_IS_IMAGE", status: "n/a", service: "stages" },
  { name: "FL_IS_VIDEO", status: "n/a", service: "stages" },
  { name: "GET_ABSOLUTE_PATH", status: "n/a", service: "stages" },
  { name: "GET_PRESIGNED_URL", status: "n/a", service: "stages" },
  { name: "GET_RELATIVE_PATH", status: "n/a", service: "stages" },
  { name: "GET_STAGE_LOCATION", status: "n/a", service: "stages" },
  { name: "TO_FILE", status: "n/a", service: "stages" },
  { name: "TRY_TO_FILE", status: "n/a", service: "stages" },
]);
