// Child of bench/transpiler-tiers.ts: loads the transpiler (with the V8 flags in TIERS_FLAGS set
// first, as src/engine/transpiler.ts does) and translates N distinct statements.
import { setFlagsFromString } from "node:v8";

if (process.env.TIERS_FLAGS) setFlagsFromString(process.env.TIERS_FLAGS);
const sdk = await import("@polyglot-sql/sdk");
const n = Number(process.argv[2] ?? 1);
for (let i = 0; i < n; i++) {
  const sql = `select a${i}, parse_json(v):k${i}::varchar, iff(x > ${i}, 1, 2) from t${i} join u using (k) where z like '%${i}' group by 1, 2 order by 3`;
  const result = sdk.transpile(sql, "snowflake", "duckdb");
  if (!result.success) throw new Error(`translation ${i} failed: ${JSON.stringify(result.error)}`);
}
