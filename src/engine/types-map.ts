/**
 * Snowflake data types: the canonical spelling Snowflake prints (`NUMBER(38,0)`, `VARCHAR(16777216)`),
 * the DuckDB type that stores them, and the mapping back from DuckDB result types.
 */
import { isTzDuckType, TZ_DUCK_TYPE } from "./datetime/tz.js";
import { type IntervalQualifier, intervalTypeText, parseIntervalQualifier } from "./interval-types.js";
import {
  looksStructured,
  parseStructuredType,
  type StructuredType,
  structuredTypeText,
} from "./structured-types.js";
import type { ResultColumn, SnowflakeTypeName } from "./types.js";

/** A Snowflake type as declared, with its DuckDB storage type. */
export interface SnowflakeType {
  /** As DESCRIBE prints it, e.g. `NUMBER(10,2)`, `TIMESTAMP_NTZ(9)`. */
  sqlType: string;
  type: SnowflakeTypeName;
  duckType: string;
  precision: number | null;
  scale: number | null;
  length: number | null;
  /** A text column's collation specification, in lower case (`COLLATE 'en-ci'`); absent for none. */
  collation?: string;
  /** Structured ARRAY / OBJECT / MAP types: the element, field and key/value types. */
  structured?: StructuredType;
  /** Interval types: the qualifier. */
  interval?: IntervalQualifier;
}

/**
 * Type syntax the transpiler cannot parse (structured types, interval qualifiers) stands in the
 * statement as one custom type name holding the written text in hex (type-syntax.ts), so the
 * parser accepts it and the text survives a cache round trip; this prefix marks it.
 */
export const TYPE_PLACEHOLDER_PREFIX = "MERC_TYPE_";

/** The placeholder type name for a written type. */
export function typePlaceholder(written: string): string {
  return `${TYPE_PLACEHOLDER_PREFIX}${Buffer.from(written, "utf8").toString("hex")}`;
}

/** The written type a placeholder stands for, or null when the name is not one. */
export function placeholderText(name: string): string | null {
  const m = /^\s*MERC_TYPE_([0-9a-f]+)\s*$/i.exec(name);
  return m ? Buffer.from((m[1] as string).toLowerCase(), "hex").toString("utf8") : null;
}

