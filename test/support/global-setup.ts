// Migrates one template database per test run (every test copies it: fast, and a
// real SQLite file), and compiles src/ to dist/ once, so the tests that start the
// real bot or command-line process run exactly what `npm start` runs.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { applyMigrations } from "../../src/db/client.ts";

export const TEMPLATE_DIR = resolve(import.meta.dirname, "../../.tmp/test");
const root = resolve(import.meta.dirname, "../..");

export default async function setup(): Promise<void> {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  applyMigrations(`file:${resolve(TEMPLATE_DIR, "template.db")}`);
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
