// Prisma CLI configuration for the PostgreSQL client (generate and migrate diff only: chibo applies the
// PostgreSQL migrations itself, see src/db/migrate-postgresql.ts). No native engine is downloaded.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's datasource reads DATABASE_URL, and the CLI wants a PostgreSQL address there even to generate.
const url = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(url)) process.env.DATABASE_URL = "postgresql://localhost/chibo";

export default defineConfig({
  schema: "schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
