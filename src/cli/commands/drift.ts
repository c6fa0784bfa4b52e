/**
 * `mercurios drift [--format text|json|markdown|junit] [--out FILE] [--include tables]`: compares
 * declarations with the live account. Exit 0 in sync, 2 drift, 1 error. Undeclared roles, users and
 * warehouses are listed as unmanaged; `--strict` exits 2 on them too.
 */
import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { MercuriosError } from "../../errors/index.js";
import { createProgress } from "../progress.js";
import type { CliCommand } from "./index.js";

export const command: CliCommand = {
  register(program, ctx) {
    const drift = program
      .command("drift")
      .description("compare declared objects with the live account (exit 0 in sync, 2 drift)")
      .option(
        "--out <file>",
        "write the report to a file instead of stdout; repeat it for several reports from one read, each in the format of its extension (.json, .md, .xml)",
        (value: string, previous: string[]) => [...previous, value],
        [] as string[],
      )
      .option("--include <what>", "also compare 'tables' (migrations replayed on a fresh local engine)")
      .option(
        "--strict",
        "exit 2 also when the account has undeclared (unmanaged) roles, users or warehouses",
      );
    drift.action(async (flags: { out: string[]; include?: string; strict?: boolean }) => {
      if (flags.include !== undefined && flags.include.toLowerCase() !== "tables") {
        throw new MercuriosError("BAD_OPTION", `--include '${flags.include}' is not supported.`, {
          hint: "The only value is --include tables.",
        });
      }
      const outputs = flags.out.map((file) => ({
        file,
        format: flags.out.length === 1 ? ctx.globals.format : formatOfExtension(file),
      }));
      for (const output of outputs) await checkOutFile(path.resolve(ctx.cwd, output.file), output.file);
      const { checkDrift } = await import("../../api/drift.js");
      const { renderDrift } = await import("../../report/index.js");
      const environment = await ctx.loadEnvironment();
      // Reading a Snowflake account takes round trips; the local engine answers at once.
      const progress = environment.kind === "snowflake" ? createProgress(ctx) : undefined;
      let report: Awaited<ReturnType<typeof checkDrift>>["report"];
      try {
        ({ report } = await checkDrift({
          environment,
          includeTables: flags.include !== undefined,
          ...(progress ? { onProgress: progress.listener } : {}),
        }));
      } finally {
        progress?.finish();
      }
      for (const output of outputs) {
        await writeFile(
          path.resolve(ctx.cwd, output.file),
          ctx.output.mask(renderDrift(report, output.format)),
        ).catch((error: NodeJS.ErrnoException) => {
          throw new MercuriosError(
            "OUT_FILE",
            `--out ${output.file}: cannot write it (${error.code ?? error.message}).`,
            {
              hint: "Check that this user may write there, or write the report somewhere else.",
              cause: error,
            },
          );
        });
        ctx.output.error(`${report.inSync ? "in sync" : "drift found"}: report written to ${output.file}`);
      }
      if (outputs.length === 0) {
        if (ctx.globals.format === "json") ctx.output.json(report);
        else ctx.output.line(renderDrift(report, ctx.globals.format).trimEnd());
      }
      if (!report.inSync || (flags.strict && report.unmanaged)) ctx.exitCode = 2;
    });
  },
};

/**
 * Fails before the (slow) read of the account when a report could not be written: its folder is
 * missing, or the path is a folder.
 */
async function checkOutFile(absolute: string, file: string): Promise<void> {
  const folder = await stat(path.dirname(absolute)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new MercuriosError("OUT_FILE", `--out ${file}: the folder ${path.dirname(file)} does not exist.`, {
      hint: "Create the folder first, or write the report somewhere else.",
    });
  }
  const existing = await stat(absolute).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new MercuriosError("OUT_FILE", `--out ${file} is a folder, not a file.`, {
      hint: "Name a file inside it, e.g. --out reports/drift.json.",
    });
  }
}

/** With several `--out` files, each file's extension names its format. */
function formatOfExtension(file: string): "json" | "markdown" | "junit" {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".md" || extension === ".markdown") return "markdown";
  if (extension === ".xml") return "junit";
  throw new MercuriosError(
    "BAD_OPTION",
    `--out ${file}: with several --out files, each names its format by its extension.`,
    {
      hint: "Use .json (JSON), .md (Markdown) or .xml (JUnit), e.g. --out drift.xml --out drift.md.",
    },
  );
}
