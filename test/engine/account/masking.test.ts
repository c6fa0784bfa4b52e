import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Account, openAccount, type Session } from "./helpers.js";

// Three customers; the e-mail addresses are the raw values no unprivileged role may read.
const RAW = ["anna@example.com", "bert@example.org", "carl@example.net"];

let a: Account;
beforeEach(async () => {
  a = await openAccount();
  await a.run(
    "create database shop",
    "create schema shop.crm",
    "use schema shop.crm",
    "create table customers (id int, tenant varchar, email varchar, phone varchar)",
    `insert into customers values (1, 'A', '${RAW[0]}', '+49 30 1111'), (2, 'A', '${RAW[1]}', '+49 30 2222'), (3, 'B', '${RAW[2]}', '+43 1 3333')`,
    `create masking policy email_mask as (val string) returns string ->
       case when is_role_in_session('SUPPORT') then val
            when current_role() = 'ANALYST' then regexp_replace(val, '.+@', '*****@')
            else '*********' end
       comment = 'e-mail for support only'`,
    "alter table customers modify column email set masking policy email_mask",
    "create view customer_list as select id, email from customers",
    "create table notes (id int, note varchar)",
    "insert into notes values (1, 'x'), (2, 'y'), (3, 'z')",
  );
  for (const role of ["SUPPORT", "ANALYST", "TENANT_A"]) {
    await a.run(
      `create role ${role}`,
      `grant role ${role} to user admin`,
      `grant usage on database shop to role ${role}`,
      `grant usage on schema shop.crm to role ${role}`,
      `grant select on table shop.crm.customers to role ${role}`,
      `grant select on view shop.crm.customer_list to role ${role}`,
    );
  }
});
afterEach(async () => {
  await a.close();
});

async function as(role: string): Promise<Session> {
  const s = await a.open({});
  await s.run(`use role ${role}`, "use schema shop.crm");
  return s;
}

describe("masking policies: what each role reads", () => {
  it("SUPPORT reads the raw value, ANALYST the partial mask, any other role the full mask", async () => {
    const q = "select id, email from customers order by id";
    expect((await (await as("SUPPORT")).run(q)).rows).toEqual(RAW.map((e, i) => [String(i + 1), e]));
    expect((await (await as("ANALYST")).run(q)).rows).toEqual([
      ["1", "*****@example.com"],
      ["2", "*****@example.org"],
      ["3", "*****@example.net"],
    ]);
    expect((await (await as("TENANT_A")).run(q)).rows).toEqual([
      ["1", "*********"],
      ["2", "*********"],
      ["3", "*********"],
    ]);
  });
});

