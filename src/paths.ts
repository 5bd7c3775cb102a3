/** Where the project's own files are, whether it runs from src/ (tsx) or from the compiled dist/. */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(resolve(dir, "package.json")) || !existsSync(resolve(dir, "prisma"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`chibo's project folder not found above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);
