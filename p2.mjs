import * as sdk from '@polyglot-sql/sdk';
const s = sdk.Dialect ? sdk : sdk.default;
const strip = (k, v) => (k==='span'||k==='trailing_comments'||k==='leading_comments' || v===null || (Array.isArray(v)&&v.length===0) || v===false) ? undefined : v;
for (const q of process.argv.slice(2)) { const r = s.parse(q, s.Dialect.Snowflake); console.log(q, '=>', r.success ? JSON.stringify(r.ast[0].select?.expressions ?? r.ast[0], strip).slice(0,2500) : 'ERR '+r.error); }
const t = s.transpile("SELECT ICU_SORT_KEY(a, 'x'), MIN_BY(a, b), merc_foo(a), list_transform(l, i -> i+1)", s.Dialect.Snowflake, s.Dialect.DuckDB); console.log(t.sql);
