/** `npm run demo` works as the README says: a member and the secretary talk to the real bot. */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchChromium } from "../support/browser.ts";
import { expect, test } from "vitest";

/** The demo as a newcomer starts it, with what it printed so far. */
function startDemo() {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "../../src/demo/demo.ts")], {
    cwd: resolve(import.meta.dirname, "../.."),
    stdio: ["pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "" },
  });
  let text = "";
  child.stdout.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr.on("data", (d: Buffer) => (text += d.toString()));
  return { child, output: () => text };
}

test("the demo answers a member, lets him press a button, and shows the secretary the status", async () => {
  const { child, output } = startDemo();
  child.stdin.end(["/lichhop", "1", ":1", "/tinhhinh", ":thoat", ""].join("\n"));
  const code = await new Promise((r) => child.once("exit", r));
  expect(code).toBe(0);
  expect(output()).toContain("[1] ✅ Có mặt");
  expect(output()).toContain("Cảm ơn đồng chí đã xác nhận có mặt");
  expect(output()).toContain("✅ Có mặt (1): Trần Thị Lan");
  expect(output()).not.toContain("Warning");
}, 60_000);

/**
 * The demo also serves the web console with its data, signed in by a click (no token): Chromium opens the main pages
 * as the secretary, the collector, a member and the committee. Their screenshots are written to SCREENSHOTS_DIR
 * (`npm run screenshots` keeps them in docs/screenshots for the README), else to a temporary folder.
 */
test("the demo's web console opens without a token; screenshots of the main pages", async () => {
  const { child, output } = startDemo();
  const browser = await launchChromium();
  const dir = process.env.SCREENSHOTS_DIR ?? (await mkdtemp(join(tmpdir(), "chibo-shots-")));
  await mkdir(dir, { recursive: true });
  try {
    await expect
      .poll(() => /http:\/\/127\.0\.0\.1:\d+(?=\/demo\/1)/.exec(output())?.[0], { timeout: 20_000 })
      .toBeTruthy();
    const base = /http:\/\/127\.0\.0\.1:\d+(?=\/demo\/1)/.exec(output())![0];
    const requests: string[] = [];
    const shots: [number, string, string, string][] = [
      [2, "/", "thanh-vien", "Xin chào đồng chí Trần Thị Lan — Chi bộ Tổ dân phố 1"],
      [1, "/chi-bo", "chi-bo", "Bảng điều khiển chi bộ: Chi bộ Tổ dân phố 1"],
      [1, "/chi-bo/sinh-hoat", "sinh-hoat", "Sinh hoạt chi bộ"],
      [4, "/chi-bo/thu-dang-phi", "thu-dang-phi", "Thu đảng phí năm"],
      [5, "/dang-uy", "dang-uy", "Các chi bộ năm"],
    ];
    for (const [who, path, name, heading] of shots) {
      const context = await browser.newContext({ viewport: { width: 420, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.setDefaultTimeout(5000);
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`${base}/demo/${who}`);
      await expect.poll(() => page.locator("h1").textContent()).toContain("Xin chào");
      await page.goto(`${base}${path}`);
      expect(await page.locator("h1").textContent()).toContain(heading);
      if (path === "/dang-uy") {
        await expect.poll(() => page.locator("[data-section=charts] canvas").count()).toBe(3);
        expect(await page.locator("[data-section=overview] tbody tr").count()).toBe(2);
      }
      const file = join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const png = await readFile(file);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.length).toBeGreaterThan(10_000);
      await context.close();
    }
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
  } finally {
    await browser.close();
    child.stdin.end(":thoat\n");
    await new Promise((r) => child.once("exit", r));
  }
}, 90_000);
