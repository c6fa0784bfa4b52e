// Reads a SQL partial of the project and renders it for an environment, so a task declared here
// runs exactly the statement the migrations and `mercurios seed` use (one source for each MERGE).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderTemplate } from "mercurios";

/** `migrations/_partials/<name>.sql`, rendered with `{{database}}` (and `{{env}}`), without a trailing `;`. */
export function partialSql(name: string, context: { env: string; database: string }): string {
  const file = fileURLToPath(new URL(`../../migrations/_partials/${name}.sql`, import.meta.url));
  const text = readFileSync(file, "utf8");
  return renderTemplate(text, file, { env: context.env, database: context.database })
    .sql.trim()
    .replace(/;$/, "");
}
