/**
 * The ARRAY / OBJECT / VARIANT functions of variant.ts as DuckDB scalar functions (`MERC_*`).
 * Arrays and variants arrive as JSON text (rewrite-variant.ts passes every such argument through
 * MERC_VARIANT, DuckDB's to_json), numbers as BIGINT, and leave as DuckDB's JSON type.
 */
import { BIGINT, BOOLEAN, DuckDBVarCharType, VARCHAR } from "../duckdb.js";
import type { ScalarDefinition, Value } from "./scalars.js";
import * as v from "./variant.js";

/** DuckDB's JSON type (VARCHAR with the JSON alias), what the engine stores VARIANT / OBJECT / ARRAY as. */
export const JSON_TYPE = DuckDBVarCharType.create("JSON");

const s = (x: Value | undefined): string => String(x);
const n = (x: Value | undefined): number => Number(x);
/** A nullable argument (bodies with `nulls: true`). */
const opt = (x: Value | undefined): string | null => (x === null || x === undefined ? null : String(x));

/** Arrays and VARIANTs are passed as JSON, not VARCHAR: DuckDB casts a JSON null to a SQL NULL. */
const J = JSON_TYPE;

export const VARIANT_SCALARS: readonly ScalarDefinition[] = [
  {
    name: "merc_array_construct",
    parameters: [],
    varargs: J,
    nulls: true,
    returns: J,
    body: (args) => v.arrayConstruct(args.map(opt), false),
  },
  {
    name: "merc_array_construct_compact",
    parameters: [],
    varargs: J,
    nulls: true,
    returns: J,
    body: (args) => v.arrayConstruct(args.map(opt), true),
  },
  { name: "merc_array_size", parameters: [J], returns: BIGINT, body: ([a]) => v.arraySize(s(a)) },
  {
    name: "merc_array_contains",
    parameters: [J, J],
    nulls: true,
    returns: BOOLEAN,
    body: ([x, a]) => (a === null ? null : v.arrayContains(opt(x), s(a))),
  },
  {
    name: "merc_array_position",
    parameters: [J, J],
    nulls: true,
    returns: BIGINT,
    body: ([x, a]) => (a === null ? null : v.arrayPosition(opt(x), s(a))),
  },
  {
    name: "merc_array_append",
    parameters: [J, J],
    nulls: true,
    returns: J,
    body: ([a, x]) => (a === null ? null : v.arrayAppend(s(a), opt(x))),
  },
  {
    name: "merc_array_prepend",
    parameters: [J, J],
    nulls: true,
    returns: J,
    body: ([a, x]) => (a === null ? null : v.arrayPrepend(s(a), opt(x))),
  },
  {
    name: "merc_array_insert",
    parameters: [J, BIGINT, J],
    nulls: true,
    returns: J,
    body: ([a, p, x]) => (a === null || p === null ? null : v.arrayInsert(s(a), n(p), opt(x))),
  },
  { name: "merc_array_cat", parameters: [J, J], returns: J, body: ([a, b]) => v.arrayCat(s(a), s(b)) },
  { name: "merc_array_compact", parameters: [J], returns: J, body: ([a]) => v.arrayCompact(s(a)) },
  { name: "merc_array_distinct", parameters: [J], returns: J, body: ([a]) => v.arrayDistinct(s(a)) },
  { name: "merc_array_union_agg", parameters: [J], returns: J, body: ([a]) => v.arrayUnionAgg(s(a)) },
  { name: "merc_array_except", parameters: [J, J], returns: J, body: ([a, b]) => v.arrayExcept(s(a), s(b)) },
  {
    name: "merc_array_intersection",
    parameters: [J, J],
    returns: J,
    body: ([a, b]) => v.arrayIntersection(s(a), s(b)),
  },
  {
    name: "merc_arrays_overlap",
    parameters: [J, J],
    returns: BOOLEAN,
    body: ([a, b]) => v.arraysOverlap(s(a), s(b)),
  },
  { name: "merc_array_flatten", parameters: [J], returns: J, body: ([a]) => v.arrayFlatten(s(a)) },
  {
    name: "merc_array_generate_range",
    parameters: [BIGINT, BIGINT, BIGINT],
    returns: J,
    body: ([a, b, c]) => v.arrayGenerateRange(n(a), n(b), n(c)),
  },
  { name: "merc_array_max", parameters: [J], returns: J, body: ([a]) => v.arrayExtreme(s(a), "max") },
  { name: "merc_array_min", parameters: [J], returns: J, body: ([a]) => v.arrayExtreme(s(a), "min") },
  { name: "merc_array_remove", parameters: [J, J], returns: J, body: ([a, x]) => v.arrayRemove(s(a), s(x)) },
  {
    name: "merc_array_remove_at",
    parameters: [J, BIGINT],
    returns: J,
    body: ([a, p]) => v.arrayRemoveAt(s(a), n(p)),
  },
  { name: "merc_array_reverse", parameters: [J], returns: J, body: ([a]) => v.arrayReverse(s(a)) },
  {
    name: "merc_array_slice",
    parameters: [J, BIGINT, BIGINT],
    returns: J,
    body: ([a, f, t]) => v.arraySlice(s(a), n(f), n(t)),
  },
  {
    name: "merc_array_sort",
    parameters: [J, BOOLEAN, BOOLEAN],
    nulls: true,
    returns: J,
    body: ([a, asc, first]) =>
      a === null || asc === null
        ? null
        : v.arraySort(s(a), asc === true, first === null ? null : first === true),
  },
  {
    name: "merc_array_to_string",
    parameters: [J, VARCHAR],
    returns: VARCHAR,
    body: ([a, sep]) => v.arrayToString(s(a), s(sep)),
  },
  {
    name: "merc_arrays_to_object",
    parameters: [J, J],
    returns: J,
    body: ([k, x]) => v.arraysToObject(s(k), s(x)),
  },
  {
    name: "merc_arrays_zip",
    parameters: [],
    varargs: J,
    returns: J,
    body: (args) => v.arraysZip(args.map(s)),
  },
  { name: "merc_get", parameters: [J, J], returns: J, body: ([c, k]) => v.get(s(c), s(k)) },
  {
    name: "merc_get_ignore_case",
    parameters: [J, J],
    returns: J,
    body: ([c, k]) => v.get(s(c), s(k), true),
  },
  {
    name: "merc_object_insert",
    parameters: [J, J, J, BOOLEAN],
    nulls: true,
    returns: J,
    body: ([o, k, x, update]) => (o === null ? null : v.objectInsert(s(o), opt(k), opt(x), update === true)),
  },
  {
    name: "merc_object_delete",
    parameters: [J],
    varargs: J,
    returns: J,
    body: ([o, ...keys]) => v.objectDelete(s(o), keys.map(s)),
  },
  {
    name: "merc_object_pick",
    parameters: [J],
    varargs: J,
    returns: J,
    body: ([o, ...keys]) => v.objectPick(s(o), keys.map(s)),
  },
  { name: "merc_object_keys", parameters: [J], returns: J, body: ([o]) => v.objectKeys(s(o)) },
  {
    name: "merc_array_repeat",
    parameters: [J, BIGINT],
    nulls: true,
    returns: J,
    body: ([x, count]) => (count === null ? null : v.arrayRepeat(opt(x), n(count))),
  },
  { name: "merc_strip_null_value", parameters: [J], returns: J, body: ([x]) => v.stripNullValue(s(x)) },
  { name: "merc_check_json", parameters: [J], returns: VARCHAR, body: ([x]) => v.checkJson(s(x)) },
  {
    name: "merc_is_type",
    parameters: [VARCHAR, J],
    returns: BOOLEAN,
    body: ([fn, x]) => {
      const type = v.variantType(s(x));
      return type === null ? null : (v.TYPE_PREDICATES[s(fn)] ?? []).includes(type);
    },
  },
  {
    name: "merc_variant_as",
    parameters: [VARCHAR, J],
    returns: VARCHAR,
    body: ([types, x]) => v.variantAs(s(x), s(types).split(",") as v.VariantType[]),
  },
  { name: "merc_typeof", parameters: [J], returns: VARCHAR, body: ([x]) => v.variantType(s(x)) },
  { name: "merc_to_array", parameters: [J], returns: J, body: ([x]) => v.toArray(s(x)) },
  { name: "merc_to_object", parameters: [J], returns: J, body: ([x]) => v.toObject(s(x)) },
];
