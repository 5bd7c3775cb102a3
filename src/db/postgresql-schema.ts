/**
 * prisma/schema.prisma is the one data model. The PostgreSQL client is generated from a copy that differs only in
 * its datasource provider and where the client is written; `npm run db:schema` writes that copy
 * (prisma/postgresql/schema.prisma) and a test fails when it is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "../paths.ts";

export const SQLITE_SCHEMA = resolve(PROJECT_ROOT, "prisma/schema.prisma");
export const POSTGRESQL_SCHEMA = resolve(PROJECT_ROOT, "prisma/postgresql/schema.prisma");

const HEADER =
  "// Written by `npm run db:schema` from prisma/schema.prisma (the one data model): edit that file, not this one.\n\n";

export function postgresqlSchema(sqlite: string): string {
  const swaps: [RegExp, string][] = [
    [/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'],
    [/output(\s*)=\s*"\.\.\/src\/db\/generated"/, 'output$1= "../../src/db/generated-pg"'],
  ];
  let text = sqlite;
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma no longer contains ${pattern}`);
    text = text.replace(pattern, replacement);
  }
  return HEADER + text;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(POSTGRESQL_SCHEMA, postgresqlSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  process.stdout.write(`${POSTGRESQL_SCHEMA}\n`);
}
