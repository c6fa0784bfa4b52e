/**
 * `mercurios migrate up|status|validate|repair|baseline|down|unlock`: ordered, templated SQL
 * migrations with a change history, a lock, resume after failure and a trustworthy dry run.
 * Exit codes: 0 done / up to date; 1 error; 2 pending or failed scripts found (status, dry run).
 */
import type { Command } from "commander";
import { Option } from "commander";
import type { MigrateCommonOptions, MigrationProject, ScriptRun } from "../../api/migrate.js";
import { MercuriosError, MigrationError } from "../../errors/index.js";
import type { MigrationRunReport } from "../../report/migrate.js";
import type { CliContext } from "../context.js";
import { plural } from "../output.js";
import { createProgress } from "../progress.js";
import type { CliCommand } from "./index.js";

/** One applied script as `migrate up` (and `up`) prints it. */
export function scriptLine(ctx: CliContext, s: ScriptRun): string {
  const resume = s.startStatement > 1 ? `, resumed at statement ${s.startStatement}` : "";
  return `${ctx.output.colors.green("applied")} ${s.script} (${plural(s.statementCount, "statement")}${resume}, ${Math.round(s.durationMs)} ms)`;
}

interface LockFlags {
  lockTimeout: string;
  lockTtl: string;
}

/** The project: from mercurios.config.ts, or (none found) a schemachange-style project in the cwd. */
async function loadProject(ctx: CliContext): Promise<MigrationProject> {
  const api = await import("../../api/migrate.js");
  try {
    return api.projectFromEnvironment(await ctx.loadEnvironment());
  } catch (error) {
    if (!(error instanceof MercuriosError) || error.code !== "CONFIG_NOT_FOUND" || ctx.globals.config)
      throw error;
  }
  const { parseVarAssignments } = await import("../../config/index.js");
  const vars = parseVarAssignments(ctx.globals.var);
  const { findSchemachangeProject } = await import("../../api/schemachange.js");
  const schemachange = findSchemachangeProject(ctx.cwd, {
    vars,
    ...(ctx.globals.env ? { env: ctx.globals.env } : {}),
    ...(ctx.globals.localDb ? { localDb: ctx.globals.localDb } : {}),
  });
  if (schemachange) {
    ctx.secrets.push(...schemachange.config.secrets);
    ctx.output.error(schemachange.note);
    return schemachange.project;
  }
  const project = api.projectWithoutConfig({
    root: ctx.cwd,
    vars,
    ...(ctx.globals.env ? { env: ctx.globals.env } : {}),
    ...(ctx.globals.localDb ? { localDb: ctx.globals.localDb } : {}),
  });
  ctx.secrets.push(...project.secrets);
  return project;
}

function seconds(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || value > 86_400) {
    throw new MercuriosError("BAD_OPTION", `${flag} '${text}' is not a number of seconds from 0 to 86400.`, {
      hint: `Example: ${flag} 120`,
    });
  }
  return value;
}

async function common(ctx: CliContext, flags: LockFlags): Promise<MigrateCommonOptions> {
  const project = await loadProject(ctx);
  return {
    project,
    lockTimeoutMs: seconds(flags.lockTimeout, "--lock-timeout") * 1000,
    lockTtlSeconds: Math.max(1, Math.round(seconds(flags.lockTtl, "--lock-ttl"))),
    onLockWait: (holder) => ctx.output.error(`waiting for the migration lock, held by ${holder}`),
  };
}

function withLockFlags(command: Command): Command {
  return command
    .addOption(
      new Option("--lock-timeout <seconds>", "wait this long for another runner's lock").default("60"),
    )
    .addOption(
      new Option("--lock-ttl <seconds>", "lease length; a dead runner's lock frees after it").default("300"),
    );
}

