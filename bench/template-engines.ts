/**
 * Template engines benchmark: what rendering one migration costs with Jinja (nunjucks with our strict
 * layer, a fresh environment per render as `migrate` does) against Handlebars, on the same scripts.
 *
 *   npx jiti bench/template-engines.ts [--runs 200] [--write]
 *
 * Scripts: schemachange's basics demo (test/fixtures/migrations/schemachange-basics/2_test), the nine
 * files that are valid in both languages (A__render.sql calls env_var(), Jinja only), rendered with
 * database_name/schema_name; and the Jinja fixture using includes, imports, loops and filters
 * (test/fixtures/jinja/root/V1__objects.sql), Jinja only. Prints the median and minimum per render,
 * and the ratio. `--write` replaces the "## Template engines" section of docs/benchmarks.md.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderTemplate, type TemplateContext } from "../src/template/index.js";

function arg(name: string, fallback: string): number {
  const i = process.argv.indexOf(name);
  return Number(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback);
}
const RUNS = arg("--runs", "200");
const root = path.resolve(import.meta.dirname, "..");
const demo = path.join(root, "test/fixtures/migrations/schemachange-basics/2_test");
const files = readdirSync(demo)
  .filter((f) => f !== "A__render.sql")
  .sort()
  .map((f) => ({ file: path.join(demo, f), text: readFileSync(path.join(demo, f), "utf8") }));
const vars = { database_name: "DEMO_DB", schema_name: "DEMO_SCHEMA" };

function time(render: () => void): { median: number; min: number } {
  for (let i = 0; i < 20; i++) render(); // warm up (JIT, nunjucks' first compile)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    render();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

const base: TemplateContext = { env: "local", database: "", vars, processEnv: {} };
const jinja: TemplateContext = { ...base, engine: "jinja", jinja: { root: demo } };
const perScript = (engine: TemplateContext) => () => {
  for (const { file, text } of files) renderTemplate(text, file, engine);
};
const handlebars = time(perScript(base));
const nunjucks = time(perScript(jinja));

const fixture = path.join(root, "test/fixtures/jinja");
const objects = path.join(fixture, "root/V1__objects.sql");
const objectsText = readFileSync(objects, "utf8");
const rich = time(() =>
  renderTemplate(objectsText, objects, {
    ...base,
    engine: "jinja",
    jinja: { root: path.join(fixture, "root"), modulesFolder: path.join(fixture, "modules") },
    values: {
      database_name: "demo",
      warehouse: "WH",
      table_name: "Sales-Daily",
      columns: ["ID NUMBER", "NAME VARCHAR"],
      config: { tags: ["a", "b"] },
      flag: true,
    },
  }),
);

const per = (t: { median: number; min: number }, n: number) =>
  `${(t.median / n).toFixed(3)} ms median, ${(t.min / n).toFixed(3)} ms min`;
const lines = [
  `- schemachange's basics demo, ${files.length} scripts valid in both languages, ${RUNS} runs: Handlebars ${per(handlebars, files.length)} per script; Jinja ${per(nunjucks, files.length)} per script; Jinja / Handlebars ${(nunjucks.median / handlebars.median).toFixed(2)}x by median, ${(nunjucks.min / handlebars.min).toFixed(2)}x by minimum.`,
  `- a Jinja script with an import, an include, two loops, a macro and eight filters (test/fixtures/jinja/root/V1__objects.sql): ${per(rich, 1)} per render.`,
  `- Machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} when measured (shared with other agents).`,
];
console.log(lines.join("\n"));

if (process.argv.includes("--write")) {
  const file = path.join(root, "docs/benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const section = `## Template engines\n\n\`npx jiti bench/template-engines.ts --runs ${RUNS}\`: rendering one migration, in process, a fresh Jinja environment per render as \`migrate\` does.\n\n${lines.join("\n")}\n`;
  const start = doc.indexOf("## Template engines");
  const next = start < 0 ? -1 : doc.indexOf("\n## ", start + 1);
  const updated =
    start < 0
      ? `${doc.trimEnd()}\n\n${section}`
      : `${doc.slice(0, start)}${section}${next < 0 ? "" : doc.slice(next)}`;
  writeFileSync(file, updated);
}
