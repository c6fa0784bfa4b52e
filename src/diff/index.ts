/**
 * Pure comparison of a desired and a live model. Three kinds of difference:
 * - missing: declared, not live;
 * - changed: both, with one entry per differing property (declared vs live);
 * - unexpected: live, inside the managed scope, not declared (e.g. a grant added by hand).
 * Each is tagged security, cost or schema. Objects matching a config `ignore` pattern are skipped
 * on both sides; system roles and Snowflake-owned objects are never in scope.
 */
import {
  type AccountModel,
  type ChangeCategory,
  changeCategory,
  comparedProperties,
  DEFAULT_KINDS,
  displayValue,
  type GrantObject,
  isSystemRole,
  kindLabel,
  kindOf,
  type ManagedScope,
  type ModelObject,
  matchesPattern,
  OBJECT_KINDS,
  type ObjectKind,
  objectLabel,
  propertyLabel,
  propertySpec,
  splitDotted,
} from "../model/index.js";

export type DifferenceKind = "missing" | "changed" | "unexpected";

/** One property that differs. */
export interface PropertyDifference {
  /** Model property name (`size`, `queryCanonical`, …). */
  property: string;
  /** As people know it (`warehouse_size`, `query`, …). */
  label: string;
  declared: unknown;
  live: unknown;
  /** Display text of each side; for SQL bodies the original text, for the report's text diff. */
  declaredText: string;
  liveText: string;
  category: ChangeCategory;
}

/** One object that differs. */
export interface ObjectDifference {
  kind: DifferenceKind;
  key: string;
  objectKind: ObjectKind;
  name: string;
  /** `WAREHOUSE MERCURIOS_DEV_WH`. */
  label: string;
  category: ChangeCategory;
  /** For `changed`: the differing properties. */
  properties: PropertyDifference[];
  desired?: ModelObject;
  live?: ModelObject;
}

export interface DiffResult {
  differences: ObjectDifference[];
  /** Every object compared (declared or unexpected), by key, with its label and category: one JUnit case each. */
  compared: { key: string; label: string; objectKind: ObjectKind; category: ChangeCategory }[];
}

export interface DiffOptions {
  /** Only these kinds are compared (default: all but tables). */
  kinds?: readonly ObjectKind[];
}

/** Default kinds: everything declared; tables only with `--include tables`. */
export const DEFAULT_DIFF_KINDS: readonly ObjectKind[] = DEFAULT_KINDS;

/** True when an object matches one of the config's `ignore` patterns (`<KIND> <NAME>`). */
export function isIgnored(object: Pick<ModelObject, "kind" | "name">, scope: ManagedScope): boolean {
  const label = objectLabel(object);
  return scope.ignore.some((pattern) => matchesPattern(label, pattern));
}

