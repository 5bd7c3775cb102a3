/** Every setting the bot reads is documented in .env.example and in README's Configuration. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const read = (f: string) => readFileSync(resolve(root, f), "utf8");

test("each setting of src/config/config.ts is in .env.example and README", () => {
  const keys = [...read("src/config/config.ts").matchAll(/^\s{2,4}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
  expect(keys.length).toBeGreaterThan(30);
  const example = read(".env.example");
  const readme = read("README.md");
  const missing = keys.filter((k) => !new RegExp(`^#? ?${k}=`, "m").test(example));
  expect(missing, "not in .env.example").toEqual([]);
  expect(
    keys.filter((k) => !readme.includes(`\`${k}\``)),
    "not in README",
  ).toEqual([]);
});

test("each committee setting is in README with its default", async () => {
  const { COMMITTEE_SETTING_KEYS } = await import("../../src/domain/committee-settings.ts");
  const readme = read("README.md");
  expect(COMMITTEE_SETTING_KEYS.filter((k) => !readme.includes(`\`${k}\``))).toEqual([]);
});
