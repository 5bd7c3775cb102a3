/** A fresh copy of the migrated template database for one test. */
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { openDb, type Db } from "../../src/db/client.ts";

const dir = resolve(import.meta.dirname, "../../.tmp/test");

export async function freshDb(): Promise<{ db: Db; url: string }> {
  const file = resolve(dir, `${randomUUID()}.db`);
  copyFileSync(resolve(dir, "template.db"), file);
  const url = `file:${file}`;
  return { db: await openDb(url), url };
}
