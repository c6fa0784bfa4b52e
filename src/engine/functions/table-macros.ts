/**
 * Table functions of the table family as DuckDB table macros.
 */

/**
 * SPLIT_TO_TABLE(string, delimiter): one row per part with SEQ, INDEX (1-based) and VALUE. An empty
 * string gives one empty part; NULL gives no rows. SEQ is `input_seq`: a table macro cannot number its
 * caller's rows, so a lateral call over a base table passes the row's number (table-function-seq.ts);
 * otherwise it is 1 (FLATTEN has the same limit, see flatten.ts).
 */
export const SPLIT_TO_TABLE_MACRO = `CREATE OR REPLACE MACRO merc_split_to_table(split_input, split_delimiter, input_seq := 1) AS TABLE
  SELECT input_seq AS "SEQ", split_index AS "INDEX", split_value AS "VALUE"
    FROM (SELECT unnest(CASE WHEN split_delimiter = '' THEN [split_input] ELSE string_split(split_input, split_delimiter) END) AS split_value,
                 generate_subscripts(CASE WHEN split_delimiter = '' THEN [split_input] ELSE string_split(split_input, split_delimiter) END, 1) AS split_index
            WHERE split_input IS NOT NULL)
    ORDER BY split_index`;

/** The parts of `strtok_input` between any of the characters of `strtok_delims`, empty ones dropped. */
const STRTOK_TOKENS = `list_filter(CASE WHEN strtok_delims = '' THEN [strtok_input]
      ELSE regexp_split_to_array(strtok_input, '[' || regexp_replace(strtok_delims, '([\\\\\\]\\[^-])', '\\\\\\1', 'g') || ']') END,
    strtok_part -> strtok_part <> '')`;

/**
 * STRTOK_SPLIT_TO_TABLE(string [, delimiters]): one row per token (any delimiter character splits,
 * empty tokens are dropped, the default delimiter is a space, core-rewrite.ts supplies it), with SEQ, INDEX (1-based) and VALUE.
 * An empty or NULL string, or one of delimiters only, gives no rows. SEQ as for SPLIT_TO_TABLE.
 */
export const STRTOK_SPLIT_TO_TABLE_MACRO = `CREATE OR REPLACE MACRO merc_strtok_split_to_table(strtok_input, strtok_delims, input_seq := 1) AS TABLE
    SELECT input_seq AS "SEQ", strtok_index AS "INDEX", strtok_value AS "VALUE"
    FROM (SELECT unnest(${STRTOK_TOKENS}) AS strtok_value,
                 generate_subscripts(${STRTOK_TOKENS}, 1) AS strtok_index
            WHERE strtok_input IS NOT NULL)
    ORDER BY strtok_index`;
