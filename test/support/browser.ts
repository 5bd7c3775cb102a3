/** Debian's Chromium, headless and offline, as every browser test drives it (playwright-core, no download). */
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort, startHarness, type ChatUser, type Harness } from "./telegram-harness.ts";

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

/**
 * A browser page signed in as `user` with the one-time link /web sends in chat. Every address the page asks for is
 * passed to `onRequest` (tests check that none is on another host); a step that cannot happen fails in seconds.
 */
export async function signedInPage(
  browser: Browser,
  user: ChatUser,
  onRequest: (url: string) => void = () => {},
): Promise<Page> {
  await user.say("/web");
  const m = await user.expectOne();
  const link = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43})/.exec(m.text)?.[1];
  if (!link) throw new Error(`no sign-in link in: ${m.text}`);
  const page = await browser.newPage();
  page.setDefaultTimeout(5000);
  page.on("request", (r) => onRequest(r.url()));
  await page.goto(link);
  await page.locator("h1", { hasText: "Xin chào" }).waitFor();
  return page;
}
