// Migrates one template database per test run (every test copies it: fast, and a real database), and compiles src/
// to dist/ once, so the tests that start the real bot or command-line process run exactly what `npm start` runs.
// The "postgresql" project starts a real PostgreSQL server (see postgresql.ts) and migrates its template there.
// The web console's tests drive Debian's Chromium: on a machine without it, it is installed from Debian's packages
// (as root, or with sudo that asks no password).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/db/client.ts";
import { createTemplate, startTestServer } from "./postgresql.ts";

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

/** Both projects may run this; what they share is done once per run. */
let shared: Promise<void> | null = null;

async function prepareShared(): Promise<void> {
  ensureChromium();
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  await applyMigrations(`file:${resolve(TEMPLATE_DIR, "template.db")}`);
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  shared ??= prepareShared();
  await shared;
  if (project.name !== "postgresql") return;
  const server = await startTestServer();
  await createTemplate(server.adminUrl);
  project.provide("postgresqlAdminUrl", server.adminUrl);
  return () => server.stop();
}
