/**
 * Row access policies and DML. Snowflake documents that a row access policy decides which rows
 * SELECT returns and which rows UPDATE, DELETE and MERGE select: a tenant's statement touches the
 * tenant's rows only, in the target as in every table it reads (MERGE's source included). INSERT is
 * not filtered. Each case runs as each tenant role and then reads the table as the admin role,
 * which sees every row; the expected rows are written out by hand from the fixture below.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Session } from "./helpers.js";

/** id, tenant, shop, amount: two ACME rows, two GLOBEX rows, one INITECH row. */
const SALES = [
  ["1", "ACME", "10", "5.00"],
  ["2", "GLOBEX", "20", "7.50"],
  ["3", "ACME", "11", "2.25"],
  ["4", "INITECH", "30", "1.00"],
  ["5", "GLOBEX", "21", "3.00"],
] as const;

const TENANTS = ["ACME", "GLOBEX", "INITECH"] as const;
type Tenant = (typeof TENANTS)[number];

/** Two shapes of policy: a mapping-table lookup (a subquery in the body) and a plain expression. */
const POLICIES = {
  "mapping table": `create row access policy tenant_isolation as (tenant varchar) returns boolean ->
       is_role_in_session('PLATFORM_ADMIN')
       or exists (select 1 from tenant_roles m where m.role_name = current_role() and m.tenant_id = tenant)`,
  "role name": `create row access policy tenant_isolation as (tenant varchar) returns boolean ->
       is_role_in_session('PLATFORM_ADMIN') or current_role() = 'TENANT_' || tenant`,
} as const;

let a: Account;

async function setUp(policy: string): Promise<void> {
  a = await openAccount();
  await a.run(
    "create database retail",
    "create schema retail.raw",
    "use schema retail.raw",
    "create table sales (id int, tenant_id varchar, shop_id int, amount number(10,2))",
    `insert into sales values ${SALES.map(([id, t, s, m]) => `(${id}, '${t}', ${s}, ${m})`).join(", ")}`,
    "create table shops (shop_id int, shop_name varchar)",
    "insert into shops values (10, 'Acme Berlin'), (11, 'Acme Hamburg'), (20, 'Globex Wien'), (21, 'Globex Linz'), (30, 'Initech Graz')",
    "create table tenant_roles (role_name varchar, tenant_id varchar)",
    "insert into tenant_roles values ('TENANT_ACME', 'ACME'), ('TENANT_GLOBEX', 'GLOBEX'), ('TENANT_INITECH', 'INITECH')",
    // Staged changes for MERGE: protected by the same policy, so MERGE's source is filtered too.
    "create table sales_changes (id int, tenant_id varchar, shop_id int, amount number(10,2))",
    `insert into sales_changes values (1, 'ACME', 10, 9.00), (2, 'GLOBEX', 20, 9.00), (4, 'INITECH', 30, 9.00),
       (7, 'ACME', 11, 1.00), (8, 'GLOBEX', 21, 1.00), (9, 'INITECH', 30, 1.00)`,
    policy,
    "alter table sales add row access policy tenant_isolation on (tenant_id)",
    "alter table sales_changes add row access policy tenant_isolation on (tenant_id)",
  );
  for (const role of ["TENANT_ACME", "TENANT_GLOBEX", "TENANT_INITECH", "PLATFORM_ADMIN"]) {
    await a.run(
      `create role ${role}`,
      `grant role ${role} to user admin`,
      `grant usage on database retail to role ${role}`,
      `grant usage on schema retail.raw to role ${role}`,
      `grant select, insert, update, delete on table retail.raw.sales to role ${role}`,
      `grant select on table retail.raw.sales_changes to role ${role}`,
      `grant select, update on table retail.raw.shops to role ${role}`,
    );
  }
}

afterEach(async () => {
  await a.close();
});

async function as(role: string): Promise<Session> {
  const s = await a.open({ database: "RETAIL", schema: "RAW" });
  await s.run(`use role ${role}`);
  return s;
}

/** Every row of SALES as the admin role sees it (all tenants), ordered by id. */
async function adminView(): Promise<string[][]> {
  const admin = await as("PLATFORM_ADMIN");
  return (await admin.run("select id, tenant_id, shop_id, amount from sales order by id")).rows as string[][];
}

/** SALES with the rows of `tenant` changed by `change` (null: row removed), the others as loaded. */
function salesWith(tenant: Tenant, change: (row: string[]) => string[] | null): string[][] {
  const out: string[][] = [];
  for (const row of SALES) {
    const next = row[1] === tenant ? change([...row]) : [...row];
    if (next) out.push(next);
  }
  return out;
}

const OWN_ROWS: Record<Tenant, string> = { ACME: "2", GLOBEX: "2", INITECH: "1" };

