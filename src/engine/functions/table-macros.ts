/**
 * Table functions of the table family as DuckDB table macros.
 */

/**
 * SPLIT_TO_TABLE(string, delimiter): one row per part with SEQ, INDEX (1-based) and VALUE. An empty
 * string gives one empty part; NULL gives no rows. SEQ is 1: a table macro cannot number its caller's
 * rows (FLATTEN has the same limit, see flatten.ts).
 */
export const SPLIT_TO_TABLE_MACRO = `CREATE OR REPLACE MACRO merc_split_to_table(split_input, split_delimiter) AS TABLE
  SELECT 1 AS "SEQ", split_index AS "INDEX", split_value AS "VALUE"
    FROM (SELECT unnest(CASE WHEN split_delimiter = '' THEN [split_input] ELSE string_split(split_input, split_delimiter) END) AS split_value,
                 generate_subscripts(CASE WHEN split_delimiter = '' THEN [split_input] ELSE string_split(split_input, split_delimiter) END, 1) AS split_index
            WHERE split_input IS NOT NULL)
    ORDER BY split_index`;
