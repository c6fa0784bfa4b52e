/**
 * Every command's `--help` ends with the formats it accepts, the global flags and examples of that
 * very command; the formats table (src/cli/formats.ts) lists exactly the commands there are.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { COMMAND_FORMATS } from "../../src/cli/formats.js";
import { commandPath, EXAMPLES, leafCommands } from "../../src/cli/help.js";
import { commands } from "../../src/cli/commands/index.js";
import { buildProgram, main } from "../../src/cli/main.js";

function capture(): { stream: Writable; text: () => string } {
  let text = "";
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}

const io = { stdout: capture().stream, stderr: capture().stream, env: {}, cwd: process.cwd() };
const paths = leafCommands(buildProgram(io, commands).program).map(commandPath);

describe("command help", () => {
  it("the formats table names every command that runs, and only those", () => {
    expect([...paths].sort()).toEqual(Object.keys(COMMAND_FORMATS).sort());
    expect(paths.length).toBeGreaterThanOrEqual(24);
  });

  it.each(paths)("mercurios %s --help: formats, global flags and examples of the command", async (path) => {
    const out = capture();
    const code = await main(["node", "mercurios", ...path.split(" "), "--help"], {
      ...io,
      stdout: out.stream,
    });
    expect(code).toBe(0);
    const help = out.text();
    const formats = (COMMAND_FORMATS as Record<string, readonly string[]>)[path]!;
    expect(help).toContain(`Formats: ${formats[0]} (default)`);
    for (const format of formats) expect(help).toContain(format);
    for (const flag of ["--env <name>", "--config <path>", "--format <format>", "--var <key=value>", "--local-db <path>", "--no-color", "--debug"])
      expect(help).toContain(flag);
    const examples = EXAMPLES[path as keyof typeof EXAMPLES];
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(example.startsWith(`mercurios ${path}`)).toBe(true);
      expect(help).toContain(`$ ${example}`);
    }
  });
});
