/**
 * The persistent translation cache of file engines (src/engine/translation-store.ts): a statement
 * answered from it gives what translating it gives, a changed catalog is never answered from an old
 * entry, a broken or unwritable cache never fails a statement, and a statement carrying a secret
 * value is never written to it.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine, type EngineCore } from "../../src/engine/engine.js";
import {
  displayValue,
  type EngineSession,
  type SessionState,
  type StatementResult,
} from "../../src/engine/index.js";
import {
  decodeTranslation,
  encodeTranslation,
  translationsPath,
} from "../../src/engine/translation-store.js";
import { loadCaseFiles } from "./conformance/cases.js";

const dir = mkdtempSync(path.join(tmpdir(), "mercurios-translations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => path.join(dir, `engine-${files++}.duckdb`);

const open = (file: string) => createEngine({ path: file, persistentTranslations: true });
const store = (engine: EngineCore) => {
  if (!engine.translations) throw new Error("the engine keeps no translations");
  return engine.translations;
};

/** What a client sees of a result: column names, types and displayed rows. */
function seen(result: StatementResult) {
  return {
    columns: result.columns.map((c) => c.name),
    types: result.columns.map((c) => c.sqlType),
    rows: result.rows.map((row) => row.map((cell, i) => displayValue(cell, result.columns[i]!))),
  };
}

/**
 * A query's outcome, its rows sorted: a query without ORDER BY (a FLATTEN over an object, say) may
 * list its rows in another order from one run to the next, and that order is no part of what the
 * cache must keep.
 */
