/**
 * Written declaration modules are printed the way Biome formats them with this repository's
 * biome.json: the real Biome formats each printed module and must change nothing. Cases sweep the
 * line-width boundary (strings, arrays and nested objects of every length around 110 columns, under
 * short and long keys), quoting, multi-line SQL, and the writer's own output.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatValue,
  printString,
  type WrittenDeclaration,
  writeModule,
  writeProject,
} from "../../src/model/index.js";
import { repoRoot } from "../cli/run.js";
import { desiredFrom, sampleInput } from "../diff/helpers.js";

const biome = path.join(repoRoot, "node_modules", ".bin", "biome");

/** Biome's formatting of a TypeScript module (the repository's biome.json). */
function biomeFormat(source: string): string {
  const run = spawnSync(biome, ["format", "--config-path", repoRoot, "--stdin-file-path=module.ts"], {
    input: source,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`biome failed: ${run.stderr}`);
  return run.stdout;
}

const role = (value: Record<string, unknown>): WrittenDeclaration => ({
  folder: "roles",
  helper: "defineRole",
  value,
});

describe("TypeScript printing", () => {
  it("prints what Biome leaves unchanged, across the line-width boundary", () => {
    const declarations: WrittenDeclaration[] = [];
    for (let length = 90; length <= 116; length++) {
      const text = "x".repeat(length);
      declarations.push(
        role({
          name: `R${length}`,
          comment: text.slice(0, length - 12),
          body: text.slice(0, length - 8),
          as: text.slice(0, length - 8),
          email: text.slice(0, length - 10),
          identifier: text.slice(0, length - 14),
          parents: Array.from({ length: Math.ceil(length / 12) }, (_, i) => `PARENT_${i}`),
          grants: [
            { privileges: ["USAGE"], on: "WAREHOUSE", name: `W_${text.slice(0, length - 60)}` },
            { privileges: ["SELECT", "INSERT"], on: "TABLE", name: `DB.S.${text.slice(0, length - 70)}` },
          ],
          futureGrants: [
            { privileges: ["SELECT"], on: "TABLES", in: "SCHEMA", name: `DB.${text.slice(0, length - 50)}` },
          ],
          nested: { inner: { deeper: [text.slice(0, length - 40)], empty: [], none: {} } },
          single: [{ percent: length, action: "NOTIFY", note: text.slice(0, length - 70) }],
          pairs: [
            [1, 2],
            [3, 4],
          ],
        }),
      );
    }
    const source = writeModule(declarations);
    expect(biomeFormat(source)).toBe(source);
  });

  it("quotes as Biome does and keeps multi-line SQL in template literals", () => {
    const source = writeModule([
      role({
        name: '"Mixed Case"',
        comment: 'it\'s "quoted" twice',
        other: "it's",
        both: `a "b" 'c' "d"`,
        escapes: "tab\there, backslash \\ and \u0001",
        unicode: "Sportwelt München 東京 ✓",
        "odd key": 1,
        valid_key: 2,
        numbers: [0, -1, 2.5],
        flags: [true, false, null],
        // A `${` in SQL is text, not a placeholder, once written into a template literal.
        as: "SELECT `x`, '$" + "{not a placeholder}', 'a\\b'\nFROM t\n  WHERE a = 1",
      }),
      {
        folder: "monitors",
        helper: "defineTask",
        value: { schema: "ADMIN", name: "T", as: "select 1\nfrom dual", when: null },
      },
      { folder: "roles", helper: "defineUser", value: { name: "U" } },
      { folder: "roles", helper: "defineRowAccessPolicy", value: { name: "P" } },
      { folder: "monitors", helper: "defineMonitor", value: { name: "M", warehouses: [] } },
      { folder: "monitors", helper: "defineWarehouse", value: { name: "W" } },
    ]);
    expect(biomeFormat(source)).toBe(source);
    // The import line lists six helpers: too long for one line, so it is broken as Biome breaks it.
    expect(source.startsWith("import {\n  defineMonitor,\n")).toBe(true);
    expect(printString('"Mixed Case"')).toBe(`'"Mixed Case"'`);
    expect(printString("it's")).toBe('"it\'s"');
  });

  it("prints the writer's own files unchanged by Biome", () => {
    const written = writeProject([...desiredFrom(sampleInput).objects.values()], { db: "MERCURIOS_DATA" });
    const modules = written.files.filter((f) => f.path.endsWith(".ts"));
    expect(modules.length).toBeGreaterThan(1);
    for (const file of modules) expect(biomeFormat(file.text)).toBe(file.text);
  });

  it("keeps short nested values on one line and names exports after their objects", () => {
    expect(formatValue({ a: [{ env: "KEY" }], b: { c: 1 } })).toBe(
      '{\n  a: [{ env: "KEY" }],\n  b: { c: 1 },\n}',
    );
    const source = writeModule([role({ name: "MERCURIOS_ADMIN" }), role({ name: "DEFAULT" })]);
    expect(source).toContain("export const mercuriosAdmin = defineRole({");
    // A name that is a reserved word gets the kind in front.
    expect(source).toContain("export const roleDefault = defineRole({");
  });
});
