/**
 * The declaration helpers' types catch a misspelt key at any depth, also inside the function form
 * (`defineRole(({ database }) => ({ … }))`), where TypeScript itself does not check excess keys.
 * Compiles test/declarations/types/*.ts with the TypeScript compiler (nothing runs).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const dir = path.join(import.meta.dirname, "types");
const files = ["misspelt.ts", "correct.ts"].map((f) => path.join(dir, f));

function diagnostics(): { file: string; line: number; message: string }[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: ["node"],
    noEmit: true,
  });
  return files.flatMap((file) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ({
      file: path.basename(d.file?.fileName ?? "?"),
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    })),
  );
}

describe("declaration types", () => {
  it("tsc reports each misspelt key, in the literal and the function form, and nothing in correct declarations", () => {
    const marked = readFileSync(files[0]!, "utf8")
      .split("\n")
      .flatMap((text, i) => (text.endsWith("// error") ? [i + 1] : []));
    expect(marked.length).toBe(7);
    const found = diagnostics();
    expect(found.filter((d) => d.file === "correct.ts")).toEqual([]);
    const misspelt = found.filter((d) => d.file === "misspelt.ts");
    expect([...new Set(misspelt.map((d) => d.line))]).toEqual(marked);
    // The misspelt key is what fails: it is typed `never`.
    for (const d of misspelt) expect(d.message).toMatch(/never/);
  }, 180_000);
});
