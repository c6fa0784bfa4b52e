/**
 * `mercurios sql` on an engine file held by `mercurios local serve` sends its statements to the holder
 * (docs/decisions/019): the same stdout, stderr and exit code as a direct run on the same file, without
 * loading DuckDB, the engine or the transpiler; a stale or untrusted discovery file is ignored; the
 * holder's endpoint refuses a wrong token and any field that would change the session's user or role.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/engine/index.js";
import { binPath, type CliRun, runCli } from "./run.js";

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-sql-route-"));
const engine = path.join(dir, "held.duckdb");
const discovery = `${engine}.endpoint`;
const recorder = path.join(import.meta.dirname, "record-modules.mjs");

/** The lines a user runs, each once directly and once routed: formats, errors, exit codes, the session. */
const CASES: { name: string; args: string[] }[] = [
  { name: "table", args: ["select a, b from d.public.t order by a nulls last"] },
  { name: "json", args: ["--format", "json", "select a, b from d.public.t order by a nulls last"] },
  { name: "csv", args: ["--format", "csv", "select a, b, null as c from d.public.t order by a"] },
  { name: "failing statement (table)", args: ["select 1 as n; select * from d.public.nope; select 2"] },
  { name: "failing statement (json)", args: ["--format", "json", "select 1 as n; select nope()"] },
  { name: "unclosed string (thrown error)", args: ["select 'never closed"] },
  { name: "only comments", args: ["-- nothing here"] },
  {
    name: "user, role, database and schema",
    args: ["select current_user() u, current_role() r, current_database() d, current_schema() s"],
  },
  { name: "session state does not leak", args: ["select $LEAK as v"] },
];

const sql = (args: string[], options: Parameters<typeof runCli>[1] = {}) =>
  runCli(["sql", "--local-db", engine, ...args], { cwd: dir, ...options });

let holder: ChildProcess | undefined;
const direct = new Map<string, CliRun>();

/** Starts `mercurios local serve` on the engine file; resolves once it prints its address. */
function startHolder(
  args = ["--local-db", engine],
  cwd = dir,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [binPath, "local", "serve", "--port", "0", ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("listening on")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`local serve exited ${code}: ${out}`)));
  });
}

