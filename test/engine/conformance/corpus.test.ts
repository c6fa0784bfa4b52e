import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  INVENTORY,
  lookupFunction,
  SERVICES,
} from "../../../src/engine/functions/inventory/index.js";
import { caseCategories, loadCaseFiles } from "./cases.js";
import { entryKey, isInventoryCategory, STATEMENT_AREAS } from "./coverage.js";

/** The corpus and the inventory keep their shape: what the suites and the report rely on. */
describe("conformance corpus layout", () => {
  const files = loadCaseFiles();

  it("every case directory is an inventory category or a statement area, and has its suite", () => {
    for (const category of caseCategories()) {
      expect(
        isInventoryCategory(category) || (STATEMENT_AREAS as readonly string[]).includes(category),
        `cases/${category}`,
      ).toBe(true);
      expect(
        existsSync(join(import.meta.dirname, "suites", `${category}.test.ts`)),
        `suites/${category}.test.ts`,
      ).toBe(true);
    }
  });

  it("every case has a unique id, cites a Snowflake documentation page and has a query", () => {
    const seen = new Set<string>();
    for (const file of files) {
      for (const c of file.cases) {
        const where = `${file.file}#${c.id}`;
        expect(seen.has(`${file.category}/${c.id}`), `duplicate id ${where}`).toBe(false);
        seen.add(`${file.category}/${c.id}`);
        expect(c.source, where).toMatch(/^https:\/\/docs\.snowflake\.com\/en\//);
        expect(typeof c.query === "string" && c.query.trim() !== "", where).toBe(true);
        expect(
          c.rows !== undefined || c.columns !== undefined || c.error !== undefined,
          `${where} compares nothing`,
        ).toBe(true);
      }
    }
  });

  it("every `functions:` name of a case is in the inventory", () => {
    for (const file of files) {
      for (const c of file.cases) {
        for (const written of c.functions ?? []) {
          const name = written.split("@")[0] as string;
          const known =
            INVENTORY.some(
              (e) =>
                e.name === name.toUpperCase() || e.name === name || e.aliases?.includes(name.toUpperCase()),
            ) || lookupFunction(name).length > 0;
          expect(known, `${file.file}#${c.id}: ${written}`).toBe(true);
        }
      }
    }
  });
});

describe("function inventory", () => {
  it("lists each function once per page, in a known category, with an n/a service", () => {
    const keys = new Set<string>();
    for (const entry of INVENTORY) {
      expect(keys.has(entryKey(entry)), `duplicate ${entryKey(entry)}`).toBe(false);
      keys.add(entryKey(entry));
      expect(Object.hasOwn(CATEGORIES, entry.category), entry.name).toBe(true);
      if (entry.status === "n/a")
        expect(entry.service !== undefined && Object.hasOwn(SERVICES, entry.service), entry.name).toBe(true);
      expect(entry.name, entry.name).toBe(entry.name.toUpperCase());
    }
  });

  it("has every function of functions-all (spot checks across categories)", () => {
    // Independent of the modules' order: names taken from Snowflake's alphabetical index.
    for (const name of [
      "ABS",
      "TO_DECIMAL",
      "TRY_TO_NUMBER",
      "SYSTEM$TYPEOF",
      "GENERATOR",
      "ZIPF",
      "XMLGET",
      "H3_GRID_DISK",
    ])
      expect(lookupFunction(name).length, name).toBeGreaterThan(0);
    expect(INVENTORY.length).toBeGreaterThan(1000);
  });
});
