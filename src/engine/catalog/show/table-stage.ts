/**
 * DESCRIBE TABLE … TYPE = STAGE: the properties of a table's stage, in the rows and order of the
 * DESCRIBE STAGE page (file format, then copy options), each with Snowflake's default and the value
 * the table's STAGE_FILE_FORMAT / STAGE_COPY_OPTIONS set. A table stage is internal and has no
 * location, credentials or directory table, so those groups are not listed. The file-format rows are
 * CSV's (the default TYPE); a table stage set to another TYPE still lists them.
 */
import { type CatalogResult, columns } from "../results.js";

type Group = "STAGE_FILE_FORMAT" | "STAGE_COPY_OPTIONS";

/** [group, property, type, default], as the DESCRIBE STAGE page lists them. */
const PROPERTIES: readonly (readonly [Group, string, string, string])[] = [
  ["STAGE_FILE_FORMAT", "TYPE", "String", "CSV"],
  ["STAGE_FILE_FORMAT", "RECORD_DELIMITER", "String", "\\n"],
  ["STAGE_FILE_FORMAT", "FIELD_DELIMITER", "String", ","],
  ["STAGE_FILE_FORMAT", "FILE_EXTENSION", "String", ""],
  ["STAGE_FILE_FORMAT", "SKIP_HEADER", "Integer", "0"],
  ["STAGE_FILE_FORMAT", "DATE_FORMAT", "String", "AUTO"],
  ["STAGE_FILE_FORMAT", "TIME_FORMAT", "String", "AUTO"],
  ["STAGE_FILE_FORMAT", "TIMESTAMP_FORMAT", "String", "AUTO"],
  ["STAGE_FILE_FORMAT", "BINARY_FORMAT", "String", "HEX"],
  ["STAGE_FILE_FORMAT", "ESCAPE", "String", "NONE"],
  ["STAGE_FILE_FORMAT", "ESCAPE_UNENCLOSED_FIELD", "String", "\\\\"],
  ["STAGE_FILE_FORMAT", "TRIM_SPACE", "Boolean", "false"],
  ["STAGE_FILE_FORMAT", "FIELD_OPTIONALLY_ENCLOSED_BY", "String", "NONE"],
  ["STAGE_FILE_FORMAT", "NULL_IF", "List", "[\\\\N]"],
  ["STAGE_FILE_FORMAT", "COMPRESSION", "String", "AUTO"],
  ["STAGE_FILE_FORMAT", "ERROR_ON_COLUMN_COUNT_MISMATCH", "Boolean", "true"],
  ["STAGE_FILE_FORMAT", "VALIDATE_UTF8", "Boolean", "true"],
  ["STAGE_FILE_FORMAT", "SKIP_BLANK_LINES", "Boolean", "false"],
  ["STAGE_FILE_FORMAT", "REPLACE_INVALID_CHARACTERS", "Boolean", "false"],
  ["STAGE_FILE_FORMAT", "EMPTY_FIELD_AS_NULL", "Boolean", "true"],
  ["STAGE_FILE_FORMAT", "SKIP_BYTE_ORDER_MARK", "Boolean", "true"],
  ["STAGE_FILE_FORMAT", "ENCODING", "String", "UTF8"],
  ["STAGE_COPY_OPTIONS", "ON_ERROR", "String", "ABORT_STATEMENT"],
  ["STAGE_COPY_OPTIONS", "SIZE_LIMIT", "Long", ""],
  ["STAGE_COPY_OPTIONS", "PURGE", "Boolean", "false"],
  ["STAGE_COPY_OPTIONS", "RETURN_FAILED_ONLY", "Boolean", "false"],
  ["STAGE_COPY_OPTIONS", "ENFORCE_LENGTH", "Boolean", "true"],
  ["STAGE_COPY_OPTIONS", "TRUNCATECOLUMNS", "Boolean", "false"],
  ["STAGE_COPY_OPTIONS", "FORCE", "Boolean", "false"],
];

/** A set value as DESCRIBE prints it: booleans in lower case, the rest as recorded. */
function shown(type: string, value: string): string {
  return type === "Boolean" ? value.toLowerCase() : value;
}

export function tableStageResult(options: {
  fileFormat: Record<string, string>;
  copyOptions: Record<string, string>;
}): CatalogResult {
  return {
    kind: "DESCRIBE",
    columns: columns([
      "parent_property:t",
      "property:t",
      "property_type:t",
      "property_value:t",
      "property_default:t",
    ]),
    rows: PROPERTIES.map(([group, property, type, fallback]) => {
      const set = (group === "STAGE_FILE_FORMAT" ? options.fileFormat : options.copyOptions)[property];
      return [group, property, type, set === undefined ? fallback : shown(type, set), fallback];
    }),
  };
}
