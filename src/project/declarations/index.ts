export {
  buildDesiredModel,
  futureGrantName,
  grantName,
  isSystemRole,
  roleGrantName,
  SYSTEM_ROLES,
} from "./build.js";
export type { BuildInput, BuildResult, LocatedValue, ViewSource } from "./build.js";
export * from "./define.js";
export { splitFrontMatter } from "./front-matter.js";
export {
  type DesiredState,
  type LoadDeclarationsOptions,
  loadDeclarations,
  type ModuleDeclarations,
} from "./load.js";
export type {
  FutureGrantDeclaration,
  GrantDeclaration,
  MonitorDeclaration,
  RoleDeclaration,
  RowAccessPolicyDeclaration,
  TaskDeclaration,
  UserDeclaration,
  ViewFrontMatter,
  WarehouseDeclaration,
} from "./schemas.js";
