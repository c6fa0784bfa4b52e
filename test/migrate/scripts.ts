/** Helpers shared by the concurrency and crash tests. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { openLocalDriver } from "../../src/driver/local.js";
import { openEngine } from "../../src/engine/index.js";

/** Reads rows from an engine file once no process holds it. */
export async function readEngine(file: string, sql: string): Promise<(string | null)[][]> {
  const engine = await openEngine({ path: file });
  const driver = await openLocalDriver(engine, { ownsEngine: true });
  try {
    return (await driver.execute(sql)).rows;
  } finally {
    await driver.close();
  }
}

/** Scripts the concurrency and crash tests add: each logs itself once per application. */
export async function addScripts(root: string, from: number, count: number): Promise<void> {
  for (let v = from; v < from + count; v++) {
    await writeFile(
      path.join(root, `migrations/RAW/V${v}__step.sql`),
      `CREATE TABLE STEP_${v} (X NUMBER);\nINSERT INTO APPLY_LOG VALUES ('RAW/V${v}', 'a');\nINSERT INTO STEP_${v} VALUES (${v});\n`,
    );
  }
}

/** Every versioned script logged exactly once; always-script rows match the runs that recorded them. */
export async function expectEachOnce(file: string, versions: number): Promise<void> {
  const counts = await readEngine(
    file,
    "SELECT SCRIPT, COUNT(*) FROM SHOP.RAW.APPLY_LOG WHERE SCRIPT <> 'A__loader_check' GROUP BY SCRIPT ORDER BY SCRIPT",
  );
  expect(counts).toHaveLength(versions);
  expect(
    counts.filter(([, n]) => n !== "1"),
    "scripts applied more than once",
  ).toEqual([]);
  const history = await readEngine(
    file,
    `SELECT "SCRIPT_KEY", COUNT(*) FROM "SHOP"."ADMIN"."MERCURIOS_CHANGE_HISTORY" WHERE "STATUS" = 'SUCCESS' AND "SCRIPT_TYPE" = 'V' GROUP BY 1 HAVING COUNT(*) > 1`,
  );
  expect(history).toEqual([]);
}
