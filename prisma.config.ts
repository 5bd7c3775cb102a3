// Prisma CLI configuration: runs the schema engine as WebAssembly through the
// better-sqlite3 adapter, so no native engine is ever downloaded.
import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// With this file present the CLI does not read .env itself.
if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/chibo.db";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/chibo.db" }),
});
