import { createDataEngine } from './packages/emulator/src/data/index.js';
const engine = await createDataEngine('empty');
const n = Number(process.argv[2] ?? 130000);
let t = performance.now();
engine.generate('Product', n);
console.log('generate', Math.round(performance.now() - t));
t = performance.now();
const o = engine.exportImpex('INSERT_UPDATE Product;code[unique=true];name[lang=en]\n"#% impex.exportItems(""Product"", false);"\n', { mode: 'EXPORT_ONLY' });
console.log('export', Math.round(performance.now() - t), o.success, o.errorMessage, o.files.map((f) => f.content.length));
