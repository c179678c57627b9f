// Real pages in Chromium, driven from Node: the built package loaded by a plain
// <script type="module"> (no bundler), and a Vite production build of an app that installs the
// packed tarball and imports "lrdecay" with no configuration. Their numbers must be Node's.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser } from "playwright";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ExponentialDecay } from "../../src/index.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".css": "text/css", ".svg": "image/svg+xml" };

/** A static file server for `root` on a loopback port. */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url!, "http://x").pathname)));
    if (!path.startsWith(root) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

let browser: Browser;
const servers: Server[] = [];
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});
afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

/** Opens a page and returns what it wrote into #out, once it is JSON. */
async function pageResult(url: string): Promise<Record<string, unknown>> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("out")?.textContent?.startsWith("{"), null, { timeout: 30_000 }).catch(() => {});
  const text = (await page.textContent("#out")) ?? "";
  await page.close();
  expect(errors).toEqual([]);
  return JSON.parse(text);
}

function expectNodeNumbers(result: Record<string, unknown>): void {
  const s = new ExponentialDecay(0.1, 100000, 0.96);
  const values = s.range(0, 1_000_000);
  expect(result).toEqual({
    simd: true,
    length: 1_000_000,
    at: [0, 1, 123456, 999999].map((k) => values[k]),
    staircase: new ExponentialDecay(0.1, 3, 0.96, true)(100),
  });
}

describe("pages in Chromium", () => {
  test("a plain <script type=module> loads the built package, with no bundler and no import map", async () => {
    const { server, url } = await serve(ROOT);
    servers.push(server);
    expectNodeNumbers(await pageResult(`${url}/examples/no-bundler/index.html`));
  });

  test("a Vite production build imports the installed package with no configuration", async () => {
    const app = mkdtempSync(join(tmpdir(), "lrdecay-vite-"));
    cpSync(join(ROOT, "examples/vite-app"), app, { recursive: true });
    // Install the package as users get it: from the tarball npm pack makes, of the built package
    // (`npm run test:browser` builds first; without --ignore-scripts, prepack would build the same
    // files again, 40 s on this two-core machine and more while other tests run, which timed this
    // test out in a CI run).
    const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", app], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!;
    execFileSync("npm", ["init", "-y"], { cwd: app, stdio: "ignore" });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", join(app, tarball)], { cwd: app, stdio: "ignore" });
    await build({ root: app, logLevel: "silent", build: { outDir: join(app, "dist") } });
    // No .wasm file: the kernel travels inside the JavaScript.
    expect(readdirSync(join(app, "dist/assets")).filter((f) => f.endsWith(".wasm"))).toEqual([]);
    const { server, url } = await serve(join(app, "dist"));
    servers.push(server);
    expectNodeNumbers(await pageResult(`${url}/index.html`));
  }, 240_000);
});
