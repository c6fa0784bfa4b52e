/**
 * `npm run lint` runs dependency-cruiser with these rules (docs/decisions/004-dependency-check.md):
 * the module table of DESIGN.md ("src/ modules and who may import whom") as rules, and no cycle
 * between folders. Every module may import `errors`. Type-only imports count too: a type is a
 * dependency of the design as much as a value.
 */

/** DESIGN.md's table: module -> modules it may import (besides itself and errors). */
const TABLE = {
  errors: [],
  engine: [],
  config: [],
  template: [],
  model: [],
  project: ["config", "template", "model"],
  driver: ["engine", "config"],
  introspect: ["model", "driver"],
  diff: ["model"],
  plan: ["diff", "model"],
  migrate: ["driver", "project", "template"],
  report: ["model", "diff", "plan"],
  api: [
    "config",
    "template",
    "model",
    "project",
    "driver",
    "engine",
    "introspect",
    "diff",
    "plan",
    "migrate",
    "report",
  ],
  cli: ["api", "report", "config"],
};

const MODULES = Object.keys(TABLE);

/** Files a module may import outside the table, each with its reason. */
const EXCEPTIONS = {
  // The names templates provide are one list; config rejects them as var names (a leaf file, no imports).
  config: ["^src/template/built-ins\\.ts$"],
  // Scripts are split into statements by the engine's splitter (strings, comments, `$$` bodies,
  // BEGIN … END): one splitter for the runner and the engine, a pure module with no engine state.
  migrate: ["^src/engine/split/"],
};

const forbidden = MODULES.map((module) => {
  const allowed = [module, "errors", ...TABLE[module]];
  const others = MODULES.filter((m) => !allowed.includes(m));
  return {
    name: `design-${module}`,
    comment: `src/${module} may import only ${allowed.filter((m) => m !== module).join(", ") || "nothing"} (DESIGN.md module table)`,
    severity: "error",
    from: { path: `^src/${module}(/|\\.ts$)` },
    to: {
      path: `^src/(${others.join("|")})(/|\\.ts$)`,
      ...(EXCEPTIONS[module]?.length ? { pathNot: EXCEPTIONS[module] } : {}),
    },
  };
});

module.exports = {
  forbidden: [
    ...forbidden,
    {
      name: "no-folder-cycles",
      comment: "No import cycle that leaves a module's folder (cycles inside one module are its own business).",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { circular: true, via: { pathNot: "^src/$1/" } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
