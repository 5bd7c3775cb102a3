/** The layering holds: no module imports itself back through others (type imports included). */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === "generated" || e.name === "generated-pg"
        ? []
        : sourceFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

type Read = (file: string) => string;

function importsOf(file: string, read: Read): string[] {
  const sf = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest);
  return sf.statements.flatMap((st) =>
    (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) &&
    st.moduleSpecifier &&
    ts.isStringLiteral(st.moduleSpecifier) &&
    st.moduleSpecifier.text.startsWith(".")
      ? [resolve(dirname(file), st.moduleSpecifier.text)]
      : [],
  );
}

function importCycles(files: string[], read: Read = (f) => readFileSync(f, "utf8")): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f, read)]));
  const cycles: string[][] = [];
  const stack: string[] = [];
  const onStack = new Set<string>();
  const done = new Set<string>();
  const visit = (file: string) => {
    onStack.add(file);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (onStack.has(next)) cycles.push(stack.slice(stack.indexOf(next)).map((f) => relative(SRC, f)));
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(file);
    done.add(file);
  };
  for (const f of graph.keys()) if (!done.has(f)) visit(f);
  return cycles;
}

test("src has no import cycles", () => {
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(80);
  expect(importCycles(files)).toEqual([]);
});

test("the check finds a cycle when there is one", () => {
  const a = join(SRC, "__a.ts");
  const b = join(SRC, "__b.ts");
  const c = join(SRC, "__c.ts");
  const files: Record<string, string> = {
    [a]: 'import { b } from "./__b.ts";',
    [b]: 'import type { C } from "./__c.ts";',
    [c]: 'export * from "./__a.ts";',
  };
  expect(importCycles([a, b, c], (f) => files[f]!)).toEqual([["__a.ts", "__b.ts", "__c.ts"]]);
});
