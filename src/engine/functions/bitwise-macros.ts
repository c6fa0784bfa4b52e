/**
 * Macros of the bitwise family. Numbers are cast to a 128-bit integer (a string such as '12.3' to
 * 12, one that is not a number to NULL), as Snowflake does; BINARY values are combined byte by byte
 * on their hexadecimal text. Which one a call means is decided by the type system from the first
 * argument's type (type-system.ts renames BITAND to MERC_BITAND_INT or MERC_BITAND_BINARY).
 */
import type { MacroDefinition } from "./macros.js";
import { raise } from "./type-macros.js";

/** The n-th byte (0-based) of a BINARY value as an integer. */
const byte = (value: string, index: string): string =>
  `(('0x' || substr(hex(${value}), ${index} * 2 + 1, 2))::INTEGER)`;

/** A BINARY value built from the bytes an expression over `i` gives for i in 0 … length-1. */
const bytesOf = (length: string, expression: string): string =>
  `unhex(coalesce(list_aggr(list_transform(range(${length}), i -> printf('%02X', (${expression}) & 255)), 'string_agg', ''), ''))`;

/** The bits of a BINARY value as a '0'/'1' string, and back. */
const BITS = `coalesce(list_aggr(list_transform(range(octet_length(b)), i -> lpad(bin(${byte("b", "i")}), 8, '0')), 'string_agg', ''), '')`;
const FROM_BITS = `unhex(coalesce(list_aggr(list_transform(range(length(s) // 8), i -> printf('%02X', ('0b' || substr(s, i * 8 + 1, 8))::INTEGER)), 'string_agg', ''), ''))`;

const LENGTHS_DIFFER = raise(
  "100544",
  "22026",
  "'The lengths of two variable-sized fields do not match: first length ' || octet_length(a) || ', second length ' || octet_length(b)",
);

/** A byte-wise operation on two BINARY values: equal lengths, or the shorter padded on the given side. */
function binaryOperation(name: string, combine: (x: string, y: string) => string): MacroDefinition[] {
  return [
    {
      name: `merc_${name}_same_length`,
      snowflake: `helper: ${name.toUpperCase()} on two BINARY values of the same length`,
      overloads: [
        `(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL
          WHEN octet_length(a) <> octet_length(b) THEN ${LENGTHS_DIFFER}
          ELSE ${bytesOf("octet_length(a)", combine(byte("a", "i"), byte("b", "i")))} END`,
      ],
    },
    {
      name: `merc_${name}_binary`,
      snowflake: `${name.toUpperCase()} on BINARY values (equal lengths, or padded on the given side)`,
      overloads: [
        `(a, b) AS merc_${name}_same_length(a, b)`,
        `(a, b, side) AS merc_${name}_same_length(merc_pad_binary(a, octet_length(b), side), merc_pad_binary(b, octet_length(a), side))`,
      ],
    },
  ];
}

export const BITWISE_MACROS: readonly MacroDefinition[] = [
  {
    name: "merc_bit_integer",
    snowflake: "helper: a number or numeric string as a 128-bit integer (NULL when it is not a number)",
    overloads: ["(x) AS TRY_CAST(TRY_CAST(x AS DECIMAL(38, 10)) AS HUGEINT)"],
  },
  {
    name: "merc_pad_binary",
    snowflake: "helper: a BINARY value padded with zero bytes to n bytes on the LEFT or RIGHT",
    overloads: [
      `(x, n, side) AS CASE WHEN octet_length(x) >= n THEN x
        WHEN upper(side) = 'LEFT' THEN unhex(repeat('00', n - octet_length(x)) || hex(x))
        ELSE unhex(hex(x) || repeat('00', n - octet_length(x))) END`,
    ],
  },
  {
    name: "merc_bitand_int",
    snowflake: "BITAND on numbers",
    overloads: ["(a, b) AS merc_bit_integer(a) & merc_bit_integer(b)"],
  },
  {
    name: "merc_bitor_int",
    snowflake: "BITOR on numbers",
    overloads: ["(a, b) AS merc_bit_integer(a) | merc_bit_integer(b)"],
  },
  {
    name: "merc_bitxor_int",
    snowflake: "BITXOR on numbers",
    overloads: ["(a, b) AS xor(merc_bit_integer(a), merc_bit_integer(b))"],
  },
  { name: "merc_bitnot_int", snowflake: "BITNOT on numbers", overloads: ["(a) AS ~merc_bit_integer(a)"] },
  {
    name: "merc_bitshiftleft_int",
    snowflake: "BITSHIFTLEFT on numbers (bits shifted past the 128-bit value are dropped)",
    overloads: [
      "(a, n) AS CASE WHEN n >= 127 THEN 0::HUGEINT ELSE (merc_bit_integer(a) & ((1::HUGEINT << (127 - n)) - 1)) << n END",
    ],
  },
  {
    name: "merc_bitshiftright_int",
    snowflake: "BITSHIFTRIGHT on numbers",
    overloads: ["(a, n) AS merc_bit_integer(a) >> least(n, 127)"],
  },
  { name: "merc_getbit", snowflake: "GETBIT", overloads: ["(a, n) AS (merc_bit_integer(a) >> n) & 1"] },
  ...binaryOperation("bitand", (x, y) => `${x} & ${y}`),
  ...binaryOperation("bitor", (x, y) => `${x} | ${y}`),
  ...binaryOperation("bitxor", (x, y) => `xor(${x}, ${y})`),
  {
    name: "merc_bitnot_binary",
    snowflake: "BITNOT on a BINARY value",
    overloads: [
      `(a) AS CASE WHEN a IS NULL THEN NULL ELSE ${bytesOf("octet_length(a)", `255 - ${byte("a", "i")}`)} END`,
    ],
  },
  {
    name: "merc_bits",
    snowflake: "helper: the bits of a BINARY value as a string of 0 and 1",
    overloads: [`(b) AS ${BITS}`],
  },
  {
    name: "merc_from_bits",
    snowflake: "helper: a BINARY value from a string of 0 and 1 (whole bytes)",
    overloads: [`(s) AS ${FROM_BITS}`],
  },
  {
    name: "merc_bitshiftleft_binary",
    snowflake: "BITSHIFTLEFT on a BINARY value (same length; bits shifted out are dropped)",
    overloads: [
      "(a, n) AS CASE WHEN a IS NULL OR n IS NULL THEN NULL ELSE merc_from_bits(substr(merc_bits(a) || repeat('0', least(n, octet_length(a) * 8)), least(n, octet_length(a) * 8) + 1, octet_length(a) * 8)) END",
    ],
  },
  {
    name: "merc_bitshiftright_binary",
    snowflake: "BITSHIFTRIGHT on a BINARY value (same length; bits shifted out are dropped)",
    overloads: [
      "(a, n) AS CASE WHEN a IS NULL OR n IS NULL THEN NULL ELSE merc_from_bits(substr(repeat('0', least(n, octet_length(a) * 8)) || merc_bits(a), 1, octet_length(a) * 8)) END",
    ],
  },
];
