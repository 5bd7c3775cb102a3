/** `npm run demo` works as the README says: a member and the secretary talk to the real bot. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";

test("the demo answers a member, lets him press a button, and shows the secretary the status", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "../../src/demo/demo.ts")], {
    cwd: resolve(import.meta.dirname, "../.."),
    stdio: ["pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "" },
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  child.stdin.end(["/lichhop", "1", ":1", "/tinhhinh", ":thoat", ""].join("\n"));
  const code = await new Promise((r) => child.once("exit", r));
  expect(code).toBe(0);
  expect(output).toContain("[1] ✅ Có mặt");
  expect(output).toContain("Cảm ơn đồng chí đã xác nhận có mặt");
  expect(output).toContain("✅ Có mặt (1): Trần Thị Lan");
  expect(output).not.toContain("Warning");
}, 60_000);
