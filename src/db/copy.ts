/**
 * Moves an install from one database to another (typically its SQLite file to a PostgreSQL server): the target is
 * migrated, must be empty, receives every row of every table (parents before the rows that point at them, through
 * Prisma, so each value keeps its type), gets its id counters moved past the copied ids, and is then counted table
 * by table against the source. Refused while a bot is running on the source (its heartbeat is fresh): a copy must
 * not miss what the bot writes meanwhile.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  applyMigrations,
  assertSchemaCurrent,
  databaseKind,
  databaseSecret,
  isPostgresql,
  openDb,
  sqlitePath,
  type Db,
} from "./client.ts";
import { HEARTBEAT_FRESH_MS, RUNTIME_TABLES } from "./backup.ts";

export class CopyError extends Error {
  override readonly name = "CopyError";
  constructor(
    readonly reason: "same_database" | "target_not_empty" | "bot_running" | "counts_differ" | "secret_differs",
    readonly detail = "",
  ) {
    super(`${reason}${detail ? `: ${detail}` : ""}`);
  }
}

/** A copy would make the target look busy. */
const NOT_COPIED = new Set<string>(RUNTIME_TABLES);
const PAGE = 1000;

interface TableInfo {
  name: string;
  primaryKey: string[];
  /** Tables this one points at. */
  parents: string[];
  /** Columns with an id counter (PostgreSQL sequences to move on). */
  serial: string[];
}

