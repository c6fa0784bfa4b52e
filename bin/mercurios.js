#!/usr/bin/env node
// Entry point named by package.json "bin". Kept tiny: `--version` answers without loading the CLI,
// everything else loads the compiled CLI (built by `npm ci` through the "prepare" script).
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${pkg.version}\n`);
} else {
  // WebAssembly (the SQL transpiler) runs on V8's baseline compiler only. With the optimising tier,
  // V8 recompiles the transpiler's large module on background threads after the first statements,
  // and a short-lived command then waits for that before it exits: 2-9 s of extra CPU per command
  // (`mercurios up` on the platform 14.2 s -> 5.6 s, `views preview` 14 s -> 3 s; docs/benchmarks.md).
  // Set before the CLI loads, i.e. before any module is compiled.
  (await import("node:v8")).setFlagsFromString("--liftoff-only");
  // Node 22.1 and later keep the compiled code of the CLI's ~250 modules on disk between runs (in
  // the OS's temp folder), so a short command does not compile them again; Node 20 has no such
  // cache and goes on without. Must run before the CLI is imported.
  const nodeModule = await import("node:module");
  if (typeof nodeModule.enableCompileCache === "function") nodeModule.enableCompileCache();
  // `mercurios … | head -1`: the reader has gone, so there is nobody left to tell. End quietly with
  // exit 0 instead of dying on an unhandled EPIPE with a stack trace (what `cat` and `git` do).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  }
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv);
  // The command is done. Something a project module started (a timer, a socket) must not keep the
  // process alive after it: end a moment later if the event loop has not emptied by itself.
  setTimeout(() => process.exit(), 1000).unref();
}
