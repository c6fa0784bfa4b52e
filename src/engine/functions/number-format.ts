/**
 * TO_CHAR / TO_VARCHAR of a number with a SQL format model (docs: sql-format-models): digit
 * positions `9` (leading zeros blank) and `0`, `.`/`D`, `,`/`G`, a floating `$`, `S` / `MI` signs,
 * `B` (a zero integer part blank), `X` hexadecimal digits (two's complement without `S`), `EE`
 * exponents, the text-minimal forms `TM`, `TM9`, `TME`, `FM` (no padding) and `"literal"` text.
 * A value with more integer digits than positions prints `#` in every digit position.
 */

type Piece = { kind: "text"; text: string } | { kind: "element"; text: string };

const ELEMENTS = [
  "TME",
  "TM9",
  "TM",
  "FM",
  "MI",
  "EE",
  "9",
  "0",
  "X",
  ".",
  "D",
  ",",
  "G",
  "$",
  "S",
  "B",
  "E",
];

/** Splits a format into quoted literals and elements; any other character is literal text. */
function pieces(format: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < format.length) {
    if (format[i] === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      out.push({ kind: "text", text: format.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    const element = ELEMENTS.find((e) => format.slice(i, i + e.length).toUpperCase() === e);
    if (element) {
      out.push({ kind: "element", text: element });
      i += element.length;
    } else {
      out.push({ kind: "text", text: format[i]! });
      i++;
    }
  }
  return out;
}

/** Whether a TO_CHAR format is a numeric format model (it has digit, hex or text-minimal elements). */
export function isNumberFormat(format: string): boolean {
  const unquoted = format.replace(/"[^"]*"/g, "");
  if (!/^[-90X.,DGSB$EMIFT\s]*$/i.test(unquoted)) return false;
  return pieces(format).some((p) => p.kind === "element" && /^(9|0|X|TM|TM9|TME)$/.test(p.text));
}

/** Decimal text rounded half away from zero at `scale` fraction digits (exact, on the digits). */
function roundText(text: string, scale: number): { negative: boolean; int: string; frac: string } {
  const negative = text.startsWith("-");
  const [intPart = "0", fracPart = ""] = text.replace(/^[-+]/, "").split(".");
  const digits = BigInt((intPart || "0") + fracPart.padEnd(scale + 1, "0").slice(0, scale + 1));
  const rounded = (digits + 5n) / 10n;
  const all = rounded.toString().padStart(scale + 1, "0");
  return { negative, int: all.slice(0, all.length - scale) || "0", frac: scale > 0 ? all.slice(-scale) : "" };
}

/** Text-minimal scientific form: `-1.2391E1`, `0E0`, `1E-1`. */
function scientific(text: string): string {
  const value = Number(text);
  if (value === 0) return "0E0";
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  return `${mantissa}E${Number(exponent)}`;
}

function hexFormat(text: string, els: Piece[], signed: boolean): string {
  const width = els.filter((p) => p.text === "X" || p.text === "0").length;
  const value = BigInt(roundText(text, 0).int) * (text.startsWith("-") ? -1n : 1n);
  const magnitude = signed || value >= 0n ? (value < 0n ? -value : value) : (1n << BigInt(4 * width)) + value;
  const hex = magnitude.toString(16).toUpperCase();
  if (hex.length > width || magnitude < 0n) return "#".repeat(width + (signed ? 1 : 0));
  const zeros = els[0]?.text === "0" || (signed && els[1]?.text === "0");
  const body = zeros ? hex.padStart(width, "0") : hex.padStart(width, " ");
  return signed ? `${value < 0n ? "-" : "+"}${body}` : body;
}

/** The number (its exact decimal text) under a numeric format model. */
export function formatNumber(text: string, format: string): string {
  const all = pieces(format);
  const els = all.filter((p) => p.kind === "element");
  const codes = els.map((p) => p.text);
  const literal = (p: Piece) => (p.kind === "text" ? p.text : "");
  const before = all
    .slice(
      0,
      all.findIndex((p) => p.kind === "element"),
    )
    .map(literal)
    .join("");
  const after = all
    .slice(all.length - [...all].reverse().findIndex((p) => p.kind === "element"))
    .map(literal)
    .join("");
  let body: string;
  if (codes.includes("TME")) body = scientific(text);
  else if (codes.includes("TM9") || codes.includes("TM")) body = text;
  else if (codes.includes("X"))
    body = hexFormat(
      text,
      els.filter((p) => p.text !== "FM" && p.text !== "S"),
      codes.includes("S"),
    );
  else body = decimalFormat(text, codes);
  return before + (codes.includes("FM") ? body.trim() : body) + after;
}

function decimalFormat(text: string, codes: string[]): string {
  const point = codes.findIndex((c) => c === "." || c === "D");
  const intCodes = (point < 0 ? codes : codes.slice(0, point)).filter((c) => /^[90,G]$/.test(c));
  const fracCodes = point < 0 ? [] : codes.slice(point + 1).filter((c) => /^[90]$/.test(c));
  const { negative, int, frac } = roundText(text, fracCodes.length);
  const positions = intCodes.filter((c) => c === "9" || c === "0").length;
  const zeroInt = /^0*$/.test(int);
  const signMode = codes.includes("MI") ? "MI" : codes.includes("S") ? "S" : "auto";
  const signText = signMode === "S" ? (negative ? "-" : "+") : signMode === "MI" ? "" : negative ? "-" : " ";
  const dollar = codes.includes("$") ? "$" : "";
  const trailing = signMode === "MI" ? (negative ? "-" : " ") : "";
  const width = intCodes.length + (point < 0 ? 0 : 1 + fracCodes.length);
  const digits = int.replace(/^0+/, "");
  if (digits.length > positions) {
    const hashed = codes
      .filter((c) => /^[90,G.D]$/.test(c))
      .map((c) => (c === "9" || c === "0" ? "#" : c === "D" ? "." : c === "G" ? "," : c))
      .join("");
    return `${signMode === "auto" ? " " : ""}${dollar}${hashed}${trailing}`;
  }
  // Integer positions right to left; a `9` left of the first significant digit is blank, except
  // the units position of a zero integer part (unless B blanks it).
  let out = "";
  let seen = 0;
  const firstZero = intCodes.indexOf("0");
  for (let k = intCodes.length - 1; k >= 0; k--) {
    const c = intCodes[k]!;
    if (c === "," || c === "G") {
      out = (seen < digits.length || (firstZero >= 0 && firstZero < k) ? "," : " ") + out;
      continue;
    }
    const digit = digits[digits.length - 1 - seen];
    const units = seen === 0;
    if (digit !== undefined) out = digit + out;
    else if (c === "0" || (firstZero >= 0 && firstZero < k)) out = "0" + out;
    else if (units && zeroInt && !codes.includes("B") && point >= 0 && intCodes.length > 0) out = "0" + out;
    else if (units && zeroInt && point < 0) out = "0" + out;
    else out = " " + out;
    seen++;
  }
  const lead = out.length - out.trimStart().length;
  const integer = out.slice(0, lead) + signText.trim() + dollar + out.slice(lead);
  const pad = Math.max(
    0,
    width +
      (signMode === "auto" ? 1 : signMode === "S" ? 1 : 0) +
      dollar.length -
      integer.length -
      (point < 0 ? 0 : 1 + fracCodes.length),
  );
  const fraction = point < 0 ? "" : `.${frac}`;
  return " ".repeat(pad) + integer + fraction + trailing;
}
