/**
 * The shape of a view test file (`views/<SCHEMA>/<VIEW>.test.yaml`), checked with zod. Positions
 * are not part of the schema: the loader maps each zod issue's path back to its YAML node's line.
 */
import { z } from "zod";

/** A cell as written in YAML: strings compare exactly, numbers numerically, null is NULL. */
export const cellSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null()], {
    error: "a value must be a string, a number, true/false or null (write dates as 2026-10-01)",
  })
  .meta({
    description:
      "A cell: numbers compare numerically as Snowflake displays them (10.5 matches 10.50), strings exactly, null only NULL; dates as 2026-10-01.",
  });

/** One row: column name -> value. */
export const rowSchema = z
  .record(z.string(), cellSchema, {
    error: "a row must be a map of column: value, e.g. { TENANT_ID: acme, AMOUNT_EUR: 10.5 }",
  })
  .meta({ description: "A row: column name (unquoted names fold to upper case) -> value." });

export const testCaseSchema = z.strictObject({
  name: z
    .string({ error: "every test needs a name (a string)" })
    .min(1, "the name must not be empty")
    .meta({ description: "What the case shows; unique in the file." }),
  given: z
    .record(z.string(), z.array(rowSchema, { error: "a given table takes a list of rows" }), {
      error: "given must map table names (SCHEMA.TABLE) to lists of rows",
    })
    .meta({
      description:
        "Rows per table (SCHEMA.TABLE or DB.SCHEMA.TABLE); tables not named here are empty. A column a row does not name is NULL.",
    })
    .optional(),
  as_role: z
    .string({ error: "as_role must be a role name" })
    .min(1)
    .meta({ description: "Run the SELECT as this role, so row access policies and grants apply." })
    .optional(),
  expect: z.strictObject(
    {
      order_by: z
        .array(z.string(), { error: "order_by must be a list of column names" })
        .min(1, "order_by must name at least one column")
        .meta({ description: "Select the view ORDER BY these columns and compare row by row (else as a multiset)." })
        .optional(),
      rows: z
        .array(rowSchema, { error: "expect.rows must be a list of rows (write [] for none)" })
        .meta({ description: "The rows the view returns; only the columns named here are compared. [] expects none." }),
    },
    { error: "every test needs expect: { rows: [...] }" },
  ),
});

export const testFileSchema = z.strictObject({
  tests: z
    .array(testCaseSchema, { error: "the file must have a list under tests:" })
    .min(1, "tests: must list at least one test")
    .meta({ description: "The test cases of the view beside this file (views/<SCHEMA>/<VIEW>.sql)." }),
});

/**
 * The JSON schema of a test file, for editors (`# yaml-language-server: $schema=…`) and other tools;
 * shipped as schemas/view-test.schema.json (`npm run schemas` writes it). It describes the file as
 * rendered: Handlebars expressions are replaced before the file is read.
 */
export function viewTestJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "mercurios view test file (views/<SCHEMA>/<VIEW>.test.yaml)",
    description:
      "Given rows in, expected rows out, for the view beside the file. `mercurios views test` runs them; see docs/guide/view-tests.md.",
    ...z.toJSONSchema(testFileSchema, { io: "input", target: "draft-2020-12" }),
  };
}

export type TestFileInput = z.infer<typeof testFileSchema>;