async function outcome(session: EngineSession, sql: string) {
  try {
    const result = seen(await session.execute(sql));
    return { ...result, rows: result.rows.map((row) => JSON.stringify(row)).sort() };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

// Values that change from one run to the next: their results cannot be compared across runs.
/** Queries whose answer changes from run to run (clocks, random values, rows sampled without a seed, …). */
const VOLATILE =
  /random|uuid|current_|localtime|sysdate|getdate|systimestamp|seq[1248]|randstr|uniform|normal\(|zipf|last_query_id|result_scan|query_history|now\(|\$\d|\b(?:table)?sample\b/i;

describe("the persistent translation cache", () => {
  it("answers a sample of the conformance corpus' queries, in a new engine, as translating them did", async () => {
    const all = loadCaseFiles().flatMap((f) => f.cases);
    // Queries on a database of their own, whose setup needs nothing but its session (RESULT_SCAN reads
    // the session's earlier queries, which a new engine's session does not have).
    const eligible = all.filter(
      (c) =>
        /^\s*(select|with)\b/i.test(c.query) &&
        !c.query.trim().replace(/;\s*$/, "").includes(";") &&
        c.isolation !== "engine" &&
        !/conformance|\buse\b|\bset\b|alter\s+session|\bgrant\b|\brole\b|\buser\b|warehouse|policy|result_scan/i.test(
          `${c.setup ?? ""}\n${c.query}`,
        ),
    );
    const step = Math.max(1, Math.floor(eligible.length / 80));
    const sample = eligible.filter((_, i) => i % step === 0);
    const file = newFile();

    // First engine: every setup first (all DDL done), then every query, translated and stored.
    const first = await open(file);
    const prepared: { sql: string; session: EngineSession }[] = [];
    const admin = await first.openSession();
    for (const [i, c] of sample.entries()) {
      await admin.execute(`CREATE DATABASE C${i}`);
      const session = await first.openSession({ database: `C${i}`, schema: "PUBLIC" });
      try {
        if (c.setup?.trim()) await session.executeScript(c.setup);
      } catch {
        continue;
      }
      prepared.push({ sql: c.query.trim().replace(/;\s*$/, ""), session });
    }
    const before: unknown[] = [];
    // The scope each query ran in (a setup's CREATE SCHEMA makes that schema current, as in Snowflake).
    const scopes: SessionState[] = [];
    // Whether the query's translation was written (one that fails to translate leaves nothing).
    const written: boolean[] = [];
    const folder = translationsPath(file);
    const count = () => (existsSync(folder) ? readdirSync(folder).length : 0);
    for (const p of prepared) {
      scopes.push(p.session.state());
      const entries = count();
      before.push(await outcome(p.session, p.sql));
      written.push(count() === entries + 1);
    }
    await first.close();

    // Second engine on the same file: each query whose translation was written comes from the folder.
    const second = await open(file);
    const after: unknown[] = [];
    const hits: boolean[] = [];
    for (const [i, p] of prepared.entries()) {
      const scope = scopes[i]!;
      const quoted = (name: string | null) => (name === null ? undefined : `"${name.replaceAll('"', '""')}"`);
      const session = await second.openSession({
        ...(scope.database === null ? {} : { database: quoted(scope.database) }),
        ...(scope.schema === null ? {} : { schema: quoted(scope.schema) }),
        parameters: scope.parameters,
      });
      const seenHits = store(second).hits;
      after.push(await outcome(session, p.sql));
      hits.push(store(second).hits === seenHits + 1);
      await session.close();
    }
    expect(prepared.length).toBeGreaterThanOrEqual(60);
    expect(written.filter(Boolean).length).toBeGreaterThanOrEqual(prepared.length * 0.8);
    expect(hits).toEqual(written);
    let compared = 0;
    for (const [i, p] of prepared.entries()) {
      if (VOLATILE.test(p.sql)) continue;
      compared++;
      expect({ sql: p.sql, outcome: after[i] }).toEqual({ sql: p.sql, outcome: before[i] });
    }
    expect(compared).toBeGreaterThanOrEqual(50);
    await second.close();
  }, 600_000);

  it("gives a changed table's new columns, not an entry translated before the change", async () => {
    const file = newFile();
    const first = await open(file);
    const s1 = await first.openSession();
    await s1.executeScript(
      "create database d; create table d.public.t (a number(10,2)); insert into d.public.t values (1.5);",
    );
    expect(seen(await s1.execute("select a / 4 as q, * from d.public.t")).rows).toEqual([
      ["0.37500000", "1.50"],
    ]);
    await first.close();

    const second = await open(file);
    // Where the first session was: CREATE DATABASE made D.PUBLIC current (the scope is in the key).
    const s2 = await second.openSession({ database: "D", schema: "PUBLIC" });
    await s2.execute("select a / 4 as q, * from d.public.t");
    expect(store(second).hits).toBe(1);
    // A new column and a new scale: division scale and `*` both read the catalog.
    await s2.execute("alter table d.public.t add column b varchar");
    const added = seen(await s2.execute("select a / 4 as q, * from d.public.t"));
    expect(added.columns).toEqual(["Q", "A", "B"]);
    expect(added.rows).toEqual([["0.37500000", "1.50", null]]);
    await s2.executeScript(
      "create or replace table d.public.t (a number(12,4)); insert into d.public.t values (1.5);",
    );
    const rescaled = seen(await s2.execute("select a / 4 as q, * from d.public.t"));
    expect(rescaled.columns).toEqual(["Q", "A"]);
    expect(rescaled.rows).toEqual([["0.3750000000", "1.5000"]]);
    expect(store(second).hits).toBe(1);
    await second.close();
  }, 120_000);

  it("keeps statements that carry a session's secret value out of the folder", async () => {
    const file = newFile();
    const secret = "Tr0ub4dor-and-3-horses";
    const engine = await open(file);
    const session = await engine.openSession({ secrets: [secret] });
    await session.execute(`select '${secret}' as token`);
    await session.execute("select 'plain text' as token");
    const folder = translationsPath(file);
    const entries = readdirSync(folder);
    expect(entries).toHaveLength(1);
    for (const entry of entries) {
      const text = readFileSync(path.join(folder, entry), "utf8");
      expect(text).toContain("plain text");
      expect(text).not.toContain(secret);
    }
    await engine.close();
  }, 120_000);

  it("translates again when entries are corrupt, and runs without a cache it cannot write", async () => {
    const file = newFile();
    const first = await open(file);
    const s1 = await first.openSession();
    const expected = seen(await s1.execute("select 40 + 2 as answer, 'x' || 'y' as text"));
    await first.close();
    const folder = translationsPath(file);
    for (const entry of readdirSync(folder))
      writeFileSync(path.join(folder, entry), '{"format": 1, "duckSql": ');

    const second = await open(file);
    const s2 = await second.openSession();
    expect(seen(await s2.execute("select 40 + 2 as answer, 'x' || 'y' as text"))).toEqual(expected);
    expect(store(second).hits).toBe(0);
    await second.close();

    // The folder's place taken by a file: nothing can be written there, every statement still runs.
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, "not a folder");
    const third = await open(file);
    const s3 = await third.openSession();
    expect(seen(await s3.execute("select 40 + 2 as answer, 'x' || 'y' as text"))).toEqual(expected);
    expect(seen(await s3.execute("select 7 as n")).rows).toEqual([["7"]]);
    await third.close();
    rmSync(folder, { force: true });

    // A folder this process may not read (unless it runs as root, which reads anyway).
    const fourth = await open(file);
    const s4 = await fourth.openSession();
    await s4.execute("select 7 as n");
    chmodSync(folder, 0o000);
    try {
      const fifth = await open(file);
      const s5 = await fifth.openSession();
      expect(seen(await s5.execute("select 7 as n")).rows).toEqual([["7"]]);
      await fifth.close();
    } finally {
      chmodSync(folder, 0o700);
    }
    await fourth.close();
  }, 120_000);

  it("stores a translation whose relations point into its own AST again after reading", async () => {
    const file = newFile();
    const engine = await open(file);
    const session = await engine.openSession();
    await session.executeScript(
      "create database d; create table d.public.t (a int); create table d.public.u (b int);",
    );
    await session.execute("select * from d.public.t join d.public.u on a = b");
    const folder = translationsPath(file);
    const [entry] = readdirSync(folder);
    const text = readFileSync(path.join(folder, entry!), "utf8");
    const back = decodeTranslation(text)!;
    expect(encodeTranslation(back)).toBe(text);
    expect(back.relations.map((r) => r.name.name)).toEqual(["T", "U"]);
    // The same objects as in the AST, as translation hands them to later steps.
    const inAst = (node: unknown) => JSON.stringify(back.ast).includes(JSON.stringify(node));
    for (const r of back.relations) expect(inAst(r.node)).toBe(true);
    const holders = new Set<unknown>();
    const walk = (node: unknown) => {
      if (typeof node !== "object" || node === null) return;
      holders.add(node);
      for (const child of Object.values(node)) walk(child);
    };
    walk(back.ast);
    for (const r of back.relations) {
      expect(holders.has(r.node)).toBe(true);
      if (r.holder !== null) expect(holders.has(r.holder)).toBe(true);
    }
    await engine.close();
  }, 120_000);

  it("keeps nothing for an in-memory engine", async () => {
    const engine = await createEngine({ path: ":memory:", persistentTranslations: true });
    expect(engine.translations).toBeUndefined();
    await engine.close();
  });
});