describe("masking policies: a hostile role never reads the raw value", () => {
  // Each statement would hand TENANT_A a raw e-mail address (or a fact about one) if masking were
  // applied only to the top-level projection. Privileges needed for the attempt are granted first.
  const noRaw = (rows: (string | null)[][]) => {
    const text = JSON.stringify(rows);
    for (const raw of RAW) expect(text).not.toContain(raw);
    expect(text).not.toContain("example");
  };
  beforeEach(async () => {
    await a.run(
      "grant create table on schema shop.crm to role tenant_a",
      "grant create view on schema shop.crm to role tenant_a",
      "grant select, update, insert, delete on table shop.crm.notes to role tenant_a",
    );
  });

  it("through the view, a subquery, a CTE, a join, UNION, GROUP BY and a window", async () => {
    const s = await as("TENANT_A");
    for (const q of [
      "select * from customer_list",
      "select (select max(email) from customers) as e",
      "with c as (select email from customers) select email from c",
      "select n.note, c.email from notes n join customers c on c.id = n.id",
      "select email from customers union all select note from notes",
      "select email, count(*) from customers group by email",
      "select first_value(email) over (order by id) from customers",
      "select array_agg(email) from customers",
      "select object_construct(*) from customers",
      "select email from (select * from customers) x",
      "select upper(email), substr(email, 1, 4), length(email) from customers",
    ]) {
      const r = await s.run(q);
      noRaw(r.rows);
    }
    // The mask is a constant of length 9: nothing about the raw length leaks either.
    expect((await s.run("select distinct length(email) from customers")).rows).toEqual([["9"]]);
  });

  it("a WHERE on the masked column compares the masked value", async () => {
    const s = await as("TENANT_A");
    expect((await s.run(`select count(*) from customers where email = '${RAW[0]}'`)).rows).toEqual([["0"]]);
    expect((await s.run("select count(*) from customers where email like 'anna%'")).rows).toEqual([["0"]]);
    expect((await s.run("select count(*) from customers where email = '*********'")).rows).toEqual([["3"]]);
  });

  it("CREATE TABLE AS SELECT and CLONE copy masked values", async () => {
    const s = await as("TENANT_A");
    await s.run("create table stolen as select * from customers");
    await s.run("create table stolen2 clone customers");
    await s.run("create view stolen_v as select email from customers");
    for (const q of ["select * from stolen", "select * from stolen2", "select * from stolen_v"])
      noRaw((await s.run(q)).rows);
    // The copy stores the masked text: SUPPORT, who may see raw e-mails, reads the mask there.
    await s.run("grant select on table stolen to role support");
    noRaw((await (await as("SUPPORT")).run("select email from stolen")).rows);
  });

  it("RESULT_SCAN of an earlier query returns what that query returned", async () => {
    const s = await as("TENANT_A");
    await s.run("select email from customers");
    noRaw((await s.run("select * from table(result_scan(last_query_id()))")).rows);
  });

  it("UPDATE … FROM and INSERT … SELECT copy masked values into a table the role can read", async () => {
    const s = await as("TENANT_A");
    await s.run("update notes set note = c.email from customers c where c.id = notes.id");
    noRaw((await s.run("select note from notes")).rows);
    await s.run("insert into notes select id, email from customers");
    noRaw((await s.run("select note from notes")).rows);
    noRaw((await a.run("select note from shop.crm.notes")).rows);
  });

  it("an UPDATE of the masked table itself reads the masked value in SET and WHERE", async () => {
    await a.run("grant update on table shop.crm.customers to role tenant_a");
    const s = await as("TENANT_A");
    // Copying the masked column into another column of the same row stores the mask.
    await s.run("update customers set phone = email");
    expect((await a.run("select distinct phone from shop.crm.customers")).rows).toEqual([["*********"]]);
    // A WHERE on the raw value matches nothing, so row counts reveal nothing.
    const r = await s.run(`update customers set phone = 'x' where email = '${RAW[0]}'`);
    expect(r.rows[0]![0]).toBe("0");
    // The raw column itself is untouched by reads: SUPPORT still sees it.
    expect((await (await as("SUPPORT")).run("select email from customers order by id")).rows).toEqual(
      RAW.map((e) => [e]),
    );
  });

  it("DELETE and MERGE conditions on the masked column see the mask", async () => {
    await a.run("grant delete on table shop.crm.customers to role tenant_a");
    const s = await as("TENANT_A");
    const d = await s.run("delete from customers where email like '%example.com'");
    expect(d.rows[0]![0]).toBe("0");
    const m = await s.run(
      "merge into notes n using customers c on n.id = c.id when matched then update set note = c.email",
    );
    expect(m.rows[0]![0]).toBe("3");
    noRaw((await a.run("select note from shop.crm.notes")).rows);
  });
});

