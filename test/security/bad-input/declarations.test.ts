/**
 * Bad input in declarations (roles/, monitors/ TypeScript modules, views/ files and their front
 * matter and tests): `plan` reports each before it reads the account, naming the file and object.
 * One CLI process per input on a fresh copy of an `init` project.
 */
import { describe, expect, it } from "vitest";
import { type BadInput, HANG_MS, judge, runInput } from "./harness.js";

const ROLES = "roles/extra.ts";
const MONITORS = "monitors/extra.ts";
const VIEW = "views/ANALYTICS/EXTRA.sql";
const head = 'import { defineMonitor, defineRole, defineUser, defineRowAccessPolicy } from "mercurios";\n';
/** A roles/extra.ts with this body, checked by `plan`. */
const roles = (
  name: string,
  body: string,
  names: string | RegExp = ROLES,
  env?: Record<string, string>,
): BadInput => ({
  name,
  files: { [ROLES]: head + body },
  args: ["plan"],
  names,
  ...(env ? { env } : {}),
});
/** The declaration modules' load timeout, shortened so that the suite does not wait 30 s. */
const SHORT_TIMEOUT = { MERCURIOS_MODULE_TIMEOUT_MS: "2000" };
const monitor = (name: string, fields: string, names: string | RegExp = MONITORS): BadInput => ({
  name,
  files: {
    [MONITORS]: `${head}export default defineMonitor({ name: "EXTRA_MONITOR", creditQuota: 5, ${fields} });\n`,
  },
  args: ["plan"],
  names,
});
const view = (name: string, text: string, names: string | RegExp = VIEW, args = ["plan"]): BadInput => ({
  name,
  files: { [VIEW]: text },
  args,
  names,
});

