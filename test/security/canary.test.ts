/**
 * A secret canary through every command that could print it. The value is a template var marked
 * secret (read from an environment variable), used in a migration (as a string, as an unquoted
 * identifier the engine upper-cases in its error, as a quoted identifier) and in a declaration (a
 * role's comment). It must appear, in no letter case, in no stdout, stderr, file under .mercurios/
 * (besides the engine's own file, where the role comment is data) nor row of the change history or
 * QUERY_HISTORY.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { type CliRun, runCli } from "../cli/run.js";

const CANARY = "CanaryPw_7f3a9Q";
/** Every form in which the value could come back: as written, upper-cased, lower-cased. */
const FORMS = [CANARY, CANARY.toUpperCase(), CANARY.toLowerCase()];
const scratch = mkdtempSync(path.join(tmpdir(), "mercurios-canary-"));
const root = path.join(scratch, "shop");
const env = { MERCURIOS_CANARY_SECRET: CANARY };

/** Rows as text (BigInt cells included). */
const asText = (rows: unknown) => JSON.stringify(rows, (_key, v) => (typeof v === "bigint" ? String(v) : v));

function leaks(text: string): string[] {
  return FORMS.filter((form) => text.includes(form));
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe("a secret canary", () => {
  it("appears in no output, no file under .mercurios/ and no history row", async () => {
    expect((await runCli(["init", "shop"], { cwd: scratch })).code).toBe(0);
    writeFileSync(
      path.join(root, "mercurios.config.ts"),
      `import { defineConfig } from "mercurios";
export default defineConfig({
  database: "SHOP",
  schemas: ["RAW", "ANALYTICS", "ADMIN"],
  vars: { canary: { env: "MERCURIOS_CANARY_SECRET", secret: true } },
  environments: { local: { kind: "local" } },
});
`,
    );
    writeFileSync(
      path.join(root, "migrations/RAW/V2__canary.sql"),
      [
        "CREATE TABLE IF NOT EXISTS CANARY_T (V VARCHAR);",
        "SELECT '{{canary}}' AS QUOTED, V FROM CANARY_T;",
        'SELECT V AS "{{canary}}" FROM CANARY_T;',
        // Fails: the engine upper-cases an unquoted name in its error (and the history records it).
        "SELECT {{canary}} FROM CANARY_T;",
      ].join("\n"),
    );
    writeFileSync(
      path.join(root, "roles/canary.ts"),
      `import { defineRole } from "mercurios";
export const canary = defineRole(({ vars }) => ({ name: "CANARY_ROLE", comment: \`pw \${String(vars.canary)}\` }));
`,
    );
    const runs: { command: string; run: CliRun }[] = [];
    const cli = async (...args: string[]) => {
      const run = await runCli(args, { cwd: root, env });
      runs.push({ command: args.join(" "), run });
      return run;
    };

    await cli("render", "migrations/RAW/V2__canary.sql");
    await cli("--format", "json", "render", "migrations/RAW/V2__canary.sql");
    await cli("plan");
    await cli("--format", "json", "plan");
    await cli("migrate", "up", "--dry-run");
    const up = await cli("up", "--yes");
    expect(up.code, up.stderr).toBe(1); // the failing statement stops the migration
    await cli("migrate", "status");
    await cli("--format", "json", "migrate", "status");
    await cli("--format", "json", "migrate", "up");
    // The failing statement fixed, the rest of the project applies (the role with its comment).
    writeFileSync(
      path.join(root, "migrations/RAW/V2__canary.sql"),
      "CREATE TABLE IF NOT EXISTS CANARY_T (V VARCHAR);\nSELECT '{{canary}}' AS QUOTED, V FROM CANARY_T;\n",
    );
    await cli("migrate", "repair");
    const second = await cli("up", "--yes");
    expect(second.code, second.stderr).toBe(0);
    await cli("drift");
    await cli("--format", "json", "drift");
    await cli("apply", "--yes");
    await cli("sql", `SELECT ${CANARY} FROM SHOP.RAW.CANARY_T`);
    await cli("sql", `SELECT "${CANARY}" FROM SHOP.RAW.CANARY_T`);
    await cli("sql", `SELECT * FROM SHOP.RAW.${CANARY.toLowerCase()}`);
    await cli(
      "--format",
      "json",
      "sql",
      "SELECT QUERY_TEXT, ERROR_MESSAGE FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY",
    );
    await cli("--format", "json", "sql", "SELECT * FROM SHOP.ADMIN.MERCURIOS_CHANGE_HISTORY");

    const printed = runs.flatMap(({ command, run }) =>
      leaks(`${run.stdout}\n${run.stderr}`).map((form) => `${command} printed ${form}`),
    );
    expect(printed).toEqual([]);
    // The commands that must succeed did (an early failure would print nothing, and prove nothing).
    const codeOf = (command: string) => runs.find((r) => r.command === command)?.run.code;
    expect({
      render: codeOf("render migrations/RAW/V2__canary.sql"),
      drift: codeOf("drift"),
      apply: codeOf("apply --yes"),
      history: codeOf("--format json sql SELECT * FROM SHOP.ADMIN.MERCURIOS_CHANGE_HISTORY"),
    }).toEqual({ render: 0, drift: 0, apply: 0, history: 0 });

    // The history rows and QUERY_HISTORY, read from the engine file directly (no CLI masking).
    const engine = await openEngine({ path: path.join(root, ".mercurios/local.duckdb") });
    try {
      const session = await engine.openSession();
      const history = await session.execute("SELECT * FROM SHOP.ADMIN.MERCURIOS_CHANGE_HISTORY");
      const queries = await session.execute(
        "SELECT QUERY_TEXT, ERROR_MESSAGE FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY",
      );
      expect(history.rows.length).toBeGreaterThan(0);
      expect(leaks(asText(history.rows))).toEqual([]);
      expect(leaks(asText(queries.rows))).toEqual([]);
    } finally {
      await engine.close();
    }
    // The role's comment holds the value as data (the declaration put it there; Snowflake stores it
    // too), so the engine file itself is checked through its history tables above; every other file
    // the toolkit writes under .mercurios/ is checked byte for byte.
    const written = filesUnder(path.join(root, ".mercurios")).filter((f) => !/\.duckdb(\.wal)?$/.test(f));
    for (const file of written) expect(leaks(readFileSync(file, "latin1")), file).toEqual([]);
  }, 900_000);
});
