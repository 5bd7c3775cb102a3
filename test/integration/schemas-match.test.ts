/**
 * One data model, two sets of migrations: the SQLite migrations (prisma/migrations) and the PostgreSQL ones
 * (prisma/postgresql/migrations) build the same tables, columns (kind and nullability), keys, unique and plain
 * indexes (partial ones too) and foreign keys (with what a delete does). Read from the two migrated template
 * databases themselves. The derived PostgreSQL schema file is current, too.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, inject, test } from "vitest";
import { POSTGRESQL_SCHEMA, postgresqlSchema, SQLITE_SCHEMA } from "../../src/db/postgresql-schema.ts";
import { onPostgresql } from "../support/db.ts";
import { databaseUrl, TEMPLATE_DATABASE } from "../support/postgresql.ts";

interface Shape {
  tables: string[];
  columns: string[];
  primaryKeys: string[];
  indexes: string[];
  foreignKeys: string[];
}

/** Column types as a kind both databases share; an unknown type fails the test until it is mapped here. */
function kind(type: string): string {
  const t = type.toLowerCase();
  if (t === "integer") return "integer";
  if (t === "text" || t === "user-defined") return "text"; // enums are text in SQLite, their own type in PostgreSQL
  if (t === "datetime" || t === "timestamp without time zone") return "datetime";
  if (t === "boolean") return "boolean";
  if (t === "real" || t === "double precision") return "real";
  return `unknown type ${type}`;
}

function sqliteShape(file: string): Shape {
  const c = new Database(file, { readonly: true });
  try {
    const tables = (
      c
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const shape: Shape = { tables, columns: [], primaryKeys: [], indexes: [], foreignKeys: [] };
    for (const table of tables) {
      const cols = c.prepare(`PRAGMA table_info("${table}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      for (const col of cols)
        shape.columns.push(`${table}.${col.name} ${kind(col.type)}${col.notnull || col.pk ? " not null" : ""}`);
      const pk = cols
        .filter((col) => col.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((col) => col.name);
      shape.primaryKeys.push(`${table}(${pk.join(",")})`);
      for (const index of c.prepare(`PRAGMA index_list("${table}")`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[]) {
        if (index.origin === "pk") continue;
        const columns = (c.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[]).map(
          (i) => i.name,
        );
        shape.indexes.push(
          `${table}(${columns.join(",")})${index.unique ? " unique" : ""}${index.partial ? " partial" : ""}`,
        );
      }
      const fks = c.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
        id: number;
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[];
      for (const id of new Set(fks.map((f) => f.id))) {
        const parts = fks.filter((f) => f.id === id);
        shape.foreignKeys.push(
          `${table}(${parts.map((f) => f.from).join(",")}) -> ${parts[0]!.table}(${parts.map((f) => f.to).join(",")}) on delete ${parts[0]!.on_delete.toLowerCase()}`,
        );
      }
    }
    return sorted(shape);
  } finally {
    c.close();
  }
}

async function postgresqlShape(url: string): Promise<Shape> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async <T extends object>(sql: string) => (await c.query<T>(sql)).rows;
    const tables = (
      await q<{ name: string }>(
        `SELECT table_name::text AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
      )
    ).map((t) => t.name);
    const shape: Shape = { tables, columns: [], primaryKeys: [], indexes: [], foreignKeys: [] };
    for (const col of await q<{ t: string; name: string; type: string; nullable: string }>(
      `SELECT table_name::text AS t, column_name::text AS name, data_type::text AS type, is_nullable::text AS nullable
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    ))
      shape.columns.push(`${col.t}.${col.name} ${kind(col.type)}${col.nullable === "NO" ? " not null" : ""}`);
    // Indexes and keys with their columns in order.
    for (const ix of await q<{ t: string; cols: string[]; uniq: boolean; primary: boolean; partial: boolean }>(
      `SELECT t.relname::text AS t, i.indisunique AS uniq, i.indisprimary AS primary, i.indpred IS NOT NULL AS partial,
              array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS cols
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
       WHERE ns.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
    )) {
      if (ix.primary) shape.primaryKeys.push(`${ix.t}(${ix.cols.join(",")})`);
      else
        shape.indexes.push(`${ix.t}(${ix.cols.join(",")})${ix.uniq ? " unique" : ""}${ix.partial ? " partial" : ""}`);
    }
    const actions: Record<string, string> = {
      a: "no action",
      r: "restrict",
      c: "cascade",
      n: "set null",
      d: "set default",
    };
    for (const fk of await q<{ t: string; ref: string; cols: string[]; refcols: string[]; del: string }>(
      `SELECT t.relname::text AS t, r.relname::text AS ref, f.confdeltype::text AS del,
              array(SELECT a.attname::text FROM unnest(f.conkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS cols,
              array(SELECT a.attname::text FROM unnest(f.confkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.attnum ORDER BY k.n) AS refcols
       FROM pg_constraint f JOIN pg_class t ON t.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace WHERE f.contype = 'f' AND ns.nspname = 'public'`,
    ))
      shape.foreignKeys.push(
        `${fk.t}(${fk.cols.join(",")}) -> ${fk.ref}(${fk.refcols.join(",")}) on delete ${actions[fk.del]}`,
      );
    return sorted(shape);
  } finally {
    await c.end();
  }
}

function sorted(shape: Shape): Shape {
  return Object.fromEntries(
    Object.entries(shape).map(([k, v]: [string, string[]]) => [k, [...v].sort()]),
  ) as unknown as Shape;
}

test.runIf(onPostgresql())("the SQLite and PostgreSQL migrations build the same tables, keys and indexes", async () => {
  const sqlite = sqliteShape(resolve(import.meta.dirname, "../../.tmp/test/template.db"));
  const postgresql = await postgresqlShape(databaseUrl(inject("postgresqlAdminUrl"), TEMPLATE_DATABASE));
  expect(sqlite.tables.length).toBeGreaterThan(30);
  // Only sent messages are looked up by their platform id (migration 20261207000000_outbox_sent_lookup).
  expect(sqlite.indexes).toContain("Outbox(chatId,externalId) partial");
  expect(sqlite.columns.join("\n")).not.toContain("unknown type");
  expect(postgresql.columns.join("\n")).not.toContain("unknown type");
  expect(postgresql).toEqual(sqlite);
});

test("prisma/postgresql/schema.prisma is the one derived from prisma/schema.prisma (npm run db:schema)", () => {
  expect(readFileSync(POSTGRESQL_SCHEMA, "utf8")).toBe(postgresqlSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
});
