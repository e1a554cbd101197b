#!/usr/bin/env node
// Thin launcher so npm can link the bin before the build has run. The build bundles the CLI into
// dist/bundle/ (scripts/bundle.js). CommonJS: an ES module here would start Node's ES module loader,
// which costs every run several milliseconds.
require('../dist/bundle/hac.cjs');
