/** Small helpers of `views test`: putting a table's rows back after a case, and error messages. */
import type { Driver, QueryResult } from "../../driver/types.js";
import { formatLocation, MercuriosError } from "../../errors/index.js";
import { quoteIdentifier } from "../../model/index.js";
import { sqlString } from "../../template/index.js";

/** Puts back the rows a test case replaced (one batch: TRUNCATE, then INSERT of the saved rows). */
export async function restore(driver: Driver, key: string, rows: QueryResult): Promise<void> {
  const statements = [`TRUNCATE TABLE ${key}`];
  if (rows.rows.length > 0) {
    const columns = rows.columns.map((c) => quoteIdentifier(c.name)).join(", ");
    const values = rows.rows.map((r) => `(${r.map((v) => (v === null ? "NULL" : sqlString(v))).join(", ")})`);
    statements.push(`INSERT INTO ${key} (${columns}) VALUES ${values.join(", ")}`);
  }
  await driver.executeBatch(statements, { queryTag: "mercurios/views-test" });
}

/** The error's message, after its file:line when it points into the project (a view's SQL). */
export function messageOf(error: unknown): string {
  if (error instanceof MercuriosError) {
    const where = error.location?.file
      ? formatLocation({
          file: error.location.file,
          ...(error.location.line ? { line: error.location.line } : {}),
        })
      : "";
    return where ? `${where}: ${error.message}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
