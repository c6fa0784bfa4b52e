/**
 * Jinja's `StrictUndefined` and Python's string methods on top of nunjucks.
 *
 * nunjucks' own `throwOnUndefined` only catches an undefined value when it is printed, without its
 * name, and lets it through filters (`{{ missing | upper }}` prints nothing) and conditions. Jinja
 * with `StrictUndefined` (what schemachange uses) fails on any use of an undefined name or attribute
 * except `is defined` / `is undefined` and the `default` filter. We get the same by compiling symbol
 * and attribute lookups into checked lookups, except where Jinja tolerates an undefined value.
 *
 * nunjucks keeps its compiler and runtime as shared modules and its own Jinja compatibility layer
 * patches them the same way; ours only changes templates compiled with `throwOnUndefined`, which
 * only this module's environments set. Pinned to nunjucks 3.2 (the patched methods are documented
 * in docs/decisions/005-jinja-templates.md); the tests in test/template/jinja.test.ts guard it.
 */
import nunjucks from "nunjucks";

/** A template read a name or an attribute that is not defined. Positions are 1-based. */
export class UndefinedValue extends Error {
  constructor(
    /** What was read, as written: `database_name`, `config.schema`. */
    readonly what: string,
    readonly line: number,
    readonly column: number,
    /** The template it was read in (its loader name or path). */
    readonly template: string | null,
  ) {
    super(`'${what}' is undefined`);
  }
}

interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  value?: unknown;
  target?: AstNode;
  val?: AstNode;
  left?: AstNode;
  right?: AstNode & { name?: AstNode };
  name?: AstNode;
  args?: { children: AstNode[] };
  children?: AstNode[];
  /** Set on a node whose undefined value Jinja tolerates (operand of `is defined`, `default`). */
  mercuriosLenient?: boolean;
}

interface CompilerThis {
  throwOnUndefined: boolean;
  templateName: string | null;
  _emit(code: string): void;
  _compileExpression(node: AstNode, frame: unknown): void;
}

type CompileMethod = (this: CompilerThis, node: AstNode, frame: { lookup(name: string): unknown }) => void;

interface Internals {
  compiler: { Compiler: { prototype: Record<string, CompileMethod> } };
  runtime: Record<string, unknown> & {
    contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
    memberLookup(obj: unknown, key: unknown): unknown;
    ensureDefined(value: unknown, line: number, column: number): unknown;
  };
}

/** Tests whose operand may be undefined in Jinja (they ask exactly that). */
const LENIENT_TESTS = new Set(["defined", "undefined", "none", "null"]);
/** Filters whose input may be undefined in Jinja. */
const LENIENT_FILTERS = new Set(["default", "d"]);

let installed = false;

