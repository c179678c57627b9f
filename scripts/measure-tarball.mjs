// The npm tarball's size as the README states it: `npm pack --dry-run --json` on the package as
// built (run `npm run build` first; --ignore-scripts, so that measuring does not rebuild), printed
// in bytes and KiB, with the largest files. Run: node scripts/measure-tarball.mjs
import { execFileSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }));
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(`${pack.filename}: ${pack.size.toLocaleString("en-US")} bytes packed (${kib(pack.size)}), ` +
  `${pack.unpackedSize.toLocaleString("en-US")} bytes unpacked (${kib(pack.unpackedSize)}), ${pack.entryCount} files`);
for (const file of [...pack.files].sort((a, b) => b.size - a.size).slice(0, 3))
  console.log(`  ${file.path}: ${kib(file.size)} unpacked`);
