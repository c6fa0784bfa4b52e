/**
 * The `--format` values each command accepts, in one place: `--help` shows them, and the check that
 * refuses a format a command cannot print (rather than falling back to text) reads them from here.
 * Keys are command paths as typed (`plan`, `migrate up`, `views test`); the first format is the default.
 */

/** Every value the global `--format` flag takes. */
export const ALL_FORMATS = ["text", "json", "markdown", "junit", "table", "csv", "mermaid", "dot"] as const;

export type OutputFormat = (typeof ALL_FORMATS)[number];

export const COMMAND_FORMATS = {
  init: ["text", "json"],
  render: ["text", "json"],
  "migrate up": ["text", "json", "markdown", "junit"],
  "migrate status": ["text", "json", "markdown", "junit"],
  "migrate validate": ["text", "json"],
  "migrate repair": ["text", "json"],
  "migrate baseline": ["text", "json"],
  "migrate down": ["text", "json"],
  "migrate unlock": ["text", "json"],
  sql: ["table", "text", "json", "csv"],
  "local serve": ["text"],
  plan: ["text", "json", "markdown", "junit"],
  apply: ["text", "json"],
  drift: ["text", "json", "markdown", "junit"],
  up: ["text", "json"],
  seed: ["text", "json"],
  cost: ["text", "json"],
  "warehouses suspend": ["text", "json"],
  "views list": ["text", "json"],
  "views diff": ["text", "json"],
  "views preview": ["table", "text", "json"],
  "views test": ["text", "json", "junit"],
  "views lineage": ["text", "json", "mermaid", "dot"],
  dev: ["text", "json"],
  import: ["text", "json"],
} as const satisfies Record<string, readonly OutputFormat[]>;

export type CommandPath = keyof typeof COMMAND_FORMATS;

/** The formats `command` accepts (text and json when it is not listed). */
export function formatsOf(command: string): readonly OutputFormat[] {
  return (COMMAND_FORMATS as Record<string, readonly OutputFormat[]>)[command] ?? ["text", "json"];
}
