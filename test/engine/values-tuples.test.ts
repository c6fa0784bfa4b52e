/**
 * The VALUES list reader shared by bulk binds, the INSERT checks and FROM VALUES typing: items split
 * at top-level commas only, so an ARRAY or OBJECT constant or a call is one item, and an unclosed
 * tuple is no list.
 */
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/engine/split/index.js";
import { valuesTuples } from "../../src/engine/values-tuples.js";

function read(sql: string) {
  const tokens = tokenize(sql);
  const at = tokens.findIndex((t) => t.upper === "VALUES") + 1;
  const list = valuesTuples(sql, tokens, at);
  if (list === null) return null;
  return {
    items: list.tuples.map((tuple) =>
      tuple.map((item) => (item.length === 0 ? "" : sql.slice(item[0]!.start, item[item.length - 1]!.end))),
    ),
    rest: sql.slice(tokens[list.end]!.end),
  };
}

describe("valuesTuples", () => {
  it("keeps ARRAY and OBJECT constants and calls whole, and stops where `, (` no longer follows", () => {
    expect(read("insert into t values ([1, 2], {'a': 1, 'b': 2}, f(3, 4)), (?, :2, '') order by 1")).toEqual({
      items: [
        ["[1, 2]", "{'a': 1, 'b': 2}", "f(3, 4)"],
        ["?", ":2", "''"],
      ],
      rest: " order by 1",
    });
  });

  it("keeps an empty item as empty, and gives no list for an unclosed tuple or no tuple", () => {
    expect(read("select * from values (1, , 3)")?.items).toEqual([["1", "", "3"]]);
    expect(read("insert into t values (1, (2, 3)")).toBeNull();
    expect(read("insert into t values 1")).toBeNull();
  });
});
