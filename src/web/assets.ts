/**
 * Files the pages load besides their own HTML: the charting library (uPlot,
 * bundled from node_modules, never from a CDN) and its style sheet. Read once
 * at start-up and kept gzipped; a missing file fails the start loudly.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const uplotDir = join(dirname(require.resolve("uplot/package.json")), "dist");

function asset(file: string, type: string) {
  const body = readFileSync(join(uplotDir, file));
  return { body, gzip: gzipSync(body, { level: 9 }), type };
}

export const ASSETS = new Map([
  ["/assets/uPlot.iife.min.js", asset("uPlot.iife.min.js", "text/javascript; charset=utf-8")],
  ["/assets/uPlot.min.css", asset("uPlot.min.css", "text/css; charset=utf-8")],
]);