/** Installs the strict lookups and Python string methods into nunjucks, once per process. */
export function installStrictJinja(): void {
  if (installed) return;
  installed = true;
  nunjucks.installJinjaCompat();
  const { compiler, runtime } = nunjucks as unknown as Internals;
  const proto = compiler.Compiler.prototype;

  runtime.mercuriosLookup = (
    context: unknown,
    frame: unknown,
    name: string,
    line: number,
    column: number,
    template: string | null,
  ) => {
    const value = runtime.contextOrFrameLookup(context, frame, name);
    if (value === undefined) throw new UndefinedValue(name, line + 1, column + 1, template);
    return value;
  };
  runtime.mercuriosMember = (
    obj: unknown,
    key: unknown,
    what: string,
    line: number,
    column: number,
    template: string | null,
  ) => {
    const value = runtime.memberLookup(obj, key);
    if (value === undefined) throw new UndefinedValue(what, line + 1, column + 1, template);
    return value;
  };

  // Only templates compiled with throwOnUndefined call ensureDefined: print values as Python does
  // (True, None, ['a', 'b']) so the rendered text, and schemachange's checksum of it, match.
  const ensureDefined = runtime.ensureDefined;
  runtime.ensureDefined = (value: unknown, line: number, column: number) =>
    value === null ? "None" : pythonDisplay(ensureDefined(value, line, column));

  const stringMembers = pythonStringMethods();
  const memberLookup = runtime.memberLookup;
  runtime.memberLookup = function (this: unknown, obj: unknown, key: unknown, ...rest: unknown[]) {
    if (typeof obj === "string" && typeof key === "string" && rest.length === 0 && key in stringMembers) {
      return stringMembers[key]!.bind(obj);
    }
    return (memberLookup as (...a: unknown[]) => unknown).call(this, obj, key, ...rest);
  };

  const compileSymbol = proto.compileSymbol!;
  proto.compileSymbol = function (node, frame) {
    if (!this.throwOnUndefined || node.mercuriosLenient || frame.lookup(String(node.value))) {
      return compileSymbol.call(this, node, frame);
    }
    this._emit(
      `runtime.mercuriosLookup(context, frame, ${JSON.stringify(node.value)}, ${node.lineno}, ${node.colno}, ${JSON.stringify(this.templateName ?? null)})`,
    );
  };

  const compileLookupVal = proto.compileLookupVal!;
  proto.compileLookupVal = function (node, frame) {
    const isSlice =
      node.val?.typename === "Slice" ||
      (node.val?.typename === "Array" && node.val.children?.[0]?.typename === "Slice");
    if (!this.throwOnUndefined || node.mercuriosLenient || isSlice) {
      return compileLookupVal.call(this, node, frame);
    }
    this._emit("runtime.mercuriosMember((");
    this._compileExpression(node.target!, frame);
    this._emit("),");
    this._compileExpression(node.val!, frame);
    this._emit(
      `, ${JSON.stringify(describe(node))}, ${node.lineno}, ${node.colno}, ${JSON.stringify(this.templateName ?? null)})`,
    );
  };

  const compileIs = proto.compileIs!;
  proto.compileIs = function (node, frame) {
    const test = node.right?.name ? node.right.name.value : node.right?.value;
    if (node.left && LENIENT_TESTS.has(String(test))) node.left.mercuriosLenient = true;
    return compileIs.call(this, node, frame);
  };

  // `'%s_%s' % (a, b)` is Python's string formatting in Jinja; JavaScript would print NaN.
  runtime.mercuriosMod = (left: unknown, right: unknown) =>
    typeof left === "string" ? percentFormat(left, right) : (left as number) % (right as number);
  const compileMod = proto.compileMod!;
  proto.compileMod = function (node, frame) {
    if (!this.throwOnUndefined) return compileMod.call(this, node, frame);
    this._emit("runtime.mercuriosMod(");
    this._compileExpression(node.left!, frame);
    this._emit(", ");
    this._compileExpression(node.right!, frame);
    this._emit(")");
  };

  // `(a, b)` is a tuple in Jinja; nunjucks compiles it to JavaScript's comma operator (the last value).
  const compileGroup = proto.compileGroup!;
  proto.compileGroup = function (node, frame) {
    if (!this.throwOnUndefined || (node.children?.length ?? 0) < 2)
      return compileGroup.call(this, node, frame);
    this._emit("[");
    node.children!.forEach((child, i) => {
      if (i > 0) this._emit(",");
      this._compileExpression(child, frame);
    });
    this._emit("]");
  };

  const compileFilter = proto.compileFilter!;
  proto.compileFilter = function (node, frame) {
    const first = node.args?.children[0];
    if (first && LENIENT_FILTERS.has(String(node.name?.value))) first.mercuriosLenient = true;
    return compileFilter.call(this, node, frame);
  };
}

/** Python's `format % values` for the conversions SQL templates use: %s %r %d %i %f %% (with width and precision). */
function percentFormat(format: string, values: unknown): string {
  const list = Array.isArray(values) ? [...values] : [values];
  return format.replace(
    /%(-?\d*)(?:\.(\d+))?([srdif%])/g,
    (_m, width: string, precision: string | undefined, type: string) => {
      if (type === "%") return "%";
      const value = list.shift();
      let text: string;
      if (type === "d" || type === "i") text = String(Math.trunc(Number(value)));
      else if (type === "f") text = Number(value).toFixed(precision === undefined ? 6 : Number(precision));
      else if (type === "r") text = pythonRepr(value);
      else text = String(pythonDisplay(value === null ? "None" : value));
      const size = Math.abs(Number(width || 0));
      return width.startsWith("-") ? text.padEnd(size) : text.padStart(size);
    },
  );
}

