#!/usr/bin/env node
// `npx chibo <command>`: the admin command line, compiled by `npm install` (npm run build).
import { existsSync } from "node:fs";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";

const entry = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write("chibo: chưa biên dịch. Chạy: npm install (hoặc npm run build)\n");
  process.exit(1);
}
await import(entry);
