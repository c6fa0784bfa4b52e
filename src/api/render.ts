/**
 * Use case `render`: the SQL a template produces in one environment, secrets masked. Reports every
 * file that fails, not only the first.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ResolvedEnvironment } from "../config/index.js";
import { MercuriosError, ProjectError, ValidationError } from "../errors/index.js";
import { placeOf, templateContextFor } from "../project/files.js";
import { renderTemplate } from "../template/index.js";

export interface RenderFilesOptions {
  environment: ResolvedEnvironment;
  /** Files to render, relative to `cwd` or absolute. */
  files: readonly string[];
  cwd?: string;
  processEnv?: NodeJS.ProcessEnv;
}

/** One rendered file. `sql` is masked: secret values are replaced, so it is safe to print. */
export interface RenderedFile {
  /** Path relative to the project root. */
  file: string;
  schema: string | null;
  sql: string;
}

export interface RenderReport {
  environment: string;
  database: string;
  files: RenderedFile[];
}

/** Renders each file for the environment; throws one ValidationError naming every file that failed. */
export async function renderFiles(options: RenderFilesOptions): Promise<RenderReport> {
  const { environment } = options;
  const cwd = options.cwd ?? process.cwd();
  const rendered: RenderedFile[] = [];
  const problems: MercuriosError[] = [];
  for (const given of options.files) {
    const absolute = path.resolve(cwd, given);
    const place = placeOf(environment.root, absolute, environment.schemas);
    let text: string;
    try {
      text = await readFile(absolute, "utf8");
    } catch (cause) {
      problems.push(
        new ProjectError("FILE_NOT_FOUND", `cannot read ${given}.`, {
          location: { file: given },
          hint: "Check the path; it is taken relative to the current directory.",
          cause,
        }),
      );
      continue;
    }
    try {
      const context = templateContextFor(environment, absolute, options.processEnv);
      const { body, firstLine } =
        place.area === "views" ? await viewBody(text, given) : { body: text, firstLine: 1 };
      const result = renderTemplate(body, absolute, { ...context, firstLine });
      rendered.push({ file: place.relative, schema: place.schema ?? null, sql: result.masked });
    } catch (error) {
      if (!(error instanceof MercuriosError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    throw new ValidationError("RENDER_FAILED", `${problems.length} files failed to render:`, problems);
  }
  return { environment: environment.name, database: environment.database, files: rendered };
}

/** A view file's SQL without its YAML front matter (which describes the view and is not rendered). */
async function viewBody(text: string, file: string): Promise<{ body: string; firstLine: number }> {
  if (!/^(---|\/\*[ \t]*---)/.test(text)) return { body: text, firstLine: 1 };
  const { splitFrontMatter } = await import("../project/declarations/front-matter.js");
  try {
    const split = splitFrontMatter(text);
    return { body: split.body, firstLine: split.bodyLine };
  } catch (cause) {
    throw new ProjectError("VIEW_FRONT_MATTER", `the front matter of ${file} is not valid YAML.`, {
      location: { file },
      hint: "Fix the YAML between the --- lines at the top of the file.",
      cause,
    });
  }
}