const inputs: BadInput[] = [
  roles("a syntax error", 'export const r = defineRole({ name: "X" ', ROLES),
  roles("a top level that throws", 'throw new Error("roles exploded");\n'),
  roles("a module that exports nothing", "export const answer = 42;\n"),
  roles(
    "an import of a missing module",
    'import "./not-there.js";\nexport const r = defineRole({ name: "X" });\n',
  ),
  roles("a role without a name", "export const r = defineRole({ comment: 'no name' } as never);\n"),
  roles("a role name that is a number", "export const r = defineRole({ name: 42 } as never);\n"),
  roles(
    "a misspelt field",
    'export const r = defineRole({ name: "EXTRA", parnets: ["SYSADMIN"] } as never);\n',
    "parnets",
  ),
  roles(
    "a parent role that is not declared",
    'export const r = defineRole({ name: "EXTRA", parents: ["NO_SUCH_PARENT"] });\n',
    "NO_SUCH_PARENT",
  ),
  roles(
    "two roles that are each other's parent",
    'export const a = defineRole({ name: "CYCLE_A", parents: ["CYCLE_B"] });\nexport const b = defineRole({ name: "CYCLE_B", parents: ["CYCLE_A"] });\n',
    /CYCLE_A -> CYCLE_B -> CYCLE_A/,
  ),
  roles(
    "three roles in a circle",
    'export const a = defineRole({ name: "RING_A", parents: ["RING_C"] });\nexport const b = defineRole({ name: "RING_B", parents: ["RING_A"] });\nexport const c = defineRole({ name: "RING_C", parents: ["RING_B"] });\n',
    "RING_A -> RING_C -> RING_B -> RING_A",
  ),
  roles(
    "a role that is its own parent",
    'export const a = defineRole({ name: "SELFISH", parents: ["SELFISH"] });\n',
    "SELFISH -> SELFISH",
  ),
  roles(
    "a grant on a warehouse that is not declared",
    'export const r = defineRole({ name: "EXTRA", grants: [{ privileges: ["USAGE"], on: "WAREHOUSE", name: "NO_SUCH_WH" }] });\n',
    "NO_SUCH_WH",
  ),
  roles(
    "a grant on a schema not in the config",
    'export const r = defineRole({ name: "EXTRA", grants: [{ privileges: ["USAGE"], on: "SCHEMA", name: "NOWHERE" }] });\n',
    "NOWHERE",
  ),
  roles(
    "SELECT granted on a warehouse",
    'export const r = defineRole({ name: "EXTRA", grants: [{ privileges: ["SELECT"], on: "WAREHOUSE", name: "SHOP_WH" }] });\n',
    /roles\/extra\.ts[\s\S]*SELECT is not a privilege on a WAREHOUSE[\s\S]*OPERATE, USAGE/,
  ),
  roles(
    "a grant on an object type that does not exist",
    'export const r = defineRole({ name: "EXTRA", grants: [{ privileges: ["TELEPORT"], on: "SPACESHIP", name: "ENTERPRISE" }] });\n',
    /roles\/extra\.ts[\s\S]*SPACESHIP is not an object type/,
  ),
  roles(
    "a future grant of a privilege views do not have",
    'export const r = defineRole({ name: "EXTRA", futureGrants: [{ privileges: ["INSERT"], on: "VIEWS", in: "SCHEMA", name: "ANALYTICS" }] });\n',
    /roles\/extra\.ts[\s\S]*INSERT is not a privilege on a VIEW/,
  ),
  roles("a role declared twice", 'export const r = defineRole({ name: "SHOP_ANALYST" });\n', "SHOP_ANALYST"),
  roles(
    "a declaration function that throws",
    'export const r = defineRole(() => { throw new Error("no role today"); });\n',
    "no role today",
  ),
  roles(
    "a user whose default role is not declared",
    'export const u = defineUser({ name: "EXTRA_USER", defaultRole: "NO_SUCH_DEFAULT" } as never);\n',
    "NO_SUCH_DEFAULT",
  ),
  roles(
    "a user granted a role that is not declared",
    'export const u = defineUser({ name: "EXTRA_USER", roles: ["GHOST_ROLE"] } as never);\n',
    "GHOST_ROLE",
  ),
  roles(
    "a module that never finishes loading",
    'await new Promise(() => {});\nexport const r = defineRole({ name: "LATE" });\n',
    /roles\/extra\.ts[\s\S]*did not finish loading within 2 s/,
    SHORT_TIMEOUT,
  ),
  roles(
    "a module waiting on a timer that never ends",
    'await new Promise(() => setInterval(() => {}, 1000));\nexport const r = defineRole({ name: "LATE" });\n',
    /roles\/extra\.ts[\s\S]*did not finish loading within 2 s/,
    SHORT_TIMEOUT,
  ),
  monitor("a negative credit quota", "creditQuota: -5", MONITORS),
  monitor("a frequency that does not exist", 'frequency: "HOURLY"', MONITORS),
  monitor("a trigger percent that is a word", 'triggers: [{ percent: "most", action: "NOTIFY" }]', MONITORS),
  monitor("a trigger action that does not exist", 'triggers: [{ percent: 90, action: "EXPLODE" }]', MONITORS),
  monitor(
    "a warehouse size that does not exist",
    'warehouses: [{ name: "EXTRA_WH", size: "HUGE" }]',
    MONITORS,
  ),
  monitor("a warehouse declared twice", 'warehouses: [{ name: "SHOP_WH" }]', "SHOP_WH"),
  monitor("an auto-suspend of minus one", 'warehouses: [{ name: "EXTRA_WH", autoSuspend: -1 }]', MONITORS),
  view("front matter that is not YAML", "---\ncomment: [unclosed\n---\nSELECT 1 AS A\n"),
  view("an unknown front matter key", "---\ncomentary: typo\n---\nSELECT 1 AS A\n", "comentary"),
  view(
    "a grant to a role that is not declared",
    "---\ngrants:\n  - role: NOBODY_ROLE\n    privileges: [SELECT]\n---\nSELECT 1 AS A\n",
    "NOBODY_ROLE",
  ),
  view(
    "a view granting a privilege views do not have",
    "---\ngrants:\n  - role: SHOP_ANALYST\n    privileges: [USAGE]\n---\nSELECT 1 AS A\n",
    /views\/ANALYTICS\/EXTRA\.sql[\s\S]*USAGE is not a privilege on a VIEW/,
  ),
  view("an owner that is not declared", "---\nowner: NO_OWNER_ROLE\n---\nSELECT 1 AS A\n", "NO_OWNER_ROLE"),
  view(
    "a row access policy that is not declared",
    "---\nrowAccessPolicy: { policy: NO_POLICY, on: [A] }\n---\nSELECT 1 AS A\n",
    "NO_POLICY",
  ),
  view("SQL that does not parse", "SELECT FROM WHERE ,,\n", VIEW),
  view("an empty file", "", VIEW),
  view("a statement that is not a SELECT", "DROP TABLE SHOP.RAW.ORDERS\n", VIEW),
  {
    name: "a view in a schema folder not in the config",
    files: { "views/ELSEWHERE/V.sql": "SELECT 1 AS A\n" },
    args: ["plan"],
    names: "ELSEWHERE",
  },
  {
    name: "two views that read each other",
    files: {
      "views/ANALYTICS/LOOP_A.sql": "SELECT * FROM SHOP.ANALYTICS.LOOP_B\n",
      "views/ANALYTICS/LOOP_B.sql": "SELECT * FROM SHOP.ANALYTICS.LOOP_A\n",
    },
    args: ["views", "lineage"],
    names: /LOOP_A[\s\S]*LOOP_B/,
  },
  view(
    "a view reading a misspelt table",
    "SELECT ORDER_ID\nFROM {{database}}.RAW.ORDRES\n",
    /views\/ANALYTICS\/EXTRA\.sql:2[\s\S]*reads SHOP\.RAW\.ORDRES[\s\S]*Did you mean SHOP\.RAW\.ORDERS\?/,
  ),
  {
    name: "a view reading a table a later migration drops",
    files: { "migrations/RAW/V2__drop_orders.sql": "DROP TABLE ORDERS;\n" },
    args: ["plan"],
    names:
      /views\/ANALYTICS\/DAILY_ORDERS\.sql:\d+[\s\S]*reads SHOP\.RAW\.ORDERS, which is not declared, not created by a migration, nor in the account/,
  },
  {
    name: "a view reading a missing table, reported with the other problems",
    files: {
      [VIEW]: "SELECT * FROM RAW.NO_SUCH_TABLE\n",
      [ROLES]: `${head}export const r = defineRole({ name: "EXTRA", parents: ["NO_SUCH_PARENT"] });\n`,
    },
    args: ["apply", "--yes"],
    names: /2 problems[\s\S]*NO_SUCH_PARENT[\s\S]*reads SHOP\.RAW\.NO_SUCH_TABLE/,
  },
  view("a view test file that is not YAML", "SELECT 1 AS A\n", "EXTRA.test.yaml", ["views", "test"]),
  view("a view test for a view that does not exist", "SELECT 1 AS A\n", "GHOST.test.yaml", ["views", "test"]),
];
// The two view-test inputs need their YAML files beside the view.
inputs[inputs.length - 2]!.files!["views/ANALYTICS/EXTRA.test.yaml"] = "tests: [ {name: broken\n";
inputs[inputs.length - 1]!.files!["views/ANALYTICS/GHOST.test.yaml"] =
  "tests:\n  - name: t\n    given: {}\n    expect: { rows: [] }\n";

describe.concurrent("bad input: declarations", () => {
  it.each(inputs)(
    "$name",
    async (input) => {
      const result = await runInput(input);
      expect(judge(input, result), `${result.stdout}\n${result.stderr}`).toEqual([]);
    },
    HANG_MS + 10_000,
  );
});
