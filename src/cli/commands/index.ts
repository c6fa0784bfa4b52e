/**
 * Every CLI command, one module each. To add one: create commands/<name>.ts exporting
 * `const command: CliCommand`, then add it to this list (keep imports light: load heavy modules
 * inside the action with `await import(...)`).
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { command as init } from "./init.js";
import { command as local } from "./local.js";
import { command as apply } from "./apply.js";
import { command as drift } from "./drift.js";
import { command as migrate } from "./migrate.js";
import { command as plan } from "./plan.js";
import { command as render } from "./render.js";
import { command as sql } from "./sql.js";
import { command as up } from "./up.js";
import { command as seed } from "./seed.js";
import { command as cost } from "./cost.js";
import { command as warehouses } from "./warehouses.js";
import { command as views } from "./views.js";
import { command as dev } from "./dev.js";
import { command as importCommand } from "./import.js";

/** A CLI command: adds itself to the program with `program.command(...)`. */
export interface CliCommand {
  register(program: Command, ctx: CliContext): void;
}

export const commands: readonly CliCommand[] = [
  init,
  render,
  migrate,
  sql,
  local,
  plan,
  apply,
  drift,
  up,
  seed,
  cost,
  warehouses,
  views,
  dev,
  importCommand,
];
