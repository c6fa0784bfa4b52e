// Preloaded with `node --import` in tests: records every module the process loads (ESM resolutions
// through a loader hook, CommonJS modules from require.cache at exit) into $MERCURIOS_MODULE_LOG.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const file = process.env.MERCURIOS_MODULE_LOG;
if (file) {
  register("./record-modules-hooks.mjs", import.meta.url, { data: { file } });
  process.on("exit", () => {
    const cache = createRequire(import.meta.url).cache;
    appendFileSync(file, `${Object.keys(cache).join("\n")}\n`);
  });
}