export const command: CliCommand = {
  register(program, ctx) {
    const migrate = program
      .command("migrate")
      .description("run ordered, templated SQL migrations and keep their change history");

    withLockFlags(
      migrate
        .command("up")
        .description("apply pending scripts: versioned, then changed repeatables, then always-scripts")
        .option("--to <version>", "apply versioned scripts up to and including this version")
        .option("--out-of-order", "also apply pending versions older than the newest applied one")
        .option("--dry-run", "print the exact SQL that would run, in order, secrets masked; change nothing"),
    ).action(async (flags: LockFlags & { to?: string; outOfOrder?: boolean; dryRun?: boolean }) => {
      const { migrateUp } = await import("../../api/migrate.js");
      const format = ctx.globals.format;
      const out = ctx.output;
      const progress = createProgress(ctx, {
        onFinished: (event) => {
          if (event.phase === "done") out.line(scriptLine(ctx, event.detail as ScriptRun));
          return event.phase === "done";
        },
      });
      const applied: ScriptRun[] = [];
      let report: Awaited<ReturnType<typeof migrateUp>>;
      try {
        report = await migrateUp({
          ...(await common(ctx, flags)),
          ...(flags.to === undefined ? {} : { to: flags.to }),
          ...(flags.outOfOrder ? { outOfOrder: true } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
          onProgress: (event) => {
            if (event.phase === "done") applied.push(event.detail as ScriptRun);
            progress.listener(event);
          },
        });
      } catch (error) {
        progress.finish();
        // CI reports say what failed too: the scripts that ran, then the failure.
        if ((format === "junit" || format === "markdown") && error instanceof MigrationError) {
          const partial: MigrationRunReport = {
            environment: ctx.globals.env ?? "local",
            dryRun: flags.dryRun === true,
            scripts: applied,
            warnings: [],
            failed: { script: error.script ?? "(migrations)", error: error.message },
          };
          await printRunReport(ctx, partial);
        }
        throw error;
      }
      progress.finish();
      if (report.dryRun && report.scripts.length > 0) ctx.exitCode = 2;
      if (format === "json") return out.json(report);
      if (format === "junit" || format === "markdown") return printRunReport(ctx, report);
      for (const warning of report.warnings) out.error(`warning: ${warning}`);
      if (report.dryRun) {
        out.line(
          out.colors.dim(
            `-- dry run on ${report.environment}: ${plural(report.scripts.length, "script")} would run; nothing was changed`,
          ),
        );
        report.scripts.forEach((s, i) => {
          const resume = s.startStatement > 1 ? `, resuming at statement ${s.startStatement}` : "";
          out.line(out.colors.dim(`-- [${i + 1}/${report.scripts.length}] ${s.script}${resume}`));
          out.line(s.sql);
        });
        return;
      }
      // Each applied script was printed as it finished.
      out.line(
        report.scripts.length === 0
          ? `${report.environment} is up to date`
          : `${plural(report.scripts.length, "script")} applied to ${report.environment} in ${report.roundTrips} round trips (run ${report.runId})`,
      );
    });

    withLockFlags(
      migrate.command("status").description("applied, pending, failed, changed and missing scripts"),
    ).action(async (flags: LockFlags) => {
      const { migrateStatus } = await import("../../api/migrate.js");
      const { STATUS_STATES_NEEDING_ATTENTION } = await import("../../report/migrate.js");
      const report = await migrateStatus(await common(ctx, flags));
      const { summary } = report;
      if (STATUS_STATES_NEEDING_ATTENTION.some((state) => summary[state] > 0)) ctx.exitCode = 2;
      const out = ctx.output;
      const format = ctx.globals.format;
      if (format === "json") return out.json(report);
      if (format === "junit" || format === "markdown") {
        const render = await import("../../report/migrate.js");
        const text =
          format === "junit" ? render.migrateStatusToJUnit(report) : render.migrateStatusToMarkdown(report);
        return out.line(text.trimEnd());
      }
      const width = Math.max(6, ...report.scripts.map((s) => s.script.length));
      for (const s of report.scripts) {
        const paint =
          s.state === "applied"
            ? out.colors.green
            : s.state === "pending"
              ? out.colors.yellow
              : out.colors.red;
        out.line(`${paint(s.state.padEnd(12))} ${s.script.padEnd(width)}  ${s.reason}`);
      }
      out.line(
        `${report.environment} (${report.history}): ${
          Object.entries(summary)
            .filter(([, n]) => n > 0)
            .map(([state, n]) => `${n} ${state}`)
            .join(", ") || "no scripts"
        }`,
      );
      if (report.lock)
        out.line(`locked by ${report.lock.owner} (run ${report.lock.runId}) until ${report.lock.expiresAt}`);
    });

    withLockFlags(
      migrate
        .command("validate")
        .description("fail if an applied script was edited since (names both checksums)"),
    ).action(async (flags: LockFlags) => {
      const { migrateValidate } = await import("../../api/migrate.js");
      const report = await migrateValidate(await common(ctx, flags));
      const out = ctx.output;
      if (ctx.globals.format === "json") {
        out.json(report);
        if (!report.ok) ctx.exitCode = 1;
        return;
      }
      for (const w of report.warnings) out.error(`warning: ${w.script}: ${w.message}`);
      if (!report.ok) {
        throw new MigrationError(
          "VALIDATE_FAILED",
          `${plural(report.errors.length, "problem")} with applied scripts:\n${report.errors
            .map((e) => `  - ${e.script}: ${e.message}`)
            .join("\n")}`,
          { hint: "Revert edits, or run `mercurios migrate repair` to accept them and clear failures." },
        );
      }
      out.line(`${report.environment}: every applied script matches its file`);
    });

    withLockFlags(
      migrate.command("repair").description("accept edited applied scripts and clear failed ones"),
    ).action(async (flags: LockFlags) => {
      const { migrateRepair } = await import("../../api/migrate.js");
      const report = await migrateRepair(await common(ctx, flags));
      if (ctx.globals.format === "json") return ctx.output.json(report);
      for (const c of report.changes) ctx.output.line(`${c.status.toLowerCase()} ${c.script}: ${c.reason}`);
      ctx.output.line(
        report.changes.length === 0
          ? "nothing to repair"
          : `${plural(report.changes.length, "script")} repaired`,
      );
    });

    withLockFlags(
      migrate
        .command("baseline")
        .description(
          "record scripts as applied without running them: versions up to one, or what schemachange applied",
        )
        .option("--version <version>", "the newest version already in the account, e.g. 1.2")
        .option(
          "--from-schemachange [table]",
          "record what schemachange applied, read from its change history (default: the table in schemachange-config.yml, else METADATA.SCHEMACHANGE.CHANGE_HISTORY)",
        )
        .argument("[version]", "the same, as an argument"),
    ).action(
      async (
        argument: string | undefined,
        flags: LockFlags & { version?: string; fromSchemachange?: string | true },
      ) => {
        const version = flags.version ?? argument;
        if (flags.fromSchemachange !== undefined) {
          if (version) {
            throw new MercuriosError(
              "BASELINE_OPTIONS",
              "give either a version or --from-schemachange, not both.",
              {
                hint: "mercurios migrate baseline --from-schemachange [TABLE] records what schemachange applied.",
              },
            );
          }
          const { migrateBaselineFromSchemachange } = await import("../../api/migrate.js");
          const report = await migrateBaselineFromSchemachange({
            ...(await common(ctx, flags)),
            ...(typeof flags.fromSchemachange === "string" ? { table: flags.fromSchemachange } : {}),
          });
          if (ctx.globals.format === "json") return ctx.output.json(report);
          for (const warning of report.warnings) ctx.output.error(`warning: ${warning}`);
          for (const c of report.changes) ctx.output.line(`baseline ${c.script}: ${c.reason}`);
          for (const l of report.left) ctx.output.line(`left    ${l.script}: ${l.reason}`);
          ctx.output.line(
            `${plural(report.changes.length, "script")} recorded as applied from ${report.table} (${plural(report.rowsRead, "successful row")} read); nothing was run`,
          );
          return;
        }
        if (!version) {
          throw new MercuriosError("BASELINE_VERSION", "migrate baseline needs the version to record.", {
            hint: "Name the newest version already in the account: mercurios migrate baseline --version 1.2, or record what schemachange applied: --from-schemachange",
          });
        }
        const { migrateBaseline } = await import("../../api/migrate.js");
        const report = await migrateBaseline({ ...(await common(ctx, flags)), version });
        if (ctx.globals.format === "json") return ctx.output.json(report);
        for (const c of report.changes) ctx.output.line(`baseline ${c.script}`);
        ctx.output.line(`${plural(report.changes.length, "script")} recorded as applied`);
      },
    );

    withLockFlags(
      migrate
        .command("down")
        .description("run undo scripts (U<version>__…), newest first")
        .option("--to <version>", "revert every version above this one (0: all); default: the newest only"),
    ).action(async (flags: LockFlags & { to?: string }) => {
      const { migrateDown } = await import("../../api/migrate.js");
      const report = await migrateDown({
        ...(await common(ctx, flags)),
        ...(flags.to === undefined ? {} : { to: flags.to }),
      });
      if (ctx.globals.format === "json") return ctx.output.json(report);
      for (const s of report.scripts) ctx.output.line(`${ctx.output.colors.yellow("reverted")} ${s.script}`);
      ctx.output.line(
        report.scripts.length === 0
          ? "nothing to revert"
          : `${plural(report.scripts.length, "script")} reverted`,
      );
    });

    withLockFlags(migrate.command("unlock").description("free the migration lock, whoever holds it")).action(
      async (flags: LockFlags) => {
        const { migrateUnlock } = await import("../../api/migrate.js");
        const report = await migrateUnlock(await common(ctx, flags));
        if (ctx.globals.format === "json") return ctx.output.json(report);
        ctx.output.line(
          report.released
            ? `released the lock held by ${report.released.owner} (run ${report.released.runId})`
            : "the lock was free",
        );
      },
    );
  },
};

/** `migrate up` as JUnit or Markdown (the CI formats). */
async function printRunReport(ctx: CliContext, report: MigrationRunReport): Promise<void> {
  const render = await import("../../report/migrate.js");
  const text =
    ctx.globals.format === "junit" ? render.migrateUpToJUnit(report) : render.migrateUpToMarkdown(report);
  ctx.output.line(text.trimEnd());
}