async function tables(db: Db): Promise<TableInfo[]> {
  if (isPostgresql(db)) {
    const names = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT table_name::text AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    const keys = await db.$queryRawUnsafe<{ t: string; cols: string[] }[]>(
      `SELECT t.relname::text AS t, array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) AS cols
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
       WHERE i.indisprimary AND ns.nspname = current_schema()`,
    );
    const fks = await db.$queryRawUnsafe<{ t: string; ref: string }[]>(
      `SELECT t.relname::text AS t, r.relname::text AS ref FROM pg_constraint f
       JOIN pg_class t ON t.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace WHERE f.contype = 'f' AND ns.nspname = current_schema()`,
    );
    const serials = await db.$queryRawUnsafe<{ t: string; c: string }[]>(
      `SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
    );
    return names.map(({ name }) => ({
      name,
      primaryKey: keys.find((k) => k.t === name)?.cols ?? [],
      parents: fks.filter((f) => f.t === name && f.ref !== name).map((f) => f.ref),
      serial: serials.filter((s) => s.t === name).map((s) => s.c),
    }));
  }
  const names = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
  );
  const out: TableInfo[] = [];
  for (const { name } of names) {
    const cols = await db.$queryRawUnsafe<{ name: string; pk: number | bigint }[]>(`PRAGMA table_info("${name}")`);
    const fks = await db.$queryRawUnsafe<{ table: string }[]>(`PRAGMA foreign_key_list("${name}")`);
    out.push({
      name,
      primaryKey: cols
        .filter((c) => Number(c.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((c) => c.name),
      parents: fks.map((f) => f.table).filter((t) => t !== name),
      serial: [],
    });
  }
  return out;
}

/** Parents first; a cycle (none in this schema) stops the copy before it writes anything. */
function inCopyOrder(list: TableInfo[]): TableInfo[] {
  const byName = new Map(list.map((t) => [t.name, t]));
  const done = new Set<string>();
  const order: TableInfo[] = [];
  const visit = (t: TableInfo, path: string[]) => {
    if (done.has(t.name)) return;
    if (path.includes(t.name)) throw new Error(`tables point at each other: ${[...path, t.name].join(" -> ")}`);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent, [...path, t.name]);
    }
    done.add(t.name);
    order.push(t);
  };
  for (const t of [...list].sort((a, b) => a.name.localeCompare(b.name))) visit(t, []);
  return order;
}

type Delegate = {
  count(): Promise<number>;
  findMany(args: object): Promise<object[]>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
};

function delegate(db: Db, table: string): Delegate {
  const found: unknown = Reflect.get(db, table[0]!.toLowerCase() + table.slice(1));
  if (!found || typeof (found as Delegate).findMany !== "function") throw new Error(`no model for table ${table}`);
  return found as Delegate;
}

export interface CopiedTable {
  table: string;
  rows: number;
}

export async function copyDatabase(from: string, to: string, now: Date): Promise<CopiedTable[]> {
  if (from === to) throw new CopyError("same_database");
  await assertSchemaCurrent(from);
  databaseKind(to);
  await applyMigrations(to);
  // A SQLite target gets the source's key file, as a backup does.
  const keyFile = sourceSecretOf(from);
  if (databaseKind(to) === "sqlite" && keyFile && !existsSync(`${sqlitePath(to)}.secret`))
    writeFileSync(`${sqlitePath(to)}.secret`, keyFile.toString("utf8"), { mode: 0o600, flag: "wx" });
  const source = await openDb(from);
  const target = await openDb(to);
  try {
    // Invite codes and sign-in links are stored as HMACs under the source's secret: the target must use the same one.
    const sourceSecret = keyFile ?? databaseSecret(source);
    if (!sourceSecret.equals(databaseSecret(target)))
      throw new CopyError("secret_differs", databaseKind(from) === "sqlite" ? `${sqlitePath(from)}.secret` : "");
    const beat = await source.heartbeat.aggregate({ _max: { seenAt: true } });
    const last = beat._max.seenAt?.getTime();
    if (last !== undefined && now.getTime() - last < HEARTBEAT_FRESH_MS) throw new CopyError("bot_running");
    const order = inCopyOrder((await tables(source)).filter((t) => !NOT_COPIED.has(t.name)));
    for (const t of order) {
      if ((await delegate(target, t.name).count()) > 0) throw new CopyError("target_not_empty", t.name);
    }
    const copied: CopiedTable[] = [];
    for (const t of order) {
      const from = delegate(source, t.name);
      const into = delegate(target, t.name);
      const orderBy = t.primaryKey.map((c) => ({ [c]: "asc" }));
      // A one-column key pages from the last row read (each page an index lookup); a table keyed by several
      // columns (small link tables) pages by position.
      const [key] = t.primaryKey;
      const after = (last: Record<string, unknown> | undefined, skip: number) =>
        t.primaryKey.length === 1
          ? { where: last ? { [key!]: { gt: last[key!] } } : {}, skip: 0 }
          : { where: {}, skip };
      let rows = 0;
      let last: Record<string, unknown> | undefined;
      for (let skip = 0; ; skip += PAGE) {
        const page = await from.findMany({ orderBy, take: PAGE, ...after(last, skip) });
        if (page.length === 0) break;
        rows += (await into.createMany({ data: page })).count;
        if (page.length < PAGE) break;
        last = page.at(-1) as Record<string, unknown>;
      }
      copied.push({ table: t.name, rows });
    }
    if (isPostgresql(target)) await moveCounters(target);
    for (const { table, rows } of copied) {
      const [a, b] = [await delegate(source, table).count(), await delegate(target, table).count()];
      if (a !== rows || b !== rows) throw new CopyError("counts_differ", `${table}: ${a} → ${b}`);
    }
    return copied;
  } finally {
    await source.$disconnect();
    await target.$disconnect();
  }
}

/** A SQLite install's own secret file (the bot used it unless INVITE_CODE_SECRET was set). */
function sourceSecretOf(url: string): Buffer | null {
  if (databaseKind(url) !== "sqlite") return null;
  const file = `${sqlitePath(url)}.secret`;
  return existsSync(file) ? Buffer.from(readFileSync(file, "utf8").trim(), "utf8") : null;
}

/** PostgreSQL's id counters start again at 1 unless told otherwise: each goes past the largest copied id. */
async function moveCounters(db: Db): Promise<void> {
  for (const t of await tables(db)) {
    for (const column of t.serial) {
      await db.$executeRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('"${t.name}"', '${column}'), COALESCE(MAX("${column}"), 0) + 1, false) FROM "${t.name}"`,
      );
    }
  }
}
