export {
  futureGrantName,
  grantName,
  isSystemRole,
  roleGrantName,
  SYSTEM_ROLES,
} from "../../model/index.js";
export { buildDesiredModel } from "./build.js";
export type { BuildInput, BuildResult, LocatedDeclaration, LocatedValue, ViewSource } from "./build.js";
export * from "./define.js";
export { splitFrontMatter } from "./front-matter.js";
export { checkViewReads, type KnownRelations } from "./view-reads.js";
export {
  type DesiredState,
  type LoadDeclarationsOptions,
  loadDeclarations,
  type ModuleDeclarations,
} from "./load.js";
export type {
  DatabaseDeclaration,
  FutureGrantDeclaration,
  GrantDeclaration,
  MaskingPolicyDeclaration,
  MonitorDeclaration,
  RoleDeclaration,
  RowAccessPolicyDeclaration,
  SchemaDeclaration,
  TaskDeclaration,
  UserDeclaration,
  ViewFrontMatter,
  WarehouseDeclaration,
} from "./schemas.js";
