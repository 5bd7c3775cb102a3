/** Debian's Chromium, headless and offline, as every browser test drives it (playwright-core, no download). */
import { chromium, type Browser } from "playwright-core";
import { freePort, startHarness, type Harness } from "./telegram-harness.ts";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
}

/** The bot with its web console on a free loopback port: the harness and the console's address. */
export async function startWebHarness(opts: {
  now: string;
  zalo?: boolean;
  env?: Record<string, string>;
}): Promise<{ h: Harness; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const h = await startHarness({ ...opts, env: { WEB_PUBLIC_URL: base, WEB_PORT: String(port), ...opts.env } });
  return { h, base };
}
