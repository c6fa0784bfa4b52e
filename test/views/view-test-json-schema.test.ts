/**
 * The JSON schema of view test files (schemas/view-test.schema.json, shipped in the package): it is
 * the loader's zod schema written out, a real validator (ajv, draft 2020-12) accepts every test file
 * of the repository and the init template, and it agrees with the loader on files that are wrong.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { testFileSchema, viewTestJsonSchema } from "../../src/project/view-tests/schema.js";
import { repoRoot } from "../cli/run.js";

const committed = JSON.parse(
  await readFile(path.join(repoRoot, "schemas", "view-test.schema.json"), "utf8"),
) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true }).compile(committed);

async function testFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") found.push(...(await testFiles(full)));
    else if (entry.name.endsWith(".test.yaml")) found.push(full);
  }
  return found;
}

/** The file as the loader reads it after rendering: each Handlebars expression stands for a word. */
const rendered = (text: string) => parse(text.replace(/\{\{[^}]*\}\}/g, "X")) as unknown;

describe("schemas/view-test.schema.json", () => {
  it("is the loader's zod schema, written out (npm run schemas rewrites it)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(viewTestJsonSchema())));
  });

  it("accepts every view test file of the repository and the init template", async () => {
    const files = [
      ...(await testFiles(path.join(repoRoot, "views"))),
      ...(await testFiles(path.join(repoRoot, "test", "fixtures", "projects"))),
      ...(await testFiles(path.join(repoRoot, "templates", "init"))),
    ];
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const document = rendered(await readFile(file, "utf8"));
      expect({ file: path.relative(repoRoot, file), errors: validate(document) ? null : validate.errors }).toEqual({
        file: path.relative(repoRoot, file),
        errors: null,
      });
    }
  });

  it("rejects what the loader rejects: misspelt keys, no expect, no tests, a cell that is a map", () => {
    const rows = [{ A: 1 }];
    const samples: { what: string; value: unknown; valid: boolean }[] = [
      { what: "a minimal file", value: { tests: [{ name: "n", expect: { rows: [] } }] }, valid: true },
      {
        what: "every key",
        value: { tests: [{ name: "n", given: { "RAW.T": rows }, as_role: "R", expect: { order_by: ["A"], rows } }] },
        valid: true,
      },
      { what: "oder_by", value: { tests: [{ name: "n", expect: { oder_by: ["A"], rows } }] }, valid: false },
      { what: "givn", value: { tests: [{ name: "n", givn: {}, expect: { rows } }] }, valid: false },
      { what: "no expect", value: { tests: [{ name: "n" }] }, valid: false },
      { what: "no tests", value: { tests: [] }, valid: false },
      { what: "a map as a cell", value: { tests: [{ name: "n", expect: { rows: [{ A: { b: 1 } }] } }] }, valid: false },
      { what: "an empty name", value: { tests: [{ name: "", expect: { rows } }] }, valid: false },
      { what: "a top-level typo", value: { test: [] }, valid: false },
    ];
    for (const sample of samples) {
      const verdicts = { what: sample.what, schema: validate(sample.value), loader: testFileSchema.safeParse(sample.value).success };
      expect(verdicts).toEqual({ what: sample.what, schema: sample.valid, loader: sample.valid });
    }
  });
});
