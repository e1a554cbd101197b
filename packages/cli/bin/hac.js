#!/usr/bin/env node
// Thin launcher so npm can link the bin before the TypeScript build has run.
import '../dist/bin.js';
