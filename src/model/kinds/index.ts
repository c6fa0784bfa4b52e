/**
 * The table of object kinds. Its type requires an entry for every `ObjectKind`: a kind added to the
 * `ModelObject` union without a module here is a compile error, and every stage (load, build,
 * introspect, diff, plan, report) reads what it needs from the entry. docs/guide/adding-an-object-kind.md
 * walks through adding one.
 */
import type { ObjectKind } from "../types.js";
import { databaseKind } from "./database.js";
import { futureGrantKind } from "./future-grant.js";
import { grantKind } from "./grant.js";
import { maskingAttachmentKind } from "./masking-attachment.js";
import { maskingPolicyKind } from "./masking-policy.js";
import { policyAttachmentKind } from "./policy-attachment.js";
import { resourceMonitorKind } from "./resource-monitor.js";
import { roleKind } from "./role.js";
import { roleGrantKind } from "./role-grant.js";
import { rowAccessPolicyKind } from "./row-access-policy.js";
import { schemaKind } from "./schema.js";
import { tableKind } from "./table.js";
import { taskKind } from "./task.js";
import type { DeclarationBrand, DeclarationSpec, KindDefinition } from "./types.js";
import { userKind } from "./user.js";
import { viewKind } from "./view.js";
import { warehouseKind } from "./warehouse.js";

export const KINDS: { readonly [K in ObjectKind]: KindDefinition<K> } = {
  database: databaseKind,
  schema: schemaKind,
  warehouse: warehouseKind,
  resource_monitor: resourceMonitorKind,
  role: roleKind,
  role_grant: roleGrantKind,
  grant: grantKind,
  future_grant: futureGrantKind,
  user: userKind,
  view: viewKind,
  row_access_policy: rowAccessPolicyKind,
  policy_attachment: policyAttachmentKind,
  masking_policy: maskingPolicyKind,
  masking_attachment: maskingAttachmentKind,
  task: taskKind,
  table: tableKind,
};

/** The definition of a kind, typed loosely for code that handles any object. */
export function kindOf(kind: ObjectKind): KindDefinition<ObjectKind> {
  return KINDS[kind] as unknown as KindDefinition<ObjectKind>;
}

const ALL = Object.keys(KINDS) as ObjectKind[];
const by = (key: "report" | "create" | "remove") =>
  [...ALL].sort((a, b) => KINDS[a].order[key] - KINDS[b].order[key]);

/** Every kind, in the order reports list them. */
export const OBJECT_KINDS: readonly ObjectKind[] = by("report");
/** Kinds in the order plans create them (roles before grants, monitors before their warehouses). */
export const CREATE_ORDER: readonly ObjectKind[] = by("create");
/** Kinds in the order plans remove them (grants revoked before roles dropped). */
export const REMOVE_ORDER: readonly ObjectKind[] = by("remove");
/** Kinds compared by `drift` and `plan` unless asked otherwise (tables only with `--include tables`). */
export const DEFAULT_KINDS: readonly ObjectKind[] = OBJECT_KINDS.filter((k) => KINDS[k].comparedByDefault);

/** Declaration specs by the brand of their `define*` helper (or config entry). */
export const DECLARATIONS: ReadonlyMap<DeclarationBrand, DeclarationSpec> = new Map(
  ALL.flatMap((kind) => {
    const declaration = KINDS[kind].declaration;
    return declaration ? [[declaration.brand, declaration] as const] : [];
  }),
);

export * from "./database.js";
export * from "./future-grant.js";
export * from "./grant.js";
export * from "./masking-attachment.js";
export * from "./masking-policy.js";
export * from "./policy-attachment.js";
export * from "./resource-monitor.js";
export * from "./role.js";
export * from "./role-grant.js";
export * from "./row-access-policy.js";
export * from "./schema.js";
export {
  commentSchema,
  envValueSchema,
  identifierSchema,
  qualifiedSchema,
  qualifyIn,
  varValueSchema,
} from "./shared.js";
export * from "./table.js";
export * from "./task.js";
export * from "./types.js";
export * from "./user.js";
export * from "./view.js";
export * from "./warehouse.js";
export * from "./writer.js";
