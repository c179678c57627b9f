/**
 * How each engine runs the plan (compute.mjs) on the built package, with nothing downloaded: Node,
 * Bun and Deno run runner.mjs from their npm packages' binaries; Firefox ESR (Debian's) loads
 * page.html from a static server on 127.0.0.1, driven headless through WebDriver BiDi by
 * puppeteer-core, which never downloads a browser.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import puppeteer from "puppeteer-core";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HERE = fileURLToPath(new URL("./", import.meta.url));
const RUNNER = join(HERE, "runner.mjs");
const require = createRequire(import.meta.url);
const run = promisify(execFile);

/** A part of the plan as an engine computed it (compute.mjs). */
export interface Part {
  id: string;
  /** SHA-256 of the bytes with every NaN written as one pattern: what engines must agree on. */
  sha256: string;
  /** SHA-256 of the bytes as computed. */
  raw: string;
}

export interface Result {
  engine: string;
  version: string;
  /** The JavaScript engine inside, and how this check runs it. */
  detail: string;
  parts: Part[];
  /** The parts whose computation threw (recorded as the error's text). */
  threw: string[];
  /** The bytes (base64) of the part asked for, when one was. */
  bytes?: string;
}

export interface Engine {
  name: string;
  /** How the check runs it, for the README's table. */
  how: string;
  /** Computes the plan in PLAN_FILE; `detail` names a part whose bytes to return. */
  run(planFile: string, detail?: string): Promise<Result>;
}

/** An engine's own time limit: the whole plan takes a few seconds in each. */
const ENGINE_TIMEOUT_MS = 240_000;
const MiB = 1 << 20;

/** The first of `paths` that is a real executable (npm packages ship 450-byte placeholders). */
function binary(what: string, paths: (string | null)[], hint: string): string {
  for (const path of paths) if (path !== null && existsSync(path) && statSync(path).size > MiB) return path;
  throw new Error(`${what} not found (looked at ${paths.filter((p) => p !== null).join(", ")}): ${hint}`);
}

function packageDir(name: string): string | null {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

const inPackage = (name: string, path: string) => {
  const dir = packageDir(name);
  return dir === null ? null : join(dir, path);
};

async function runCli(command: string, args: string[], planFile: string, outDir: string, detail: string | undefined, env: Record<string, string>): Promise<Result> {
  const out = join(outDir, `result-${Math.random().toString(36).slice(2)}.json`);
  await run(command, [...args, RUNNER, planFile, out, ...(detail === undefined ? [] : [detail])], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    timeout: ENGINE_TIMEOUT_MS,
    maxBuffer: 16 * MiB,
  });
  return JSON.parse(readFileSync(out, "utf8")) as Result;
}

/** Node itself (the reference): the same runner, in a process of its own. */
export function node(outDir: string): Engine {
  return {
    name: "Node",
    how: "the reference: `node test/engines/runner.mjs`",
    run: (planFile, detail) => runCli(process.execPath, [], planFile, outDir, detail, {}),
  };
}

/**
 * Bun, from the `bun` npm package: its postinstall moves the binary of the platform's optional
 * package (@oven/bun-linux-x64, from the npm registry) into bun/bin; where the postinstall did not
 * run, the binary is still in the platform package.
 */
export function bun(outDir: string): Engine {
  const arch = process.arch === "arm64" ? "aarch64" : process.arch;
  const path = () =>
    binary("Bun", [inPackage("bun", "bin/bun.exe"), inPackage(`@oven/bun-linux-${arch}`, "bin/bun"), inPackage(`@oven/bun-linux-${arch}-baseline`, "bin/bun")], "run `npm ci` (the devDependency `bun` brings it)");
  return {
    name: "Bun",
    how: "`bun test/engines/runner.mjs`, the `bun` npm package's binary",
    // --no-install: never fetch a package at run time; DO_NOT_TRACK: no crash or usage reports.
    run: (planFile, detail) => runCli(path(), ["--no-install", "--no-env-file"], planFile, outDir, detail, { DO_NOT_TRACK: "1" }),
  };
}

/** Deno, from the `deno` npm package (its binary comes in @deno/linux-x64-glibc from the npm registry). */
export function deno(outDir: string): Engine {
  const arch = process.arch;
  const path = () => binary("Deno", [inPackage("deno", "deno"), inPackage(`@deno/linux-${arch}-glibc`, "deno")], "run `npm ci` (the devDependency `deno` brings it)");
  return {
    name: "Deno",
    how: "`deno run test/engines/runner.mjs` (reading the repository only), the `deno` npm package's binary",
    run: (planFile, detail) =>
      runCli(
        path(),
        ["run", "--no-prompt", "--no-config", "--no-remote", "--no-npm", "--cached-only", `--allow-read=${ROOT},${outDir}`, `--allow-write=${outDir}`],
        planFile,
        outDir,
        detail,
        // No update check (a request to the network), and a cache of its own.
        { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(outDir, "deno-dir"), NO_COLOR: "1" },
      ),
  };
}

const TYPES: Record<string, string> = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json" };

/** Serves dist/ and this folder's page and module from 127.0.0.1, and the plan at /plan.json. */
async function serve(planFile: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = path === "/plan.json" ? planFile : resolve(ROOT, `.${path}`);
    // resolve() has taken out every "..": a path inside a folder starts with the folder's.
    const inside = (dir: string) => file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
    const allowed = file === planFile || inside(join(ROOT, "dist")) || inside(HERE);
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const type = TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream";
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Firefox ESR from Debian (`apt-get install firefox-esr`), headless, through WebDriver BiDi. */
export function firefox(): Engine {
  const executablePath = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
  const puppeteerVersion = (JSON.parse(readFileSync(join(packageDir("puppeteer-core")!, "package.json"), "utf8")) as { version: string }).version;
  return {
    name: "Firefox",
    how: `Debian's \`firefox-esr\`, headless, \`test/engines/page.html\` from 127.0.0.1, driven through WebDriver BiDi by puppeteer-core ${puppeteerVersion}`,
    async run(planFile, detail) {
      if (!existsSync(executablePath)) throw new Error(`Firefox not found at ${executablePath}: \`apt-get install firefox-esr\` (or FIREFOX_PATH=...)`);
      const { server, origin } = await serve(planFile);
      const browser = await puppeteer.launch({ browser: "firefox", executablePath, headless: true, timeout: ENGINE_TIMEOUT_MS, protocolTimeout: ENGINE_TIMEOUT_MS });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(`${origin}/test/engines/page.html${detail === undefined ? "" : `?detail=${encodeURIComponent(detail)}`}`);
        // page.html's script sets `engineCheck` to the promise of compute()'s result before the load event.
        const result = (await page.evaluate("window.engineCheck")) as Omit<Result, "engine" | "version" | "detail">;
        if (errors.length > 0) throw new Error(`the page reported: ${errors.join("; ")}`);
        // The package's version ("153.8.0esr"); BiDi's browser.version() has no "esr".
        const { stdout } = await run(executablePath, ["--version"], { timeout: ENGINE_TIMEOUT_MS });
        const version = /[\d.]+(esr)?\s*$/.exec(stdout.trim())?.[0] ?? (await browser.version());
        return { engine: "Firefox", version, detail: `SpiderMonkey ${(await browser.version()).split("/")[1]}`, ...result };
      } finally {
        await browser.close();
        server.close();
      }
    },
  };
}