/** Whether a live object is inside the managed scope, so that it must be declared. */
export function isManaged(object: ModelObject, scope: ManagedScope): boolean {
  return kindOf(object.kind).isManaged(object, scope);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The original text shown for SQL bodies compared in canonical form; else the display value. */
function textOf(object: ModelObject, property: string, value: unknown): string {
  const sourceText = propertySpec(object.kind, property)?.sourceText;
  if (sourceText) return sourceText(object) ?? String(value ?? "");
  return displayValue(property, value, object.kind);
}

/** Compares two objects of the same identity; returns the differing properties. */
export function compareObjects(desired: ModelObject, live: ModelObject): PropertyDifference[] {
  const differences: PropertyDifference[] = [];
  const d = desired as unknown as Record<string, unknown>;
  const l = live as unknown as Record<string, unknown>;
  for (const property of comparedProperties(desired.kind)) {
    const declared = d[property];
    const current = l[property];
    // Not declared: not managed. Not readable on the live side: cannot be compared.
    if (declared === undefined || current === undefined) continue;
    if (sameValue(declared, current)) continue;
    differences.push({
      property,
      label: propertyLabel(property, desired.kind),
      declared,
      live: current,
      declaredText: textOf(desired, property, declared),
      liveText: textOf(live, property, current),
      category: changeCategory(desired.kind, property),
    });
  }
  return differences;
}

/**
 * A grant that a declared future grant produced (same privilege, object type and role, on an object
 * in the future grant's schema or database) is declared too: it is not unexpected.
 */
function futureGrantCoverage(desired: AccountModel): (grant: GrantObject) => boolean {
  const keys = new Set<string>();
  for (const object of desired.objects.values()) {
    if (object.kind === "future_grant") {
      keys.add(`${object.privilege}|${object.objectType}|${object.container}|${object.role}`);
    }
  }
  return (grant) => {
    if (keys.size === 0) return false;
    const parts = splitDotted(grant.objectName);
    if (parts.length !== 3) return false;
    const [database, schema] = parts as [string, string, string];
    return (
      keys.has(`${grant.privilege}|${grant.objectType}|${database}.${schema}|${grant.role}`) ||
      keys.has(`${grant.privilege}|${grant.objectType}|${database}|${grant.role}`)
    );
  };
}

/** Compares the desired model with the live one. Deterministic order: by kind, then name. */
export function diffModels(desired: AccountModel, live: AccountModel, options: DiffOptions = {}): DiffResult {
  const kinds = new Set(options.kinds ?? DEFAULT_DIFF_KINDS);
  const scope = desired.scope;
  const differences: ObjectDifference[] = [];
  const compared: DiffResult["compared"] = [];
  const base = (object: ModelObject) => ({
    key: `${object.kind}:${object.name}`,
    objectKind: object.kind,
    name: object.name,
    label: objectLabel(object),
    category: changeCategory(object.kind),
  });

  for (const [key, object] of desired.objects) {
    if (!kinds.has(object.kind) || isIgnored(object, scope)) continue;
    compared.push({
      key,
      label: objectLabel(object),
      objectKind: object.kind,
      category: changeCategory(object.kind),
    });
    const current = live.objects.get(key);
    if (!current) {
      differences.push({ ...base(object), kind: "missing", properties: [], desired: object });
      continue;
    }
    const properties = compareObjects(object, current);
    if (properties.length > 0) {
      const category = properties.some((p) => p.category === "security")
        ? "security"
        : (properties[0]?.category ?? changeCategory(object.kind));
      differences.push({
        ...base(object),
        kind: "changed",
        category,
        properties,
        desired: object,
        live: current,
      });
    }
  }
  const covered = futureGrantCoverage(desired);
  for (const [key, object] of live.objects) {
    if (!kinds.has(object.kind) || desired.objects.has(key)) continue;
    if (isIgnored(object, scope) || !isManaged(object, scope)) continue;
    if (object.kind === "grant" && covered(object)) continue;
    compared.push({
      key,
      label: objectLabel(object),
      objectKind: object.kind,
      category: changeCategory(object.kind),
    });
    differences.push({ ...base(object), kind: "unexpected", properties: [], live: object });
  }
  const order = new Map<string, number>(OBJECT_KINDS.map((k, i) => [k, i]));
  const byKindAndName = (a: { objectKind: string; key: string }, b: { objectKind: string; key: string }) =>
    (order.get(a.objectKind) ?? 99) - (order.get(b.objectKind) ?? 99) || a.key.localeCompare(b.key);
  differences.sort(byKindAndName);
  compared.sort(byKindAndName);
  return { differences, compared };
}

/** Counts per difference kind and category, for summaries. */
export function summarise(result: DiffResult): {
  missing: number;
  changed: number;
  unexpected: number;
  byCategory: Record<ChangeCategory, number>;
} {
  const summary = { missing: 0, changed: 0, unexpected: 0, byCategory: { security: 0, cost: 0, schema: 0 } };
  for (const difference of result.differences) {
    summary[difference.kind]++;
    summary.byCategory[difference.category]++;
  }
  return summary;
}

/** Account-level kinds whose undeclared objects are reported as unmanaged (`drift --strict` fails on them). */
const ACCOUNT_KINDS = ["role", "user", "warehouse"] as const;

/** A role, user or warehouse in the account that no declaration manages. */
export interface UnmanagedObject {
  objectKind: (typeof ACCOUNT_KINDS)[number];
  /** `ROLE`, `USER`, `WAREHOUSE`. */
  objectType: string;
  name: string;
}

/**
 * Roles, users and warehouses that exist in the account but are outside the managed scope: nobody
 * declared them, so nobody reviews who they are or what they may do. System roles, ignored objects
 * and `exclude` (the user the check runs as) are left out. Sorted by kind, then name.
 */
export function unmanagedObjects(
  desired: AccountModel,
  live: AccountModel,
  exclude: { users?: readonly string[] } = {},
): UnmanagedObject[] {
  const scope = desired.scope;
  const found: UnmanagedObject[] = [];
  for (const [key, object] of live.objects) {
    const kind = ACCOUNT_KINDS.find((k) => k === object.kind);
    if (!kind || desired.objects.has(key) || isIgnored(object, scope) || isManaged(object, scope)) continue;
    if (kind === "role" && isSystemRole(object.name)) continue;
    if (kind === "user" && exclude.users?.includes(object.name)) continue;
    found.push({ objectKind: kind, objectType: kindLabel(kind), name: object.name });
  }
  return found.sort(
    (a, b) =>
      ACCOUNT_KINDS.indexOf(a.objectKind) - ACCOUNT_KINDS.indexOf(b.objectKind) ||
      a.name.localeCompare(b.name),
  );
}
