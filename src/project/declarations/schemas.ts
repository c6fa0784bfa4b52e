/**
 * zod schemas of the declarations people write in roles/*.ts and monitors/*.ts and in the front
 * matter of views/<SCHEMA>/<NAME>.sql. Each lives in its kind module (src/model/kinds/); this file
 * gathers them for the loader and the package's exported types.
 */
export {
  type DatabaseDeclaration,
  databaseSchema,
  envValueSchema,
  type FutureGrantDeclaration,
  futureGrantSchema,
  type GrantDeclaration,
  grantSchema,
  type MaskingPolicyDeclaration,
  maskingPolicySchema,
  type MonitorDeclaration,
  monitorSchema,
  type RoleDeclaration,
  type RowAccessPolicyDeclaration,
  roleSchema,
  rowAccessPolicySchema,
  type SchemaDeclaration,
  schemaSchema,
  type TaskDeclaration,
  taskSchema,
  type UserDeclaration,
  userSchema,
  varValueSchema,
  type ViewFrontMatter,
  viewFrontMatterSchema,
  type WarehouseDeclaration,
  warehouseSchema,
} from "../../model/index.js";
