/**
 * DESCRIBE TABLE … TYPE = STAGE: a table stage's file-format and copy-option properties with their
 * defaults (the DESCRIBE STAGE page's rows), and the values the table's STAGE_FILE_FORMAT /
 * STAGE_COPY_OPTIONS set.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Account, openAccount } from "./helpers.js";

let account: Account;
beforeEach(async () => {
  account = await openAccount();
  await account.run("create database d");
});
afterEach(async () => {
  await account.close();
});

it("lists the default properties of a table's stage, file format first", async () => {
  const t = await account.run("create table plain (x int)", "describe table plain type = stage");
  expect(t.columns).toEqual([
    "parent_property",
    "property",
    "property_type",
    "property_value",
    "property_default",
  ]);
  expect(t.rows).toHaveLength(29);
  expect(t.rows[0]).toEqual(["STAGE_FILE_FORMAT", "TYPE", "String", "CSV", "CSV"]);
  expect(t.rows.find((r) => r[1] === "NULL_IF")).toEqual([
    "STAGE_FILE_FORMAT",
    "NULL_IF",
    "List",
    "[\\\\N]",
    "[\\\\N]",
  ]);
  expect(t.rows.find((r) => r[1] === "ON_ERROR")).toEqual([
    "STAGE_COPY_OPTIONS",
    "ON_ERROR",
    "String",
    "ABORT_STATEMENT",
    "ABORT_STATEMENT",
  ]);
  // Without TYPE, or with TYPE = COLUMNS, DESCRIBE lists the columns.
  expect((await account.run("describe table plain type = columns")).rows.map((r) => r[0])).toEqual(["X"]);
});

it("shows the values STAGE_FILE_FORMAT and STAGE_COPY_OPTIONS set, beside the defaults", async () => {
  const t = await account.run(
    "create table loaded (x int) stage_file_format = (field_delimiter = '|' skip_header = 1 trim_space = TRUE null_if = ('NA', '')) stage_copy_options = (on_error = continue)",
    "describe table loaded type = stage",
  );
  const byName = Object.fromEntries(t.rows.map((r) => [r[1], [r[3], r[4]]]));
  expect(byName.FIELD_DELIMITER).toEqual(["|", ","]);
  expect(byName.SKIP_HEADER).toEqual(["1", "0"]);
  expect(byName.TRIM_SPACE).toEqual(["true", "false"]);
  expect(byName.NULL_IF).toEqual(["[NA, ]", "[\\\\N]"]);
  expect(byName.ON_ERROR).toEqual(["CONTINUE", "ABORT_STATEMENT"]);
  expect(byName.TYPE).toEqual(["CSV", "CSV"]);
});
