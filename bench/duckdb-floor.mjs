// The floor under any `mercurios sql`: Node loads @duckdb/node-api, opens the engine file given as the
// first argument (when there is one) and runs `select 1`, with none of Mercurios's code. Used by
// bench/sql-cold-start.ts to show how much of a cold start is DuckDB's own.
import { DuckDBInstance } from "@duckdb/node-api";

const file = process.argv[2];
if (file) {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.runAndReadAll("select 1");
  connection.closeSync();
  instance.closeSync();
}
