/**
 * The shape of a view test file (`views/<SCHEMA>/<VIEW>.test.yaml`), checked with zod. Positions
 * are not part of the schema: the loader maps each zod issue's path back to its YAML node's line.
 */
import { z } from "zod";

/** A cell as written in YAML: strings compare exactly, numbers numerically, null is NULL. */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: "a value must be a string, a number, true/false or null (write dates as 2026-10-01)",
});

/** One row: column name -> value. */
export const rowSchema = z.record(z.string(), cellSchema, {
  error: "a row must be a map of column: value, e.g. { TENANT_ID: acme, AMOUNT_EUR: 10.5 }",
});

export const testCaseSchema = z.strictObject({
  name: z.string({ error: "every test needs a name (a string)" }).min(1, "the name must not be empty"),
  given: z
    .record(z.string(), z.array(rowSchema, { error: "a given table takes a list of rows" }), {
      error: "given must map table names (SCHEMA.TABLE) to lists of rows",
    })
    .optional(),
  as_role: z.string({ error: "as_role must be a role name" }).min(1).optional(),
  expect: z.strictObject(
    {
      order_by: z
        .array(z.string(), { error: "order_by must be a list of column names" })
        .min(1, "order_by must name at least one column")
        .optional(),
      rows: z.array(rowSchema, { error: "expect.rows must be a list of rows (write [] for none)" }),
    },
    { error: "every test needs expect: { rows: [...] }" },
  ),
});

export const testFileSchema = z.strictObject({
  tests: z
    .array(testCaseSchema, { error: "the file must have a list under tests:" })
    .min(1, "tests: must list at least one test"),
});

export type TestFileInput = z.infer<typeof testFileSchema>;
