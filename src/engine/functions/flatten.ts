/**
 * FLATTEN as a DuckDB table macro. The transpiler turns `TABLE(FLATTEN(INPUT => …))` into a broken
 * `UNNEST(INPUT => …)`, so calls are renamed to MERC_FLATTEN with positional arguments before
 * translation. Output columns are Snowflake's: SEQ, KEY, PATH, INDEX, VALUE, THIS; RECURSIVE walks
 * depth-first (a recursive CTE ordered by each row's position path), MODE limits what is expanded,
 * OUTER emits one row of NULLs for an empty input. SEQ is 1: a table macro cannot number its caller's rows.
 */

import { UNDEFINED_TEXT } from "./json.js";

/**
 * Children of one JSON value as structs {k: key, i: index, p: path, v: value, o: position}; an
 * undefined array element (`[1,,77]`) has no row, and the others keep their indexes.
 */
export const FLATTEN_CHILDREN_MACRO = `CREATE OR REPLACE MACRO merc_flatten_children(fv, fp, fm) AS
  CASE
    WHEN json_type(fv) = 'ARRAY' AND fm IN ('BOTH', 'ARRAY') THEN
      list_filter(list_transform(range(CAST(json_array_length(fv) AS BIGINT)), fi -> {
        'k': CAST(NULL AS VARCHAR), 'i': fi, 'p': fp || '[' || fi || ']',
        'v': json_extract(fv, '$[' || fi || ']')}), fc -> CAST(fc.v AS VARCHAR) <> '${UNDEFINED_TEXT}')
    WHEN json_type(fv) = 'OBJECT' AND fm IN ('BOTH', 'OBJECT') THEN
      list_transform(list_sort(json_keys(fv)), fk -> {
        'k': fk, 'i': CAST(NULL AS BIGINT), 'p': CASE WHEN fp = '' THEN fk ELSE fp || '.' || fk END,
        'v': json_extract(fv, '$."' || replace(fk, '"', '\\"') || '"')})
    ELSE []
  END`;

export const FLATTEN_MACRO = `CREATE OR REPLACE MACRO merc_flatten(flatten_input, flatten_path, flatten_outer, flatten_recursive, flatten_mode) AS TABLE
  WITH RECURSIVE
    flatten_root AS (
      SELECT json_extract(CAST(flatten_input AS JSON),
                          CASE WHEN flatten_path = '' THEN '$' ELSE '$.' || flatten_path END) AS root_value
    ),
    flatten_nodes(node_key, node_index, node_path, node_value, node_this, node_order) AS (
      SELECT c.k, c.i, c.p, c.v, r.root_value, [c.o]
        FROM flatten_root r,
             (SELECT unnest(list_transform(merc_flatten_children(root_value, flatten_path, upper(flatten_mode)),
                (x, n) -> struct_insert(x, o := n))) AS c FROM flatten_root) u(c)
      UNION ALL
      SELECT c.k, c.i, c.p, c.v, n.node_value, list_append(n.node_order, c.o)
        FROM flatten_nodes n,
             LATERAL (SELECT unnest(list_transform(merc_flatten_children(n.node_value, n.node_path, upper(flatten_mode)),
                (x, m) -> struct_insert(x, o := m))) AS c) u
        WHERE flatten_recursive
    )
  SELECT "SEQ", "KEY", "PATH", "INDEX", "VALUE", "THIS" FROM (
    SELECT 1 AS "SEQ", node_key AS "KEY", node_path AS "PATH", node_index AS "INDEX", node_value AS "VALUE",
           node_this AS "THIS", node_order AS flatten_order
      FROM flatten_nodes
    UNION ALL
    SELECT 1, NULL, flatten_path, NULL, NULL, root_value, []
      FROM flatten_root
      WHERE flatten_outer AND NOT EXISTS (SELECT 1 FROM flatten_nodes)
  ) ORDER BY flatten_order`;

/** FLATTEN's parameters in positional order, with their defaults (Snowflake text). */
export const FLATTEN_PARAMETERS: ReadonlyArray<readonly [string, string]> = [
  ["INPUT", "NULL"],
  ["PATH", "''"],
  ["OUTER", "FALSE"],
  ["RECURSIVE", "FALSE"],
  ["MODE", "'BOTH'"],
];
