/**
 * Where a project file sits (area and schema) and the template context it is rendered with. Shared by
 * `render`, migrations and views so that every file sees the same built-in variables.
 */
import path from "node:path";
import type { ResolvedEnvironment } from "../config/index.js";
import type { TemplateContext } from "../template/index.js";

/** The top-level folders that hold templated SQL. */
export type SqlArea = "migrations" | "views";

/** A file's place in the project: `migrations/RAW/V1__x.sql` → { area: migrations, schema: RAW }. */
export interface FilePlace {
  /** Path relative to the project root, with `/` separators. */
  relative: string;
  area: SqlArea | undefined;
  /** The schema folder the file is in, as spelled in the config's schema list; undefined outside one. */
  schema: string | undefined;
}

/** Works out a file's area and schema from its path under the project root. */
export function placeOf(root: string, file: string, schemas: readonly string[]): FilePlace {
  const relative = path.relative(root, path.resolve(root, file)).replace(/\\/g, "/");
  const [top, folder] = relative.split("/");
  const area = top === "migrations" || top === "views" ? top : undefined;
  const schema =
    area && folder
      ? schemas.find((s) => s.toUpperCase() === folder.toUpperCase() && folder !== relative)
      : undefined;
  return { relative, area, schema };
}

/** Partial directories for a file, nearest first: views/_partials before migrations/_partials for a view. */
export function partialDirsFor(root: string, area: SqlArea | undefined): string[] {
  const migrations = path.join(root, "migrations", "_partials");
  const views = path.join(root, "views", "_partials");
  return area === "views" ? [views, migrations] : [migrations, views];
}

/** The template context of one file in one environment. */
export function templateContextFor(
  environment: ResolvedEnvironment,
  file: string,
  processEnv: NodeJS.ProcessEnv = process.env,
): TemplateContext {
  const place = placeOf(environment.root, file, environment.schemas);
  const context: TemplateContext = {
    env: environment.name,
    kind: environment.kind,
    database: environment.database,
    schemas: environment.schemas,
    tenants: environment.tenants,
    vars: environment.vars,
    unresolvedVars: environment.unresolvedVars,
    secrets: environment.secrets,
    partialDirs: partialDirsFor(environment.root, place.area),
    processEnv,
    root: environment.root,
  };
  if (place.schema !== undefined) context.schema = place.schema;
  if (environment.templates === "jinja") {
    context.engine = "jinja";
    // Names in include and import are relative to the file's area (`_partials/x.sql`), as
    // schemachange's are to its root folder; `modules/…` reaches the modules folder.
    context.jinja = {
      root: path.join(environment.root, place.area ?? "migrations"),
      ...(environment.modulesFolder ? { modulesFolder: environment.modulesFolder } : {}),
    };
  }
  return context;
}
