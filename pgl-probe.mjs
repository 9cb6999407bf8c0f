import { PGlite } from '@electric-sql/pglite';
let t=performance.now(); let cpu=process.cpuUsage();
const a = await PGlite.create('memory://'); await a.query('select 1');
console.log('fresh', (performance.now()-t).toFixed(0),'ms cpu', (process.cpuUsage(cpu).user/1000).toFixed(0));
const dump = await a.dumpDataDir('none'); console.log('dump bytes', dump.size);
t=performance.now(); cpu=process.cpuUsage();
const b = await PGlite.create('memory://', { loadDataDir: dump }); await b.query('select 1');
console.log('from dump', (performance.now()-t).toFixed(0),'ms cpu', (process.cpuUsage(cpu).user/1000).toFixed(0));
