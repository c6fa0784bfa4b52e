import duck from '@duckdb/node-api';
const inst = await duck.DuckDBInstance.create(':memory:');
const c = await inst.connect();
for (const q of process.argv.slice(2)) { try { const r = await c.runAndReadAll(q); console.log(q, '=>', JSON.stringify(r.getRows(), (k,v)=> typeof v==='bigint'? String(v): v).slice(0,1500)); } catch(e) { console.log(q, 'ERR', e.message.split('\n')[0]); } }