function stopHolder(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

beforeAll(async () => {
  const setup = await sql([
    "create database d; create table d.public.t (a number(10,2), b varchar); insert into d.public.t values (1.5, 'x,y'), (null, 'q\"r'), (-2, 'multi\nline')",
  ]);
  expect(setup.stderr).toBe("");
  for (const c of CASES) direct.set(c.name, await sql(c.args));
  holder = await startHolder();
}, 300_000);

afterAll(async () => {
  if (holder) await stopHolder(holder);
  rmSync(dir, { recursive: true, force: true });
});

describe("mercurios sql routed to the engine file's holder", () => {
  it("prints what a direct run prints, with its exit code, for every format and error", async () => {
    expect(existsSync(discovery)).toBe(true);
    // While the holder runs, a direct run could not open the file (it would say who holds it), so
    // these runs are routed. A variable set by one routed run is not seen by the next (fresh session).
    expect((await sql(["set LEAK = 'from another session'"])).code).toBe(0);
    for (const c of CASES) {
      const routed = await sql(c.args);
      const expected = direct.get(c.name)!;
      expect({ case: c.name, ...routed }).toEqual({ case: c.name, ...expected });
    }
    // The cases cover both exit codes and both streams.
    const codes = new Set([...direct.values()].map((r) => r.code));
    expect(codes).toEqual(new Set([0, 1]));
    expect(direct.get("table")!.stdout).toContain("| x,y");
    expect(direct.get("failing statement (table)")!.stderr).toContain("does not exist");
    expect(direct.get("unclosed string (thrown error)")!.stderr).toContain("error[SQL_SYNTAX]");
  }, 300_000);

  it("loads neither DuckDB, nor the engine, nor the transpiler", async () => {
    const log = path.join(dir, "modules.log");
    const run = await sql(["--format", "json", "select 1 + 1 as two"], {
      nodeArgs: ["--import", recorder],
      env: { MERCURIOS_MODULE_LOG: log },
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toMatchObject({ columns: ["TWO"], rows: [["2"]] });
    const modules = readFileSync(log, "utf8").split("\n").filter(Boolean);
    // The recorder sees the CLI's own modules: the checks below are not vacuous.
    expect(modules.some((m) => m.includes("/dist/cli/commands/sql.js"))).toBe(true);
    expect(modules.filter((m) => m.includes("node_modules/@duckdb/"))).toEqual([]);
    expect(modules.filter((m) => m.includes("/dist/engine/"))).toEqual([]);
    expect(modules.filter((m) => m.includes("node_modules/@polyglot-sql/"))).toEqual([]);
  }, 120_000);

  it("publishes a discovery file only its owner can read, and refuses a wrong token", async () => {
    const { mode } = (await import("node:fs")).statSync(discovery);
    expect(mode & 0o777).toBe(0o600);
    const note = JSON.parse(readFileSync(discovery, "utf8")) as { port: number; token: string; pid: number };
    expect(note.pid).toBe(holder!.pid);
    const url = `http://127.0.0.1:${note.port}/mercurios/sql`;
    const body = JSON.stringify({ sql: "select 1", format: "json", secrets: [] });
    for (const token of ["", "wrong", note.token.slice(0, -1)]) {
      const reply = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
      expect(reply.status).toBe(401);
      expect(await reply.text()).not.toContain(note.token);
    }
    const good = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${note.token}` },
      body,
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ exitCode: 0 });
  }, 60_000);

  it("gives no way to choose the session's user, role, database or schema", async () => {
    const note = JSON.parse(readFileSync(discovery, "utf8")) as { port: number; token: string };
    const url = `http://127.0.0.1:${note.port}/mercurios/sql`;
    const headers = { authorization: `Bearer ${note.token}` };
    for (const extra of [
      { role: "ACCOUNTADMIN" },
      { user: "SOMEONE" },
      { database: "D" },
      { parameters: {} },
    ]) {
      const body = JSON.stringify({ sql: "select current_role()", format: "json", secrets: [], ...extra });
      const reply = await fetch(url, { method: "POST", headers, body });
      expect(reply.status).toBe(400);
    }
  }, 60_000);

  it("ignores a discovery file others could read or write, and falls back to opening the file", async () => {
    chmodSync(discovery, 0o644);
    try {
      const run = await sql(["select 1"]);
      // Not routed: the direct path finds the file held and says by whom.
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("LOCAL_ENGINE_IN_USE");
      expect(run.stderr).toContain("local serve");
    } finally {
      chmodSync(discovery, 0o600);
    }
  }, 120_000);

  it("removes its discovery file when it stops", async () => {
    await stopHolder(holder!);
    holder = undefined;
    expect(existsSync(discovery)).toBe(false);
    // Now nothing holds the file: a direct run answers again.
    const run = await sql(["--format", "json", "select 3 as n"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: [["3"]] });
  }, 120_000);
});

describe("a stale or broken discovery file", () => {
  const secretToken = "6f1e2d3c4b5a69788796a5b4c3d2e1f0".repeat(2);
  const other = path.join(dir, "stale.duckdb");

  it("is ignored when its process is gone, and its token never printed", async () => {
    const gone = spawn(process.execPath, ["-e", "0"]);
    const pid = gone.pid!;
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(`${other}.endpoint`, JSON.stringify({ version: 1, pid, port: 9, token: secretToken }), {
      mode: 0o600,
    });
    const run = await runCli(["sql", "--local-db", other, "--format", "json", "select 5 as n"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: [["5"]] });
  }, 120_000);

  it("is ignored when it cannot be read as one, and its content never printed", async () => {
    writeFileSync(`${other}.endpoint`, `{"pid": ${process.pid}, "token": "${secretToken}", "port": `, {
      mode: 0o600,
    });
    const run = await runCli(["sql", "--local-db", other, "select 6 as n"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("| 6 |");
    expect(`${run.stdout}${run.stderr}`).not.toContain(secretToken);
  }, 120_000);

  it("sends neither token nor statement to a port that cannot prove it knows the token", async () => {
    // Another process listening where a holder said it would (the holder died, someone took the port).
    const seen: { method: string; url: string; headers: string; body: string }[] = [];
    const impostor = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on("end", () => {
        seen.push({
          method: request.method ?? "",
          url: request.url ?? "",
          headers: JSON.stringify(request.headers),
          body,
        });
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ proof: "0".repeat(64), lines: [], exitCode: 0 }));
      });
    });
    await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
    try {
      const port = (impostor.address() as AddressInfo).port;
      const target = path.join(dir, "impostor.duckdb");
      // A live pid of this user (this test process), so only the proof can tell.
      writeFileSync(
        `${target}.endpoint`,
        JSON.stringify({ version: 1, pid: process.pid, port, token: secretToken }),
        { mode: 0o600 },
      );
      const statement = "select 7 as only_for_the_holder";
      const run = await runCli(["sql", "--local-db", target, statement], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("| 7 ");
      expect(seen.map((r) => r.method)).toEqual(["GET"]);
      expect(JSON.stringify(seen)).not.toContain(secretToken);
      expect(JSON.stringify(seen)).not.toContain("only_for_the_holder");
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  }, 120_000);
});

describe("the environment's secrets on a routed run", () => {
  it("are masked in the holder's QUERY_HISTORY and in what is printed, as on a direct run", async () => {
    const canary = "RoutedCanary_5d2e8K";
    const forms = [canary, canary.toUpperCase(), canary.toLowerCase()];
    const project = path.join(dir, "project");
    mkdirSync(project);
    writeFileSync(
      path.join(project, "mercurios.config.ts"),
      `import { defineConfig } from "mercurios";
export default defineConfig({
  database: "SHOP",
  schemas: ["RAW"],
  vars: { canary: { env: "ROUTED_CANARY", secret: true } },
  environments: { local: { kind: "local", localDb: ".mercurios/routed.duckdb" } },
});
`,
    );
    const env = { ROUTED_CANARY: canary };
    // The holder is started without the secret: only the routed request can tell it what to mask.
    const served = await startHolder([], project);
    let printed = "";
    try {
      expect(existsSync(path.join(project, ".mercurios/routed.duckdb.endpoint"))).toBe(true);
      for (const statement of [`select '${canary}' as v`, `select ${canary} from nowhere`]) {
        const run = await runCli(["sql", statement], { cwd: project, env });
        printed += `${run.stdout}${run.stderr}`;
      }
      // Routed (the holder holds the file), and the values were there to mask.
      expect(printed).toContain("| V ");
      expect(printed).toContain("Error in statement 1");
    } finally {
      await stopHolder(served);
    }
    expect(forms.filter((form) => printed.includes(form))).toEqual([]);
    const opened = await openEngine({ path: path.join(project, ".mercurios/routed.duckdb") });
    try {
      const session = await opened.openSession();
      const history = await session.execute(
        "SELECT QUERY_TEXT, ERROR_MESSAGE FROM SNOWFLAKE.ACCOUNT_USAGE.QUERY_HISTORY",
      );
      const text = JSON.stringify(history.rows, (_key, v) => (typeof v === "bigint" ? String(v) : v));
      expect(text).toContain("as v");
      expect(forms.filter((form) => text.includes(form))).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 180_000);
});
