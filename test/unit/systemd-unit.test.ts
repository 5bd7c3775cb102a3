/** The systemd unit shipped in docs/systemd is one systemd accepts as written: no error, no warning. */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";

test("systemd-analyze verify accepts docs/systemd/chibo.service without a word", async () => {
  const unit = resolve(import.meta.dirname, "../../docs/systemd/chibo.service");
  const result = await new Promise<{ code: number; stderr: string }>((done) =>
    execFile("systemd-analyze", ["verify", unit], { timeout: 30_000 }, (error, _stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
    ),
  );
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});
