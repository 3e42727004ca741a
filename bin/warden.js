#!/usr/bin/env node
// The built CLI (`npm run build` writes dist/).
import '../dist/cli/bin.js';
