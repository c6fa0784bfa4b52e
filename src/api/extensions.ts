/**
 * The extension point through which a project adds what only it knows: sample data (`mercurios
 * seed`, and `up` where `seed.environments` allows) and cost figures (`mercurios cost`). A project
 * names its modules in mercurios.config.ts (`extensions: { seed: "…", cost: "…" }`); a project
 * that names none never hears of either. The contract is two interfaces of one or two methods each
 * (docs/guide/extensions.md); the Mercurios platform's own modules are migrations/_seed/seed.ts and
 * monitors/lib/cost.ts.
 */
import path from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ResolvedEnvironment } from "../config/index.js";
import type { Driver } from "../driver/types.js";
import { ProjectError } from "../errors/index.js";
import { templateContextFor } from "../project/files.js";
import { renderTemplate } from "../template/index.js";
import { type ProgressListener, timedStep } from "./progress.js";

/** What every extension method is given. */
export interface ExtensionContext {
  environment: ResolvedEnvironment;
  /** An open driver for the environment (closed by the toolkit). */
  driver: Driver;
  /** Renders a project file (relative to the root) with the environment's template context; `vars` and `tenants` add to it. */
  render(
    file: string,
    extra?: { vars?: Record<string, string | number | boolean>; tenants?: readonly object[] },
  ): Promise<string>;
  /** Splits a script into statements as migrations are split (strings, comments, `$$` bodies). */
  splitStatements(sql: string): string[];
  /** Says how many `step`s the work will take, so progress can say "step n of N". */
  plannedSteps(total: number): void;
  /** Runs one named unit of work and reports it as progress (a live line on a terminal, a line per step in CI). */
  step<T>(label: string, work: () => Promise<T>): Promise<T>;
}

/** Options of `mercurios seed` (flags), passed through to the seed module. */
export interface SeedOptions {
  scale?: number;
  tenants?: number;
  randomSeed?: number;
  days?: number;
  endDate?: string;
}

/** What loading sample data did: a summary line, lines for a terminal, and the document for `--format json`. */
export interface SeedOutcome {
  summary: string;
  lines: string[];
  report: unknown;
}

/** A project's sample data (config `extensions.seed`). */
export interface SeedExtension {
  /** Checks the options before anything runs; throw a MercuriosError listing every problem. */
  check?(environment: ResolvedEnvironment, options: SeedOptions): void;
  /** Whether the environment already holds sample data (`up` then leaves it alone). */
  hasData(context: ExtensionContext): Promise<boolean>;
  /** Loads (or replaces) the sample data. */
  seed(context: ExtensionContext, options: SeedOptions): Promise<SeedOutcome>;
}

/** One resource monitor and the warehouse it governs, this month. */
export interface CostLine {
  monitor: string;
  warehouse: string;
  creditQuota: number;
  creditsMonthToDate: number;
  pctOfQuota: number;
  forecastMonthEnd: number;
  forecastPctOfQuota: number;
  /** OK; AT_RISK: forecast above the quota; OVER_QUOTA: the quota is used up. */
  status: "OK" | "AT_RISK" | "OVER_QUOTA";
}

/** A project's cost figures (config `extensions.cost`). */
export interface CostExtension {
  /** Credits per monitor this month and the day they are for (the account's CURRENT_DATE). */
  read(context: ExtensionContext): Promise<{ asOf: string; lines: CostLine[] }>;
}

interface Extensions {
  seed: SeedExtension;
  cost: CostExtension;
}

/** The project's module for `kind`, or undefined when the config names none. */
export async function loadExtension<K extends keyof Extensions>(
  environment: ResolvedEnvironment,
  kind: K,
): Promise<Extensions[K] | undefined> {
  const file = environment.config.extensions?.[kind];
  if (!file) return undefined;
  const absolute = path.resolve(environment.root, file);
  const where = { location: { file, path: `extensions.${kind}` } };
  if (!existsSync(absolute)) {
    throw new ProjectError("EXTENSION_MISSING", `the ${kind} module ${file} does not exist`, {
      ...where,
      hint: `Fix extensions.${kind} in mercurios.config.ts (a path relative to the project root).`,
    });
  }
  const { createJiti } = await import("jiti");
  const jiti = createJiti(path.join(environment.root, "_"), {
    alias: { mercurios: packageEntry() },
    fsCache: true,
    tryNative: true,
  });
  let exported: unknown;
  try {
    exported = await jiti.import(absolute, { default: true });
  } catch (cause) {
    throw new ProjectError("EXTENSION_LOAD", `cannot load the ${kind} module: ${(cause as Error).message}`, {
      ...where,
      cause,
      hint: "Fix the error in the module.",
    });
  }
  const methods = kind === "seed" ? ["hasData", "seed"] : ["read"];
  const missing = methods.filter(
    (m) => typeof (exported as Record<string, unknown> | null)?.[m] !== "function",
  );
  if (missing.length > 0) {
    throw new ProjectError(
      "EXTENSION_INVALID",
      `the ${kind} module's default export lacks ${missing.join(", ")}`,
      {
        ...where,
        hint: "See docs/guide/extensions.md for the methods each module exports.",
      },
    );
  }
  return exported as Extensions[K];
}

/** The context extension methods are given. */
export async function extensionContext(
  environment: ResolvedEnvironment,
  driver: Driver,
  options: { onProgress?: ProgressListener; task?: string } = {},
): Promise<ExtensionContext> {
  const { readFile } = await import("node:fs/promises");
  const { splitStatements } = await import("../engine/split/index.js");
  let planned = 0;
  let taken = 0;
  return {
    plannedSteps(total) {
      planned = total;
      taken = 0;
    },
    step(label, work) {
      taken++;
      const position = { task: options.task ?? "seed", step: taken, total: Math.max(planned, taken), label };
      return timedStep(options.onProgress, position, work, () => ({ outcome: "done" }));
    },
    environment,
    driver,
    async render(file, extra = {}) {
      const absolute = path.resolve(environment.root, file);
      let text: string;
      try {
        text = await readFile(absolute, "utf8");
      } catch (cause) {
        throw new ProjectError("EXTENSION_FILE_UNREADABLE", `cannot read ${file}`, {
          location: { file },
          cause,
        });
      }
      const base = templateContextFor(environment, absolute);
      return renderTemplate(text, absolute, {
        ...base,
        ...(extra.tenants ? { tenants: extra.tenants } : {}),
        vars: { ...base.vars, ...extra.vars },
      }).sql;
    },
    splitStatements: (sql) => splitStatements(sql).map((s) => s.text),
  };
}

/** This package's entry, so `import … from "mercurios"` in an extension resolves to it. */
function packageEntry(): string {
  const js = fileURLToPath(new URL("../index.js", import.meta.url));
  if (existsSync(js)) return js;
  return fileURLToPath(new URL("../index.ts", import.meta.url));
}