for (const [shape, policy] of Object.entries(POLICIES)) {
  describe(`row access policy (${shape}) on UPDATE, DELETE and MERGE`, () => {
    beforeEach(async () => {
      await setUp(policy);
    });

    for (const tenant of TENANTS) {
      it(`${tenant}: UPDATE without WHERE changes the tenant's rows only`, async () => {
        const s = await as(`TENANT_${tenant}`);
        const r = await s.run("update sales set amount = 0");
        expect(r.rows).toEqual([[OWN_ROWS[tenant], "0"]]);
        expect(await adminView()).toEqual(salesWith(tenant, ([id, t, shop]) => [id!, t!, shop!, "0.00"]));
      });

      it(`${tenant}: UPDATE with an alias, a WHERE and a FROM join touches the tenant's rows only`, async () => {
        const s = await as(`TENANT_${tenant}`);
        const r = await s.run(
          "update sales s set amount = 1 from shops sh where sh.shop_id = s.shop_id and sh.shop_name is not null",
        );
        expect(r.rows).toEqual([[OWN_ROWS[tenant], "0"]]);
        expect(await adminView()).toEqual(salesWith(tenant, ([id, t, shop]) => [id!, t!, shop!, "1.00"]));
      });

      it(`${tenant}: DELETE without WHERE removes the tenant's rows only`, async () => {
        const s = await as(`TENANT_${tenant}`);
        expect((await s.run("delete from sales")).rows).toEqual([[OWN_ROWS[tenant]]]);
        expect(await adminView()).toEqual(salesWith(tenant, () => null));
        expect((await s.run("select count(*) from sales")).rows).toEqual([["0"]]);
      });

      it(`${tenant}: DELETE … USING with an alias removes the tenant's rows only`, async () => {
        const s = await as(`TENANT_${tenant}`);
        const r = await s.run("delete from sales s using shops sh where sh.shop_id = s.shop_id");
        expect(r.rows).toEqual([[OWN_ROWS[tenant]]]);
        expect(await adminView()).toEqual(salesWith(tenant, () => null));
      });

      it(`${tenant}: MERGE WHEN MATCHED updates and deletes only the tenant's target rows`, async () => {
        const s = await as(`TENANT_${tenant}`);
        // An unprotected source naming every id: the target's filter alone limits the rows matched.
        const everyId = "select column1 as id from values (1), (2), (3), (4), (5)";
        const updated = await s.run(
          `merge into sales t using (${everyId}) src on t.id = src.id when matched then update set amount = 2`,
        );
        expect(updated.rows).toEqual([[OWN_ROWS[tenant]]]);
        expect(await adminView()).toEqual(salesWith(tenant, ([id, t, shop]) => [id!, t!, shop!, "2.00"]));
        const deleted = await s.run(
          `merge into sales using (${everyId}) src on sales.id = src.id when matched then delete`,
        );
        expect(deleted.rows).toEqual([[OWN_ROWS[tenant]]]);
        expect(await adminView()).toEqual(salesWith(tenant, () => null));
      });
    }

    it("MERGE reads its source through the policy: each tenant applies its own staged changes", async () => {
      const merge = `merge into sales t using sales_changes c on t.id = c.id
        when matched then update set amount = c.amount
        when not matched then insert (id, tenant_id, shop_id, amount) values (c.id, c.tenant_id, c.shop_id, c.amount)`;
      // ACME sees changes 1 (matches its row 1) and 7 (new).
      expect((await (await as("TENANT_ACME")).run(merge)).rows).toEqual([["1", "1"]]);
      expect(await adminView()).toEqual([
        ["1", "ACME", "10", "9.00"],
        ["2", "GLOBEX", "20", "7.50"],
        ["3", "ACME", "11", "2.25"],
        ["4", "INITECH", "30", "1.00"],
        ["5", "GLOBEX", "21", "3.00"],
        ["7", "ACME", "11", "1.00"],
      ]);
      // INITECH sees changes 4 (matches its row 4) and 9 (new); ACME's and GLOBEX's rows stay.
      expect((await (await as("TENANT_INITECH")).run(merge)).rows).toEqual([["1", "1"]]);
      expect(await adminView()).toEqual([
        ["1", "ACME", "10", "9.00"],
        ["2", "GLOBEX", "20", "7.50"],
        ["3", "ACME", "11", "2.25"],
        ["4", "INITECH", "30", "9.00"],
        ["5", "GLOBEX", "21", "3.00"],
        ["7", "ACME", "11", "1.00"],
        ["9", "INITECH", "30", "1.00"],
      ]);
    });

    it("a subquery of an UPDATE reads a protected table through the policy", async () => {
      const s = await as("TENANT_GLOBEX");
      const r = await s.run(
        "update shops set shop_name = upper(shop_name) where shop_id in (select shop_id from sales)",
      );
      expect(r.rows).toEqual([["2", "0"]]);
      const names = await a.run("select shop_name from retail.raw.shops order by shop_id");
      expect(names.rows).toEqual([
        ["Acme Berlin"],
        ["Acme Hamburg"],
        ["GLOBEX WIEN"],
        ["GLOBEX LINZ"],
        ["Initech Graz"],
      ]);
    });

    it("the admin role's UPDATE and DELETE touch every row; a role the policy maps to no tenant touches none", async () => {
      // ACCOUNTADMIN is neither a tenant nor PLATFORM_ADMIN: the policy hides every row from it.
      expect((await a.run("update sales set amount = 3")).rows).toEqual([["0", "0"]]);
      expect((await a.run("delete from sales")).rows).toEqual([["0"]]);
      expect(await adminView()).toEqual(SALES.map((r) => [...r]));
      const admin = await as("PLATFORM_ADMIN");
      expect((await admin.run("update sales set amount = 3")).rows).toEqual([["5", "0"]]);
      expect((await admin.run("delete from sales where tenant_id <> 'ACME'")).rows).toEqual([["3"]]);
      expect(await adminView()).toEqual([
        ["1", "ACME", "10", "3.00"],
        ["3", "ACME", "11", "3.00"],
      ]);
    });

    it("INSERT is not filtered: a tenant role inserts a row it cannot then see or change", async () => {
      const s = await as("TENANT_ACME");
      expect((await s.run("insert into sales values (6, 'GLOBEX', 20, 4.00)")).rows).toEqual([["1"]]);
      expect((await s.run("update sales set amount = 0 where id = 6")).rows).toEqual([["0", "0"]]);
      expect((await adminView()).at(-1)).toEqual(["6", "GLOBEX", "20", "4.00"]);
    });
  });
}
