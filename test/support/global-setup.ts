// Migrates one template database per test run; every test copies it (fast, and a real SQLite file).
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { applyMigrations } from "../../src/db/client.ts";

export const TEMPLATE_DIR = resolve(import.meta.dirname, "../../.tmp/test");

export default async function setup(): Promise<void> {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  await applyMigrations(`file:${resolve(TEMPLATE_DIR, "template.db")}`);
}
