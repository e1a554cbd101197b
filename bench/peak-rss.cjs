// Preloaded into a process (`node --require bench/peak-rss.cjs …`): at exit, its peak resident set
// size goes to the file named by HAC_BENCH_PEAK_RSS_FILE (in KiB), so that a benchmark reads the
// peak of the whole run without a tool like GNU time. CommonJS: --require loads it synchronously.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.HAC_BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
