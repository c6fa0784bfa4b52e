/**
 * Identity of model objects (kind + resolved name), how they are named for people, what category
 * of change they represent, and which of their properties are compared: all read from the kind
 * modules (src/model/kinds/).
 */
import { KINDS, kindOf } from "./kinds/index.js";
import type { PropertySpec } from "./kinds/types.js";
import type { ChangeCategory, ModelObject, ObjectKind } from "./types.js";

/** The key two objects share exactly when they are the same object: `<kind>:<name>`. */
export function objectKey(object: Pick<ModelObject, "kind" | "name">): string {
  return `${object.kind}:${object.name}`;
}

/** `WAREHOUSE MERCURIOS_DEV_WH`, `GRANT SELECT ON VIEW … -> MERCURIOS_ANALYST`. */
export function objectLabel(object: Pick<ModelObject, "kind" | "name">): string {
  return `${KINDS[object.kind].label} ${object.name}`;
}

export function kindLabel(kind: ObjectKind): string {
  return KINDS[kind].label;
}

/** The spec of a compared property, if the kind compares it. */
export function propertySpec(kind: ObjectKind, property: string): PropertySpec | undefined {
  return (kindOf(kind).properties as Record<string, PropertySpec>)[property];
}

/** What a change to this object (or one property of it) is about. */
export function changeCategory(kind: ObjectKind, property?: string): ChangeCategory {
  return (property && propertySpec(kind, property)?.category) || KINDS[kind].category;
}

/** The compared properties of a kind, in report order. */
export function comparedProperties(kind: ObjectKind): readonly string[] {
  return Object.keys(KINDS[kind].properties);
}

/** Property names as shown to people (the Snowflake parameter where there is one). */
export function propertyLabel(property: string, kind?: ObjectKind): string {
  if (kind) return propertySpec(kind, property)?.label ?? property;
  for (const definition of Object.values(KINDS)) {
    const spec = (definition.properties as Record<string, PropertySpec>)[property];
    if (spec) return spec.label;
  }
  return property;
}

/** Whether a property is a SQL body compared in canonical form (reports diff its text). */
export function isSqlProperty(kind: ObjectKind, property: string): boolean {
  return propertySpec(kind, property)?.sourceText !== undefined;
}

/** A property value as people read it in reports (sizes in display form, lists joined). */
export function displayValue(property: string, value: unknown, kind?: ObjectKind): string {
  if (value === undefined) return "(not set)";
  if (value === null) return "(unset)";
  const spec = kind ? propertySpec(kind, property) : undefined;
  if (spec?.display) return spec.display(value);
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.join(", ");
  return String(value);
}
