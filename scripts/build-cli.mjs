// Bundles the lrdecay command (src/cli/main.ts) with its libraries into dist/cli.js, minified:
// commander, cli-progress, fflate and vega ship inside it, so the package keeps no
// runtime dependency and the library's import graph never sees them. Run by `npm run build`.
import { chmodSync } from "node:fs";
import { build } from "esbuild";

const outfile = new URL("../dist/cli.js", import.meta.url).pathname;
await build({
  entryPoints: [new URL("../src/cli/main.ts", import.meta.url).pathname],
  outfile,
  bundle: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // CommonJS libraries in an ES module bundle still call require() for Node's built-ins.
  banner: { js: '#!/usr/bin/env node\nimport { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
});
// The bin must be executable, or `npx lrdecay` in this checkout fails with "Permission denied"
// (npm sets the bit when it installs the package, not when we build it).
chmodSync(outfile, 0o755);
