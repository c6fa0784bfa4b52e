/**
 * The JavaScript that runs inside the QuickJS sandbox before a procedure's body: Snowflake's stored
 * procedure API (`snowflake`, `Statement`, `ResultSet`, `SfDate`) written in plain JavaScript over
 * one host function that takes and returns JSON text. Keeping the API inside the sandbox means
 * only strings cross the boundary: no host object, function or prototype is ever reachable from
 * user code.
 */
export const PRELUDE = String.raw`
(function () {
  "use strict";
  var hostExecute = globalThis.__merc_execute;
  var hostLog = globalThis.__merc_log;
  delete globalThis.__merc_execute;
  delete globalThis.__merc_log;

  function SfDate(ms, nanos, offsetMinutes, scale) {
    var d = new Date(ms);
    Object.setPrototypeOf(d, SfDate.prototype);
    Object.defineProperty(d, "__nanos", { value: nanos });
    Object.defineProperty(d, "__tz", { value: offsetMinutes });
    Object.defineProperty(d, "__scale", { value: scale });
    return d;
  }
  SfDate.prototype = Object.create(Date.prototype);
  SfDate.prototype.constructor = SfDate;
  SfDate.prototype.getEpochSeconds = function () { return Math.floor(this.getTime() / 1000); };
  SfDate.prototype.getNanoSeconds = function () { return this.__nanos; };
  SfDate.prototype.getScale = function () { return this.__scale; };
  SfDate.prototype.getTimezone = function () { return this.__tz; };
  // Snowflake's V8 runs in UTC and names the zone; an SfDate shows its wall time at its own offset.
  var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function dateText(ms, offset) {
    if (isNaN(ms)) return "Invalid Date";
    var d = new Date(ms + offset * 60000);
    var sign = offset < 0 ? "-" : "+";
    var abs = Math.abs(offset);
    var year = d.getUTCFullYear();
    return DAYS[d.getUTCDay()] + " " + MONTHS[d.getUTCMonth()] + " " + two(d.getUTCDate()) + " " +
      (year < 0 ? "-" + String(-year).padStart(6, "0") : String(year).padStart(4, "0")) + " " +
      two(d.getUTCHours()) + ":" + two(d.getUTCMinutes()) + ":" + two(d.getUTCSeconds()) +
      " GMT" + sign + two(Math.floor(abs / 60)) + two(abs % 60) + (offset === 0 ? " (Coordinated Universal Time)" : "");
  }
  Object.defineProperty(Date.prototype, "toString", { value: function () { return dateText(this.getTime(), 0); }, writable: true, configurable: true });
  Object.defineProperty(SfDate.prototype, "toString", { value: function () { return dateText(this.getTime(), this.__tz); }, writable: true, configurable: true });

  function decode(cell) {
    if (cell === null || typeof cell !== "object") return cell;
    if ("json" in cell) return cell.json === null ? null : JSON.parse(cell.json);
    if ("date" in cell) return new Date(cell.date);
    if ("ts" in cell) return SfDate(cell.ts, cell.nanos, cell.tz, cell.scale);
    if ("bytes" in cell) return new Uint8Array(cell.bytes);
    return null;
  }

  // A Date as UTC text with its offset (an SfDate keeps its nanoseconds), for binds and return values.
  function utcText(value) {
    if (isNaN(value.getTime())) return null;
    var iso = value.toISOString().replace("T", " ").replace("Z", "");
    if (value instanceof SfDate) iso = iso.slice(0, 19) + "." + String(value.__nanos).padStart(9, "0");
    return iso + " +00:00";
  }

  // The API's own errors read as their message ("Failed: " + err), as Snowflake's do.
  function apiError(message, props) {
    var error = new Error(message);
    if (props) for (var key in props) error[key] = props[key];
    Object.defineProperty(error, "toString", { value: function () { return this.message; } });
    return error;
  }

  // "<Api>.execute, line <n> position <n>": where the body called the API (its innermost own frame).
  var sourceLines = [];
  function callSite(api) {
    var stack = String(new Error().stack || "").split("\n");
    for (var i = 0; i < stack.length; i++) {
      var m = /\(([^()]*):(\d+):(\d+)\)\s*$/.exec(stack[i]);
      if (m && m[1] !== "prelude.js") {
        // V8 (Snowflake's engine) points at the method's name; QuickJS at the call's parenthesis.
        var column = Number(m[3]) - 1;
        var text = sourceLines[Number(m[2]) - 1] || "";
        var name = text.lastIndexOf("execute", column);
        return api + ".execute, line " + m[2] + " position " + (name >= 0 && Number(m[2]) > 1 ? name : column);
      }
    }
    return api + ".execute";
  }

  function bindValue(value, index) {
    if (value === null || value === undefined) return { type: "TEXT", value: null };
    if (typeof value === "number") {
      if (!isFinite(value)) return { type: "REAL", value: String(value) };
      return { type: Number.isInteger(value) ? "FIXED" : "REAL", value: String(value) };
    }
    if (typeof value === "string") return { type: "TEXT", value: value };
    if (typeof value === "boolean") return { type: "BOOLEAN", value: String(value) };
    if (value instanceof Date) return { type: "TIMESTAMP_LTZ", value: utcText(value) };
    throw apiError("Invalid binds argument" + (index === undefined ? "" : " " + (index + 1)) + ". Unsupported type.");
  }

  function columnIndex(columns, colIdxOrName) {
    if (typeof colIdxOrName === "number") {
      if (colIdxOrName >= 1 && colIdxOrName <= columns.length && Math.floor(colIdxOrName) === colIdxOrName) return colIdxOrName - 1;
      throw new Error("Given index " + colIdxOrName + " is out of range");
    }
    for (var i = 0; i < columns.length; i++) if (columns[i].name === colIdxOrName) return i;
    throw new Error("Given column name/index does not exist: " + colIdxOrName);
  }

  var JS_TYPES = { fixed: "number", real: "number", text: "string", boolean: "boolean", date: "date",
    timestamp_ntz: "date", timestamp_ltz: "date", timestamp_tz: "date", time: "string",
    variant: "object", object: "object", array: "object", binary: "object", interval: "string" };

  function columnMethods(target, columnsOf) {
    function col(i) { var cols = columnsOf(); return cols[columnIndex(cols, i)]; }
    target.getColumnCount = function () { return columnsOf().length; };
    target.getColumnName = function (i) { return col(i).name; };
    target.getColumnScale = function (i) { return col(i).scale === null ? 0 : col(i).scale; };
    target.getColumnSqlType = function (i) { return col(i).sqlType; };
    target.getColumnType = function (i) { return JS_TYPES[col(i).type] || "string"; };
    target.isColumnNullable = function (i) { return col(i).nullable; };
    target.isColumnText = function (i) { return col(i).type === "text"; };
    target.isColumnArray = function (i) { return col(i).type === "array"; };
    target.isColumnBinary = function (i) { return col(i).type === "binary"; };
    target.isColumnBoolean = function (i) { return col(i).type === "boolean"; };
    target.isColumnDate = function (i) { return col(i).type === "date"; };
    target.isColumnNumber = function (i) { var t = col(i).type; return t === "fixed" || t === "real"; };
    target.isColumnObject = function (i) { return col(i).type === "object"; };
    target.isColumnTime = function (i) { return col(i).type === "time"; };
    target.isColumnTimestamp = function (i) { return /^timestamp/.test(col(i).type); };
    target.isColumnVariant = function (i) { return col(i).type === "variant"; };
  }

  function ResultSet(result) {
    var position = -1;
    var self = this;
    columnMethods(this, function () { return result.columns; });
    function current() {
      if (position < 0 || position >= result.rows.length) throw new Error("ResultSet is empty or not prepared (call next() first).");
      return result.rows[position];
    }
    this.next = function () {
      if (position < result.rows.length) position++;
      var has = position < result.rows.length;
      if (has) {
        for (var i = 0; i < result.columns.length; i++) {
          var name = result.columns[i].name;
          if (!(name in ResultSet.prototype) && !/^(next|get|is)/.test(name)) self[name] = decode(result.rows[position][i][0]);
        }
      }
      return has;
    };
    this.getColumnValue = function (i) { return decode(current()[columnIndex(result.columns, i)][0]); };
    this.getColumnValueAsString = function (i) { var v = current()[columnIndex(result.columns, i)][1]; return v === null ? "" : v; };
    this.getRowCount = function () { return result.rows.length; };
    this.getQueryId = function () { return result.queryId; };
    this.getSqlText = function () { return result.sqlText; };
    this.getNumRowsAffected = function () { return result.inserted + result.updated + result.deleted; };
    this.getNumRowsInserted = function () { return result.inserted; };
    this.getNumRowsUpdated = function () { return result.updated; };
    this.getNumRowsDeleted = function () { return result.deleted; };
    this.getNumDuplicateRowsUpdated = function () { return 0; };
  }

  function run(command, api) {
    if (command === null || typeof command !== "object") throw apiError("empty argument passed");
    var sqlText = command.sqlText;
    if (typeof sqlText !== "string" || sqlText.trim() === "") throw apiError("empty argument passed");
    var binds = command.binds === undefined || command.binds === null ? [] : command.binds;
    if (!Array.isArray(binds)) throw apiError("Invalid binds argument. Expected an array.");
    var request = JSON.stringify({ sqlText: sqlText, binds: binds.map(bindValue) });
    var answer = JSON.parse(hostExecute(request));
    if (answer.error) {
      throw apiError(answer.error.message, { code: answer.error.code, state: answer.error.state,
        stackTraceTxt: callSite(api), __mercSql: true });
    }
    answer.result.sqlText = sqlText;
    return answer.result;
  }

  function Statement(command) {
    if (command === null || typeof command !== "object" || typeof command.sqlText !== "string" || command.sqlText.trim() === "")
      throw apiError("empty argument passed");
    var last = null;
    var self = this;
    function executed() { if (last === null) throw new Error("Statement is not executed yet."); return last; }
    columnMethods(this, function () { return executed().columns; });
    this.execute = function () { last = run(command, "Statement"); return new ResultSet(last); };
    this.getSqlText = function () { return command.sqlText; };
    this.getQueryId = function () { return executed().queryId; };
    this.getRowCount = function () { return executed().rows.length; };
    this.getNumRowsAffected = function () { var r = executed(); return r.inserted + r.updated + r.deleted; };
    this.getNumRowsInserted = function () { return executed().inserted; };
    this.getNumRowsUpdated = function () { return executed().updated; };
    this.getNumRowsDeleted = function () { return executed().deleted; };
    this.getNumDuplicateRowsUpdated = function () { executed(); return 0; };
    void self;
  }

  var LEVELS = ["off", "trace", "debug", "info", "warn", "error", "fatal"];
  var snowflake = {
    createStatement: function (command) { return new Statement(command); },
    execute: function (command) { return new ResultSet(run(command, "Snowflake")); },
    log: function (level, message) {
      if (typeof level !== "string" || LEVELS.indexOf(level.toLowerCase()) < 0) throw new Error("Invalid log level: " + level);
      hostLog(JSON.stringify({ level: level.toLowerCase(), message: String(message) }));
    },
    addEvent: function (name) { if (typeof name !== "string") throw new Error("Event name must be a string."); },
    setSpanAttribute: function (key) { if (typeof key !== "string") throw new Error("Attribute key must be a string."); },
  };
  Object.freeze(snowflake);
  Object.defineProperty(globalThis, "snowflake", { value: snowflake, enumerable: false, writable: false, configurable: false });

  function encode(value) {
    if (value === undefined || value === null) return { t: "null" };
    if (typeof value === "number") return { t: "number", v: String(value) };
    if (typeof value === "string") return { t: "string", v: value };
    if (typeof value === "boolean") return { t: "boolean", v: value };
    if (value instanceof Date) return { t: "date", v: utcText(value), s: String(value) };
    var json;
    try { json = JSON.stringify(value); } catch (e) { json = undefined; }
    return { t: "json", v: json === undefined ? null : json, s: String(value) };
  }

  function describe(error) {
    if (error instanceof Error) {
      return { name: error.name, message: String(error.message), stack: String(error.stack || ""),
        sql: error.__mercSql ? { code: error.code, state: error.state, message: error.message, at: error.stackTraceTxt } : null };
    }
    var text;
    try { text = typeof error === "object" && error !== null && !Array.isArray(error) ? "#<Object>" : String(error); } catch (e) { text = "exception"; }
    return { name: null, message: text, stack: "", sql: null };
  }

  Object.defineProperty(globalThis, "__merc_run", { value: function (body, argsJson) {
    var args = JSON.parse(argsJson).map(decode);
    // The body's lines (line 1 shares the file's line with the wrapper, so its columns differ).
    sourceLines = String(body).split("\n");
    try {
      return JSON.stringify({ ok: encode(body.apply(undefined, args)) });
    } catch (error) {
      return JSON.stringify({ error: describe(error) });
    }
  } });
})();
`;