describe("masking policies: statements", () => {
  it("SHOW, DESCRIBE and GET_DDL print the policy with Snowflake's columns", async () => {
    const show = await a.run("show masking policies in schema shop.crm");
    expect(show.columns).toEqual([
      "created_on",
      "name",
      "database_name",
      "schema_name",
      "kind",
      "owner",
      "comment",
      "options",
      "owner_role_type",
    ]);
    expect(show.rows.map((r) => r.slice(1))).toEqual([
      ["EMAIL_MASK", "SHOP", "CRM", "MASKING_POLICY", "ACCOUNTADMIN", "e-mail for support only", "", "ROLE"],
    ]);
    const desc = await a.run("describe masking policy email_mask");
    expect(desc.columns).toEqual(["name", "signature", "return_type", "body"]);
    expect(desc.rows[0]!.slice(0, 3)).toEqual(["EMAIL_MASK", "(VAL VARCHAR)", "VARCHAR(16777216)"]);
    expect(desc.rows[0]![3]).toMatch(/^case when is_role_in_session\('SUPPORT'\) then val[\s\S]*end$/);
    const ddl = (await a.run("select get_ddl('policy', 'email_mask')")).rows[0]![0]!;
    expect(ddl).toMatch(
      /^create or replace masking policy EMAIL_MASK as \(VAL VARCHAR\) returns VARCHAR\(16777216\) -> case/,
    );
  });

  it("POLICY_REFERENCES lists the masked column beside row access attachments", async () => {
    const r = await a.run(
      "select policy_name, policy_kind, ref_entity_name, ref_entity_domain, ref_column_name from table(information_schema.policy_references(ref_entity_name => 'shop.crm.customers', ref_entity_domain => 'table'))",
    );
    expect(r.rows).toEqual([["EMAIL_MASK", "MASKING_POLICY", "CUSTOMERS", "TABLE", "EMAIL"]]);
    const byPolicy = await a.run(
      "select ref_column_name from table(information_schema.policy_references(policy_name => 'shop.crm.email_mask'))",
    );
    expect(byPolicy.rows).toEqual([["EMAIL"]]);
  });

  it("ALTER … SET BODY changes what the next query reads; UNSET shows the raw value again", async () => {
    await a.run("alter masking policy email_mask set body -> 'hidden'");
    const s = await as("TENANT_A");
    expect((await s.run("select distinct email from customers")).rows).toEqual([["hidden"]]);
    await a.run("alter table customers modify column email unset masking policy");
    expect((await s.run("select email from customers order by id")).rows).toEqual(RAW.map((e) => [e]));
  });

  it("a policy in use cannot be dropped or replaced; a second policy needs FORCE", async () => {
    expect((await a.error("drop masking policy email_mask")).message).toContain(
      "associated with one or more entities",
    );
    expect(
      (await a.error("create or replace masking policy email_mask as (val string) returns string -> val"))
        .message,
    ).toContain("associated with one or more entities");
    await a.run("create masking policy other_mask as (val string) returns string -> 'other'");
    expect(
      (await a.error("alter table customers modify column email set masking policy other_mask")).message,
    ).toContain("already attached to another masking policy");
    await a.run("alter table customers modify column email set masking policy other_mask force");
    expect((await (await as("SUPPORT")).run("select distinct email from customers")).rows).toEqual([
      ["other"],
    ]);
    await a.run(
      "alter table customers modify column email unset masking policy",
      "drop masking policy email_mask",
    );
  });

  it("types must match: the return type, and the column's type at attach", async () => {
    expect(
      (await a.error("create masking policy bad as (val number) returns string -> 'x'")).message,
    ).toContain("must match");
    await a.run("create masking policy num_mask as (val number) returns number -> 0");
    expect(
      (await a.error("alter table customers modify column email set masking policy num_mask")).message,
    ).toContain("does not match");
    await a.run("alter table customers modify column id set masking policy num_mask");
    expect((await (await as("TENANT_A")).run("select distinct id from customers")).rows).toEqual([["0"]]);
  });

  it("a conditional policy (USING) unmasks by another column of the row", async () => {
    await a.run(
      "create masking policy phone_by_tenant as (val string, tenant string) returns string -> case when tenant = 'B' then val else '***' end",
      "alter table customers modify column phone set masking policy phone_by_tenant using (phone, tenant)",
    );
    expect((await (await as("TENANT_A")).run("select phone from customers order by id")).rows).toEqual([
      ["***"],
      ["***"],
      ["+43 1 3333"],
    ]);
  });

  it("inline WITH MASKING POLICY in CREATE TABLE masks from the first row", async () => {
    await a.run(
      "create table leads (id int, email varchar with masking policy email_mask, phone varchar masking policy email_mask)",
      `insert into leads values (1, '${RAW[0]}', '+1')`,
      "grant select on table leads to role tenant_a",
    );
    expect((await (await as("TENANT_A")).run("select email, phone from leads")).rows).toEqual([
      ["*********", "*********"],
    ]);
  });

  it("privileges as Snowflake's: CREATE MASKING POLICY on the schema, APPLY or ownership to set one", async () => {
    const s = await as("TENANT_A");
    expect((await s.error("create masking policy m2 as (val string) returns string -> val")).code).toBe(
      "003001",
    );
    expect((await s.error("alter table customers modify column email unset masking policy")).code).toBe(
      "003001",
    );
    expect((await s.error("alter masking policy email_mask set body -> val")).code).toMatch(
      /^00(2003|3001)$/,
    );
    await a.run("grant create masking policy on schema shop.crm to role tenant_a");
    await s.run("create masking policy m2 as (val string) returns string -> val");
    // Owning the policy is not enough: setting it needs ownership of the table too.
    expect(
      (await s.error("alter table customers modify column email set masking policy m2 force")).code,
    ).toBe("003001");
  });
});
