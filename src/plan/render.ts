/**
 * DDL for one difference, from the kind modules (src/model/kinds/): create what is missing, alter
 * what changed, remove what is unexpected. Owner changes are rendered here for every kind that
 * declares one (GRANT OWNERSHIP … COPY CURRENT GRANTS). Every difference either renders to
 * statements or throws PlanError: nothing is skipped silently.
 */
import type { ObjectDifference } from "../diff/index.js";
import {
  kindOf,
  type ModelObject,
  objectLabel,
  type RenderContext,
  type RenderedStatement,
} from "../model/index.js";

export type { RenderContext, RenderedStatement } from "../model/index.js";

/** Transfers ownership, keeping the grants already on the object. */
function ownershipStep(object: ModelObject, reason: string): RenderedStatement | undefined {
  const owner = (object as { owner?: string }).owner;
  const type = kindOf(object.kind).ownershipType;
  if (!owner || !type) return undefined;
  return {
    sql: `GRANT OWNERSHIP ON ${type} ${object.name} TO ROLE ${owner} COPY CURRENT GRANTS`,
    destructive: false,
    reason,
  };
}

/** Renders one difference. */
export function renderDifference(difference: ObjectDifference, context: RenderContext): RenderedStatement[] {
  if (difference.kind === "unexpected") {
    const live = difference.live!;
    const kind = kindOf(live.kind);
    return [
      {
        sql: kind.remove(live),
        destructive: true,
        reason: `${kind.removal} unexpected ${objectLabel(live)}`,
      },
    ];
  }
  const desired = difference.desired!;
  const kind = kindOf(desired.kind);
  if (difference.kind === "missing") {
    const statements = kind.create(desired, context);
    const transfer = ownershipStep(desired, "owner");
    return transfer ? [...statements, transfer] : statements;
  }
  const ownerChanged = difference.properties.some((p) => p.property === "owner");
  const rest = difference.properties.filter((p) => p.property !== "owner");
  const statements = rest.length > 0 ? kind.alter(desired, rest, context) : [];
  const transfer = ownerChanged ? ownershipStep(desired, "alter owner") : undefined;
  return transfer ? [...statements, transfer] : statements;
}