/** `a.b`, `a["b"]`, `a[0]` as written, for messages. */
function describe(node: AstNode): string {
  switch (node.typename) {
    case "Symbol":
      return String(node.value);
    case "LookupVal": {
      const key = node.val!;
      const base = describe(node.target!);
      if (key.typename === "Literal" && typeof key.value === "string" && /^[A-Za-z_]\w*$/.test(key.value)) {
        return `${base}.${key.value}`;
      }
      if (key.typename === "Literal") return `${base}[${JSON.stringify(key.value)}]`;
      return `${base}[${describe(key)}]`;
    }
    case "FunCall":
      return `${describe(node.name!)}(…)`;
    default:
      return "(expression)";
  }
}

/** How Python's `str()` shows a value inside `{{ }}`; strings and numbers print as they are. */
function pythonDisplay(value: unknown): unknown {
  if (typeof value === "boolean" || Array.isArray(value) || isPlainObject(value)) return pythonRepr(value);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
    return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
  }
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

type StringMethod = (this: string, ...args: unknown[]) => unknown;

/**
 * The `str` methods Jinja templates call most (`'a.b'.replace('.', '_')`, `name.upper()`,
 * `', '.join(list)`), with Python's meaning where JavaScript's differs (`replace` replaces all,
 * `split()` splits on runs of whitespace).
 */
function pythonStringMethods(): Record<string, StringMethod> {
  const stripChars = (chars: unknown) =>
    typeof chars === "string" && chars !== "" ? `[${chars.replace(/[\\\]^-]/g, "\\$&")}]` : "\\s";
  return {
    upper() {
      return this.toUpperCase();
    },
    lower() {
      return this.toLowerCase();
    },
    strip(chars) {
      const c = stripChars(chars);
      return this.replace(new RegExp(`^${c}+|${c}+$`, "g"), "");
    },
    lstrip(chars) {
      return this.replace(new RegExp(`^${stripChars(chars)}+`), "");
    },
    rstrip(chars) {
      return this.replace(new RegExp(`${stripChars(chars)}+$`), "");
    },
    startswith(prefix) {
      const prefixes = Array.isArray(prefix) ? prefix : [prefix];
      return prefixes.some((p) => this.startsWith(String(p)));
    },
    endswith(suffix) {
      const suffixes = Array.isArray(suffix) ? suffix : [suffix];
      return suffixes.some((s) => this.endsWith(String(s)));
    },
    replace(old, replacement, count) {
      const [from, to] = [String(old), String(replacement)];
      const parts = this.split(from);
      const limit = typeof count === "number" && count >= 0 ? count : parts.length - 1;
      if (limit >= parts.length - 1) return parts.join(to);
      return `${parts.slice(0, limit + 1).join(to)}${from}${parts.slice(limit + 1).join(from)}`;
    },
    split(separator, maxsplit) {
      const limit = typeof maxsplit === "number" && maxsplit >= 0 ? maxsplit : Infinity;
      if (separator === undefined || separator === null) {
        const words = this.trim().split(/\s+/).filter(Boolean);
        if (words.length - 1 <= limit) return words;
        const head = words.slice(0, limit);
        let rest = this.trimStart();
        for (const word of head) rest = rest.slice(rest.indexOf(word) + word.length).trimStart();
        return [...head, rest];
      }
      const parts = this.split(String(separator));
      if (parts.length - 1 <= limit) return parts;
      return [...parts.slice(0, limit), parts.slice(limit).join(String(separator))];
    },
    join(items) {
      return (Array.isArray(items) ? items : [...String(items)]).map(String).join(this);
    },
    title() {
      return this.toLowerCase().replace(
        /(^|[^A-Za-z])([a-z])/g,
        (_m, before: string, letter: string) => before + letter.toUpperCase(),
      );
    },
    capitalize() {
      return this.charAt(0).toUpperCase() + this.slice(1).toLowerCase();
    },
    format(...args) {
      let next = 0;
      return this.replace(/\{(\d*)\}/g, (_m, index: string) =>
        String(args[index === "" ? next++ : Number(index)]),
      );
    },
  };
}
