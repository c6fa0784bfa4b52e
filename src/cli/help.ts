/**
 * The end of every command's `--help`: the formats it prints, the global flags (commander lists only
 * a subcommand's own options) and examples to copy. One table, so that no command goes without.
 */
import type { Command } from "commander";
import { MercuriosError } from "../errors/index.js";
import { COMMAND_FORMATS, type CommandPath, formatsOf } from "./formats.js";

const GLOBAL_FLAGS = [
  "-e, --env <name>      environment from mercurios.config.ts (default: local; also MERCURIOS_ENV)",
  "-c, --config <path>   config file (default: mercurios.config.ts here or above)",
  "--format <format>     output format (see Formats)",
  "--var <key=value>     set a template var (repeatable)",
  "--local-db <path>     DuckDB file of the local engine (also MERCURIOS_LOCAL_DB)",
  "--no-color            no colours (also NO_COLOR)",
  "--debug               stack traces with errors",
];

/** Examples per command, as typed at a shell. */
export const EXAMPLES: Record<CommandPath, readonly string[]> = {
  init: [
    "mercurios init",
    "mercurios init shop-analytics --database SHOP_DATA --schemas RAW,STANDARD,ANALYTICS --yes",
    "mercurios init . --snowflake-env prod --connection prod_deployer --yes",
  ],
  render: [
    "mercurios render views/ANALYTICS/DAILY_ORDERS.sql",
    "mercurios render migrations/RAW/V1__orders.sql --env prod --format json",
  ],
  "migrate up": [
    "mercurios migrate up",
    "mercurios migrate up --env prod --dry-run          # exit 2 when scripts would run",
    "mercurios migrate up --dry-run --format markdown > migrate.md",
    "mercurios migrate up --to 1.4 --format junit > migrate.xml",
  ],
  "migrate status": [
    "mercurios migrate status                # exit 2 when anything is pending, failed, changed or missing",
    "mercurios migrate status --env prod --format junit > migrations.xml",
    "mercurios migrate status --format markdown",
  ],
  "migrate validate": ["mercurios migrate validate --env prod", "mercurios migrate validate --format json"],
  "migrate repair": ["mercurios migrate repair --env dev"],
  "migrate baseline": [
    "mercurios migrate baseline --version 1.2 --env prod",
    "mercurios migrate baseline 1.2",
    "mercurios migrate baseline --from-schemachange --env prod   # what schemachange applied, from its change history",
  ],
  "migrate down": ["mercurios migrate down", "mercurios migrate down --to 1.0 --env dev"],
  "migrate unlock": ["mercurios migrate unlock --env prod"],
  sql: [
    'mercurios sql "SELECT CURRENT_DATE()"',
    "mercurios sql -f checks.sql --format csv > checks.csv",
    'mercurios sql --env dev "SHOW WAREHOUSES" --format json',
  ],
  "local serve": [
    "mercurios local serve --port 8085",
    "mercurios local serve --port 0 --latency-ms 300   # a free port, with a real account's round-trip time",
  ],
  plan: [
    "mercurios plan                                   # exit 2 when there is something to apply",
    "mercurios plan --env prod --format markdown > plan.md",
    "mercurios plan --env prod --format junit > plan.xml",
  ],
  apply: [
    "mercurios apply",
    "mercurios apply --env prod --yes",
    "mercurios apply --env dev --yes --allow-destructive   # also drops and revokes what is not declared",
  ],
  drift: [
    "mercurios drift                                  # exit 0 in sync, 2 drift",
    "mercurios drift --env prod --format junit --out drift.xml",
    "mercurios drift --env prod --out drift.xml --out drift.md --out drift.json   # one read, three reports",
    "mercurios drift --include tables                 # also tables and columns against the migrations",
  ],
  up: [
    "mercurios up",
    "mercurios up --env prod --yes",
    "mercurios up --out-of-order        # a migration from a merged branch, older than the newest applied",
  ],
  seed: [
    "mercurios seed",
    "mercurios seed --scale 10 --tenants 5",
    "mercurios seed --env dev --random-seed 7 --end-date 2026-10-31",
  ],
  cost: ["mercurios cost --env prod", "mercurios cost --env prod --format json"],
  "warehouses suspend": [
    "mercurios warehouses suspend --env dev",
    "mercurios warehouses suspend SHOP_WH --env prod",
    "mercurios warehouses suspend --all --env dev",
  ],
  "views list": ["mercurios views list", "mercurios views list --env prod --format json"],
  "views diff": [
    "mercurios views diff DAILY_ORDERS",
    "mercurios views diff analytics.daily_orders --env prod",
  ],
  "views preview": [
    "mercurios views preview DAILY_ORDERS",
    "mercurios views preview analytics.daily_orders --limit 20 --as-role SHOP_ANALYST",
    "mercurios views preview DAILY_ORDERS --format json",
  ],
  "views test": [
    "mercurios views test",
    "mercurios views test DAILY_ORDERS analytics.top_shops",
    "mercurios views test --format junit > view-tests.xml",
  ],
  "views lineage": [
    "mercurios views lineage DAILY_ORDERS",
    "mercurios views lineage --format mermaid",
    "mercurios views lineage --format dot | dot -Tsvg > lineage.svg",
  ],
  dev: ["mercurios dev", "mercurios dev --rows 3", "mercurios dev --format json"],
  import: [
    "mercurios import --out ../adopted              # the whole account as a new project",
    "mercurios import --env prod --kinds roles,users --out roles-only",
    "mercurios import --kinds views --force         # rewrite views/ of this project from the account",
    "mercurios import --out ../adopted --format json",
  ],
};

/** The help text after a command's own options. */
export function helpFooter(path: CommandPath): string {
  const formats = formatsOf(path);
  return [
    "",
    `Formats: ${formats.map((f, i) => (i === 0 ? `${f} (default)` : f)).join(", ")}`,
    "",
    "Global flags (before or after the command):",
    ...GLOBAL_FLAGS.map((flag) => `  ${flag}`),
    "",
    "Examples:",
    ...EXAMPLES[path].map((example) => `  $ ${example}`),
  ].join("\n");
}

/** The command path as typed: `views test` for the `test` subcommand of `views`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Every command that runs (has no subcommands), depth first. */
export function leafCommands(program: Command): Command[] {
  return program.commands.flatMap((c) => (c.commands.length > 0 ? leafCommands(c) : [c]));
}

/**
 * Refuses, before the command runs, a `--format` it cannot print: a CI step that asked for a
 * report must fail rather than get text with exit 0.
 */
export function checkFormat(command: Command, format: string): void {
  const path = commandPath(command);
  const accepted = formatsOf(path);
  if ((accepted as readonly string[]).includes(format)) return;
  const list = `${accepted.slice(0, -1).join(", ")} or ${accepted.at(-1)}`;
  throw new MercuriosError("FORMAT_UNSUPPORTED", `${path} cannot print --format ${format}.`, {
    hint: `It prints ${list} (mercurios ${path} --help).`,
  });
}

/** Adds the footer to the help of every command that runs. */
export function addHelpFooters(program: Command): void {
  for (const command of leafCommands(program)) {
    const path = commandPath(command);
    if (path in COMMAND_FORMATS) command.addHelpText("after", helpFooter(path as CommandPath));
  }
}