/** Canonical text of a type inside a structured type: a VARCHAR written without a length stays `VARCHAR`. */
function memberCanonical(written: string): string | null {
  const type = parseSnowflakeType(written);
  if (type === null) return null;
  if (type.type === "text" && !/\(/.test(written) && type.sqlType.startsWith("VARCHAR")) return "VARCHAR";
  return type.sqlType;
}

function structuredSnowflakeType(written: string): SnowflakeType | null {
  // CAST(… AS OBJECT(…) RENAME FIELDS | ADD FIELDS): the mode belongs to the cast, not the type.
  const type = parseStructuredType(written.replace(/\s+(RENAME|ADD)\s+FIELDS\s*$/i, ""), memberCanonical);
  if (type === null) return null;
  const name = type.kind === "array" ? "array" : "object";
  return { ...make(name, structuredTypeText(type), "JSON"), structured: type };
}

function intervalSnowflakeType(written: string): SnowflakeType | null {
  const q = parseIntervalQualifier(written);
  return q === null ? null : { ...make("interval", intervalTypeText(q), "INTERVAL"), interval: q };
}

const MAX_VARCHAR = 16_777_216;
const MAX_BINARY = 8_388_608;

function make(
  type: SnowflakeTypeName,
  sqlType: string,
  duckType: string,
  precision: number | null = null,
  scale: number | null = null,
  length: number | null = null,
): SnowflakeType {
  return { type, sqlType, duckType, precision, scale, length };
}

/** The type as the catalog stores and DESCRIBE prints it: with `COLLATE '<spec>'` when collated. */
export function declaredTypeText(type: SnowflakeType): string {
  return type.collation === undefined
    ? type.sqlType
    : `${type.sqlType} COLLATE '${type.collation.replaceAll("'", "''")}'`;
}

/** Fixed-point type at a precision and scale. */
export function numberType(precision: number, scale: number): SnowflakeType {
  return make("fixed", `NUMBER(${precision},${scale})`, `DECIMAL(${precision},${scale})`, precision, scale);
}

export const VARCHAR_MAX = make("text", `VARCHAR(${MAX_VARCHAR})`, "VARCHAR", null, null, MAX_VARCHAR);

/**
 * Maps a written Snowflake type (`number(10, 2)`, `STRING`, `timestamp_ltz(3)`, `TIMESTAMPNTZ`) to its
 * canonical form. Returns null for a type the engine does not know.
 */
export function parseSnowflakeType(written: string): SnowflakeType | null {
  const hidden = placeholderText(written);
  if (hidden !== null) return parseSnowflakeType(hidden);
  // A text type may carry its column's collation: `VARCHAR(10) COLLATE 'en-ci'` (docs: collation).
  const collated = /^(.*?)\s+COLLATE\s+'((?:[^']|'')*)'\s*$/is.exec(written);
  if (collated) {
    const base = parseSnowflakeType(collated[1] as string);
    if (base === null || base.type !== "text" || /^(GEOGRAPHY|GEOMETRY)$/.test(base.sqlType)) return null;
    // Specifications are case-insensitive; Snowflake records them in lower case (the alter-table
    // page's `COLLATE 'en_US'` column describes as `VARCHAR(16777216) COLLATE 'en_us'`).
    const spec = (collated[2] as string).replaceAll("''", "'").toLowerCase();
    return spec === "" ? base : { ...base, collation: spec };
  }
  if (looksStructured(written)) return structuredSnowflakeType(written);
  if (/^\s*INTERVAL\s/i.test(written)) return intervalSnowflakeType(written);
  const m = /^\s*([A-Za-z_][A-Za-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(written);
  if (!m) return null;
  const name = (m[1] as string).toUpperCase().replace(/\s+/g, " ");
  const a = m[2] === undefined ? null : Number(m[2]);
  const b = m[3] === undefined ? null : Number(m[3]);
  switch (name) {
    case "NUMBER":
    case "DECIMAL":
    case "NUMERIC":
    case "DEC":
      return numberType(a ?? 38, b ?? 0);
    case "INT":
    case "INTEGER":
    case "BIGINT":
    case "SMALLINT":
    case "TINYINT":
    case "BYTEINT":
    case "INT4":
    case "INT8":
    case "INT2":
    case "HUGEINT":
      return numberType(38, 0);
    case "FLOAT":
    case "FLOAT4":
    case "FLOAT8":
    case "DOUBLE":
    case "DOUBLE PRECISION":
    case "REAL":
      return make("real", "FLOAT", "DOUBLE");
    case "VARCHAR":
    case "STRING":
    case "TEXT":
    case "NVARCHAR":
    case "NVARCHAR2":
    case "CHAR VARYING":
    case "NCHAR VARYING":
    case "CHARACTER VARYING": {
      const len = a ?? MAX_VARCHAR;
      return make("text", `VARCHAR(${len})`, "VARCHAR", null, null, len);
    }
    case "CHAR":
    case "CHARACTER":
    case "NCHAR": {
      const len = a ?? 1;
      return make("text", `VARCHAR(${len})`, "VARCHAR", null, null, len);
    }
    case "BOOLEAN":
    case "BOOL":
      return make("boolean", "BOOLEAN", "BOOLEAN");
    case "DATE":
      return make("date", "DATE", "DATE");
    case "TIME":
      return make("time", `TIME(${a ?? 9})`, "TIME", 0, a ?? 9);
    case "DATETIME":
    case "TIMESTAMP":
    case "TIMESTAMP_NTZ":
    case "TIMESTAMPNTZ":
    case "TIMESTAMP WITHOUT TIME ZONE":
      return make("timestamp_ntz", `TIMESTAMP_NTZ(${a ?? 9})`, "TIMESTAMP", 0, a ?? 9);
    case "TIMESTAMP_LTZ":
    case "TIMESTAMPLTZ":
    case "TIMESTAMP WITH LOCAL TIME ZONE":
      return make("timestamp_ltz", `TIMESTAMP_LTZ(${a ?? 9})`, "TIMESTAMPTZ", 0, a ?? 9);
    case "TIMESTAMP_TZ":
    case "TIMESTAMPTZ":
    case "TIMESTAMP WITH TIME ZONE":
      return make("timestamp_tz", `TIMESTAMP_TZ(${a ?? 9})`, TZ_DUCK_TYPE, 0, a ?? 9);
    case "VARIANT":
    case "JSON":
      return make("variant", "VARIANT", "JSON");
    case "OBJECT":
    case "MAP":
      return make("object", "OBJECT", "JSON");
    case "ARRAY":
      return make("array", "ARRAY", "JSON");
    case "BINARY":
    case "VARBINARY":
    case "BLOB":
    case "BYTEA": {
      const len = a ?? MAX_BINARY;
      return make("binary", `BINARY(${len})`, "BLOB", null, null, len);
    }
    case "GEOGRAPHY":
    case "GEOMETRY":
      return make("text", name, "VARCHAR", null, null, MAX_VARCHAR);
    default:
      return null;
  }
}

/** The Snowflake result column for a DuckDB result type (its `toString()`), before naming. */
export function fromDuckType(duckType: string, alias?: string): Omit<ResultColumn, "name" | "nullable"> {
  if (alias === "JSON")
    return { type: "variant", sqlType: "VARIANT", precision: null, scale: null, length: null };
  if (isTzDuckType(duckType))
    return { type: "timestamp_tz", sqlType: "TIMESTAMP_TZ(9)", precision: 0, scale: 9, length: null };
  const t = duckType.toUpperCase();
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) {
    const scale = Number(dec[2]);
    return { type: "fixed", sqlType: `NUMBER(38,${scale})`, precision: 38, scale, length: null };
  }
  switch (t) {
    case "TINYINT":
    case "SMALLINT":
    case "INTEGER":
    case "BIGINT":
    case "HUGEINT":
    case "UTINYINT":
    case "USMALLINT":
    case "UINTEGER":
    case "UBIGINT":
    case "UHUGEINT":
      return { type: "fixed", sqlType: "NUMBER(38,0)", precision: 38, scale: 0, length: null };
    case "FLOAT":
    case "DOUBLE":
      return { type: "real", sqlType: "FLOAT", precision: null, scale: null, length: null };
    case "BOOLEAN":
      return { type: "boolean", sqlType: "BOOLEAN", precision: null, scale: null, length: null };
    case "DATE":
      return { type: "date", sqlType: "DATE", precision: null, scale: null, length: null };
    case "TIME":
    case "TIME WITH TIME ZONE":
      return { type: "time", sqlType: "TIME(9)", precision: 0, scale: 9, length: null };
    case "TIMESTAMP":
    case "TIMESTAMP_S":
    case "TIMESTAMP_MS":
    case "TIMESTAMP_NS":
      return { type: "timestamp_ntz", sqlType: "TIMESTAMP_NTZ(9)", precision: 0, scale: 9, length: null };
    case "TIMESTAMP WITH TIME ZONE":
      return { type: "timestamp_ltz", sqlType: "TIMESTAMP_LTZ(9)", precision: 0, scale: 9, length: null };
    case "BLOB":
      return {
        type: "binary",
        sqlType: `BINARY(${MAX_BINARY})`,
        precision: null,
        scale: null,
        length: MAX_BINARY,
      };
    case "INTERVAL":
      // The difference of two timestamps; typed columns report their declared qualifier.
      return {
        type: "interval",
        sqlType: "INTERVAL DAY(9) TO SECOND(9)",
        precision: 9,
        scale: 9,
        length: null,
      };
    case "JSON":
    case "VARIANT":
      return { type: "variant", sqlType: "VARIANT", precision: null, scale: null, length: null };
    default:
      if (t.endsWith("[]") || (t.startsWith("MAP(") === false && /\[\d*\]$/.test(t)))
        return { type: "array", sqlType: "ARRAY", precision: null, scale: null, length: null };
      if (t.startsWith("STRUCT") || t.startsWith("MAP"))
        return { type: "object", sqlType: "OBJECT", precision: null, scale: null, length: null };
      return {
        type: "text",
        sqlType: `VARCHAR(${MAX_VARCHAR})`,
        precision: null,
        scale: null,
        length: MAX_VARCHAR,
      };
  }
}
