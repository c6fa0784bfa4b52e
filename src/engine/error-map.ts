/**
 * Turns whatever a step threw into a SnowflakeError: DuckDB's messages are mapped to Snowflake's
 * codes and wording (the DuckDB text is kept as `detail`), catalog errors keep their codes.
 */
import { SnowflakeError, sfErrors } from "./errors.js";
import { decodeName } from "./identifiers.js";

/** Snowflake name of a DuckDB-side name such as `"DB.PUBLIC"."T"` or `T`. */
function snowflakeNameOf(duckName: string): string {
  return decodeName(duckName.replaceAll('"', ""));
}

export function toSnowflakeError(error: unknown, missingRelation?: () => string | undefined): SnowflakeError {
  if (error instanceof SnowflakeError) return error;
  if (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { sqlState?: unknown }).sqlState === "string"
  ) {
    const e = error as Error & { code: string; sqlState: string };
    return new SnowflakeError(e.code, e.sqlState, e.message, { cause: error });
  }
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split("\n")[0] ?? text;
  // A macro's error() with a Snowflake code, SQLSTATE and message (functions/type-macros.ts `raise`),
  // or the date/time macros' form `[code/state] message` (datetime/).
  const raised =
    /\(Error: MERC:(\d{6}):([0-9A-Z]{5}):(.*)\)$/s.exec(firstLine) ??
    /MERC:(\d{6}):([0-9A-Z]{5}):(.*)$/s.exec(firstLine) ??
    /^Invalid Input Error: \[(\d{6})\/([0-9A-Z]{5})\] ([\s\S]*)$/.exec(text);
  if (raised)
    return new SnowflakeError(raised[1] as string, raised[2] as string, raised[3] as string, {
      detail: text,
    });
  const find = (...patterns: RegExp[]): RegExpExecArray | null => {
    for (const pattern of patterns) {
      const m = pattern.exec(text);
      if (m) return m;
    }
    return null;
  };
  const numeric = find(
    /Could not convert string '([^']*)' to (?:INT|DECIMAL|DOUBLE|FLOAT|BIGINT|HUGEINT|UBIGINT|SMALLINT|TINYINT)/i,
    /Could not convert string "([^"]*)" to (?:INT|DECIMAL|DOUBLE|FLOAT|BIGINT|HUGEINT|UBIGINT|SMALLINT|TINYINT)/i,
  );
  if (numeric) {
    // A number that does not fit the target NUMBER(p, s) is out of range, not unrecognised.
    const value = numeric[1] as string;
    if (/to DECIMAL/i.test(text) && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
      return new SnowflakeError("100039", "22003", `Numeric value '${value}' is out of range`, {
        detail: text,
      });
    return sfErrors.numericNotRecognized(value, text);
  }
  const date = find(
    /Could not convert string '([^']*)' to DATE/i,
    /Could not convert string "([^"]*)" to DATE/i,
    /date field value out of range: "([^"]*)"/i,
  );
  if (date) return sfErrors.dateNotRecognized(date[1] ?? "", text);
  const timestamp = find(
    /Could not convert string '([^']*)' to TIMESTAMP/i,
    /Could not convert string "([^"]*)" to TIMESTAMP/i,
  );
  if (timestamp) return sfErrors.timestampNotRecognized(timestamp[1] as string, text);
  const boolean = find(
    /Could not convert string '([^']*)' to BOOL/i,
    /Could not convert string "([^"]*)" to BOOL/i,
  );
  if (boolean)
    return new SnowflakeError("100037", "22018", `Boolean value '${boolean[1]}' is not recognized`, {
      detail: text,
    });
  const missing = find(
    /Table with name ([^\s!]+) does not exist/i,
    /Table "([^"]+)" does not exist/i,
    /View with name ([^\s!]+) does not exist/i,
  );
  if (missing)
    return sfErrors.objectDoesNotExist(missingRelation?.() ?? snowflakeNameOf(missing[1] as string), text);
  const grouping = find(/column "?([^"\s]+)"? must appear in the GROUP BY clause/i);
  if (grouping)
    return new SnowflakeError(
      "001104",
      "42601",
      `SQL compilation error:\n'${snowflakeNameOf(grouping[1] as string)}' in select clause is neither an aggregate nor in the group by clause.`,
      { detail: text },
    );
  const column = find(
    /Referenced column "?([^"\s]+)"? not found/i,
    /column "?([^"\s]+)"? (?:not found|does not exist)/i,
  );
  if (column)
    return sfErrors.invalidIdentifier(snowflakeNameOf(column[1] as string), undefined, undefined, text);
  // A qualifier no FROM item before it defines (a table function's argument naming a later item,
  // the UDTF page's "invalid identifier 'RTV.IP_ADDRESS'"): Snowflake names the column as written,
  // which DuckDB's message leaves to the statement's excerpt after it.
  const table = find(/Referenced table "([^"]+)" not found/i);
  if (table) {
    const name = table[1] as string;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const written = new RegExp(`"?${escaped}"?\\s*\\.\\s*("(?:[^"]|"")+"|[A-Za-z_][\\w$^]*)`).exec(
      text.slice((table.index ?? 0) + table[0].length),
    );
    const column = written ? `.${snowflakeNameOf((written[1] as string).replaceAll('""', '"'))}` : "";
    return sfErrors.invalidIdentifier(`${snowflakeNameOf(name)}${column}`, undefined, undefined, text);
  }
  // ORDER BY a name a set operation's result lacks: DuckDB names the branch's column, Snowflake the identifier.
  const orderBy = find(/Could not ORDER BY column "(.+)": add the expression/i);
  if (orderBy) {
    const name = (orderBy[1] as string).split(".").at(-1) as string;
    return sfErrors.invalidIdentifier(snowflakeNameOf(name), undefined, undefined, text);
  }
  // A qualified column the relation lacks (`D.UNITS`): Snowflake names it as written, qualifier included.
  const qualified = find(/(?:Values list|Table) "([^"]+)" does not have a column named "([^"]+)"/i);
  if (qualified)
    return sfErrors.invalidIdentifier(
      `${snowflakeNameOf(qualified[1] as string)}.${snowflakeNameOf(qualified[2] as string)}`,
      undefined,
      undefined,
      text,
    );
  // Exact division is cast to NUMBER: a zero divisor surfaces as a failed cast of inf / nan.
  if (/Division by zero/i.test(text) || /Could not cast value -?(inf|nan)\b/i.test(text))
    return sfErrors.divisionByZero();
  const notNull = find(/NOT NULL constraint failed: (?:[^.]+\.)?"?([^"\s]+)"?/i);
  if (notNull) return sfErrors.nullInNotNull(snowflakeNameOf(notNull[1] as string));
  // Only hybrid tables carry DuckDB keys (hybrid-keys.ts): Snowflake's codes for their violations.
  if (/violates primary key constraint/i.test(text))
    return new SnowflakeError("200001", "22000", "Primary key already exists", { detail: text });
  if (/Violates foreign key constraint/i.test(text))
    return new SnowflakeError(
      "200009",
      "22000",
      `Foreign key constraint was violated: ${firstLine.replace(/^Constraint Error: /, "").replace(/(?<=\.)\s.*$/s, "")}`,
      {
        detail: text,
      },
    );
  if (/Duplicate key|violates (?:primary key|unique) constraint/i.test(text))
    return sfErrors.duplicateKey(firstLine);
  if (/^Parser Error/i.test(text)) {
    // DuckDB rejected the translated text: name the token it stopped at; the position is the
    // translated statement's, so only the line is meaningful.
    const near = /at or near "([^"]*)"/i.exec(text)?.[1];
    const error = sfErrors.syntax(1, 0, near === undefined ? "" : near);
    return new SnowflakeError(error.code, error.sqlState, error.message, {
      line: 1,
      position: 0,
      detail: text,
    });
  }
  if (/Scalar Function with name (\S+) does not exist/i.test(text)) {
    const fn = /Scalar Function with name (\S+) does not exist/i.exec(text)?.[1] ?? "";
    return new SnowflakeError(
      "002140",
      "42601",
      `SQL compilation error:\nUnknown function ${fn.toUpperCase()}`,
      { detail: text },
    );
  }
  // Snowflake refuses the same statements (functions-window-syntax page), saying why: the correlation.
  if (/LATERAL join cannot contain window functions/i.test(text))
    return sfErrors.compilation(
      "A window function in a LATERAL subquery contains a correlation with a column of the outer query, which is not supported; compute the window function outside the LATERAL subquery.",
      text,
    );
  if (/^(Binder|Catalog) Error/i.test(text))
    return sfErrors.compilation(firstLine.replace(/^(Binder|Catalog) Error:\s*/i, ""), text);
  // A value too large for NUMBER(p, s): Snowflake's 100039.
  const outOfRange = find(
    /Casting value "([^"]*)" to type DECIMAL\(\d+,\s*\d+\) failed: value is out of range/i,
  );
  if (outOfRange)
    return new SnowflakeError("100039", "22003", `Numeric value '${outOfRange[1]}' is out of range`, {
      detail: text,
    });
  if (/^Conversion Error/i.test(text))
    return new SnowflakeError("100038", "22018", firstLine.replace(/^Conversion Error:\s*/i, ""), {
      detail: text,
    });
  // A JavaScript function (functions/scalars.ts) names the Snowflake error it raises; a message of
  // several lines carries its line breaks as U+2028 (DuckDB's text may go on after the first line).
  const scalarRaised = /\[snowflake (\d{6}) ([0-9A-Z]{5})\] ([^\n]*)/.exec(text);
  if (scalarRaised)
    return new SnowflakeError(
      scalarRaised[1]!,
      scalarRaised[2]!,
      scalarRaised[3]!.replaceAll("\u2028", "\n"),
      {
        detail: text,
      },
    );
  if (/^(Out of Range|Invalid Input) Error/i.test(text))
    return new SnowflakeError("100039", "22003", firstLine.replace(/^[A-Za-z ]+ Error:\s*/i, ""), {
      detail: text,
    });
  if (/^TransactionContext Error/i.test(text))
    return new SnowflakeError("000625", "40001", firstLine.replace(/^TransactionContext Error:\s*/i, ""), {
      detail: text,
    });
  return sfErrors.generic(`SQL execution internal error: ${firstLine}`, text);
}
