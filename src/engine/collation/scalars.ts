/**
 * The JavaScript scalar functions the collation pass (`pass.ts`) calls: the comparison key of the
 * `upper` / `lower` / `trim` conversions, and the searches of `search.ts`. Each takes the collation
 * specification as its last argument (its first, for the variadic GREATEST / LEAST), as text.
 */
import { BIGINT, BOOLEAN, VARCHAR } from "../duckdb.js";
import type { ScalarDefinition } from "../functions/scalars.js";
import { JSON_TYPE } from "../functions/scalars-variant.js";
import {
  collatedContains,
  collatedEndsWith,
  collatedExtreme,
  collatedPosition,
  collatedReplace,
  collatedSplit,
  collatedSplitPart,
  collatedStartsWith,
  collationKey,
} from "./search.js";
import { parseCollationSpec } from "./spec.js";

const text = (v: unknown): string => String(v);

export const COLLATION_SCALARS: readonly ScalarDefinition[] = [
  {
    name: "merc_collation_key",
    parameters: [VARCHAR, VARCHAR],
    returns: VARCHAR,
    body: ([s, spec]) => {
      const parsed = parseCollationSpec(text(spec));
      return parsed === null ? text(s) : collationKey(text(s), parsed);
    },
  },
  {
    name: "merc_collated_contains",
    parameters: [VARCHAR, VARCHAR, VARCHAR],
    returns: BOOLEAN,
    body: ([s, p, spec]) => collatedContains(text(s), text(p), text(spec)),
  },
  {
    name: "merc_collated_startswith",
    parameters: [VARCHAR, VARCHAR, VARCHAR],
    returns: BOOLEAN,
    body: ([s, p, spec]) => collatedStartsWith(text(s), text(p), text(spec)),
  },
  {
    name: "merc_collated_endswith",
    parameters: [VARCHAR, VARCHAR, VARCHAR],
    returns: BOOLEAN,
    body: ([s, p, spec]) => collatedEndsWith(text(s), text(p), text(spec)),
  },
  {
    name: "merc_collated_position",
    parameters: [VARCHAR, VARCHAR, BIGINT, VARCHAR],
    returns: BIGINT,
    body: ([p, s, start, spec]) => collatedPosition(text(p), text(s), Number(start), text(spec)),
  },
  {
    name: "merc_collated_replace",
    parameters: [VARCHAR, VARCHAR, VARCHAR, VARCHAR],
    returns: VARCHAR,
    body: ([s, p, r, spec]) => collatedReplace(text(s), text(p), text(r), text(spec)),
  },
  {
    name: "merc_collated_split",
    parameters: [VARCHAR, VARCHAR, VARCHAR],
    returns: JSON_TYPE,
    body: ([s, separator, spec]) => JSON.stringify(collatedSplit(text(s), text(separator), text(spec))),
  },
  {
    name: "merc_collated_split_part",
    parameters: [VARCHAR, VARCHAR, BIGINT, VARCHAR],
    returns: VARCHAR,
    body: ([s, separator, n, spec]) => collatedSplitPart(text(s), text(separator), Number(n), text(spec)),
  },
  {
    name: "merc_collated_greatest",
    // The specification comes first, then the values: one variadic list of VARCHAR.
    parameters: [],
    varargs: VARCHAR,
    returns: VARCHAR,
    body: ([spec, ...values]) => collatedExtreme(values.map(text), text(spec), true),
  },
  {
    name: "merc_collated_least",
    // The specification comes first, then the values: one variadic list of VARCHAR.
    parameters: [],
    varargs: VARCHAR,
    returns: VARCHAR,
    body: ([spec, ...values]) => collatedExtreme(values.map(text), text(spec), false),
  },
];
