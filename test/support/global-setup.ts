// Migrates one template database per test run (every test copies it: fast, and a
// real SQLite file), and compiles src/ to dist/ once, so the tests that start the
// real bot or command-line process run exactly what `npm start` runs. The web
// console's tests drive Debian's Chromium: on a machine without it, it is
// installed from Debian's packages (as root, or with sudo that asks no password).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { applyMigrations } from "../../src/db/client.ts";

export const TEMPLATE_DIR = resolve(import.meta.dirname, "../../.tmp/test");
const root = resolve(import.meta.dirname, "../..");

export const CHROMIUM = "/usr/bin/chromium";

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  process.stdout.write("Installing Debian's chromium for the browser tests (apt-get install chromium)…\n");
  const root = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(root ? "apt-get" : "sudo", root ? args : ["-n", "apt-get", ...args], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  try {
    run(["update", "-qq"]);
    run(["install", "-y", "-qq", "chromium"]);
  } catch {
    throw new Error(`The browser tests need ${CHROMIUM}: install it with "sudo apt-get install chromium".`);
  }
}

export default async function setup(): Promise<void> {
  ensureChromium();
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  applyMigrations(`file:${resolve(TEMPLATE_DIR, "template.db")}`);
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
