// Library API of mercurios. The CLI is built on the same functions.
//
// Keep this entry light: mercurios.config.ts (and roles/, monitors/ modules) import it through jiti on
// every command, including `render`, which must not load DuckDB or snowflake-sdk. Modules exported here
// must load those libraries lazily (dynamic import inside functions), never at the top level.
export * from "./errors/index.js";
export * from "./config/index.js";
export {
  isSecretName,
  MASK,
  maskSecrets,
  qualifiedName,
  quoteIdentifier,
  type RenderResult,
  renderTemplate,
  sqlString,
  type TemplateContext,
} from "./template/index.js";
export { type RenderedFile, type RenderFilesOptions, type RenderReport, renderFiles } from "./api/render.js";
export { placeOf, templateContextFor } from "./project/files.js";
// The extension point for a project's own sample data and cost figures (types only: nothing loads).
export type {
  CostExtension,
  CostLine,
  ExtensionContext,
  SeedExtension,
  SeedOptions,
  SeedOutcome,
} from "./api/extensions.js";
export type { Driver, QueryResult } from "./driver/types.js";
// Declaration helpers for roles/*.ts and monitors/*.ts (define.ts loads nothing heavy).
export * from "./project/declarations/define.js";
export type {
  FutureGrantDeclaration,
  GrantDeclaration,
  MaskingPolicyDeclaration,
  MonitorDeclaration,
  RoleDeclaration,
  RowAccessPolicyDeclaration,
  TaskDeclaration,
  UserDeclaration,
  ViewFrontMatter,
  WarehouseDeclaration,
} from "./project/declarations/schemas.js";
