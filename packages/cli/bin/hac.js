#!/usr/bin/env node
// Thin launcher so npm can link the bin before the build has run. The build bundles the CLI into
// dist/bundle/ (scripts/bundle.js): a few files to load instead of hundreds.
import '../dist/bundle/hac.mjs';
