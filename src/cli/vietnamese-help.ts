/**
 * commander prints its help headings and its own errors in English; the people
 * who run chibo's command line read Vietnamese. These settings are inherited by
 * every command created after them.
 */
import type { Command, Help, Option } from "commander";

const TITLES: Record<string, string> = {
  "Usage:": "Cách dùng:",
  "Options:": "Tuỳ chọn:",
  "Commands:": "Lệnh:",
  "Arguments:": "Tham số:",
  "Global Options:": "Tuỳ chọn chung:",
};

const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: required option '([^']+)' not specified/, (o) => `thiếu tuỳ chọn bắt buộc ${o}`],
  [/^error: option '([^']+)' argument missing/, (o) => `tuỳ chọn ${o} cần một giá trị`],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/,
    (o, v, c) => `tuỳ chọn ${o}: "${v}" không hợp lệ; chọn một trong: ${c}`,
  ],
  [/^error: unknown option '([^']+)'/, (o) => `không có tuỳ chọn ${o}`],
  [/^error: unknown command '([^']+)'/, (c) => `không có lệnh ${c}`],
  [/^error: missing required argument '([^']+)'/, (a) => `thiếu tham số <${a}>`],
  [/^error: too many arguments/, () => "thừa tham số"],
];

export function translateCommanderError(message: string): string {
  const line = message.trim();
  const suggestion = /\(Did you mean (.+)\?\)/.exec(line);
  for (const [pattern, render] of ERRORS) {
    const m = pattern.exec(line.split("\n")[0] ?? "");
    if (m) return `Lỗi: ${render(...m.slice(1))}${suggestion ? ` (có phải ý đồng chí là ${suggestion[1]}?)` : ""}`;
  }
  return line.replace(/^error: /, "Lỗi: ");
}

export function vietnameseHelp(program: Command, write: (s: string) => void): Command {
  return program
    .helpOption("-h, --help", "xem hướng dẫn")
    .helpCommand("help [lệnh]", "xem hướng dẫn của một lệnh")
    .configureOutput({
      writeOut: (s) => write(s.trimEnd()),
      writeErr: (s) => write(s.trimEnd()),
      outputError: (s, w) => w(`${translateCommanderError(s)}\n`),
    })
    .configureHelp({
      styleTitle: (s: string) => TITLES[s] ?? s,
      styleUsage: (s: string) => s.replace("[options]", "[tuỳ chọn]").replace("[command]", "[lệnh]"),
      optionDescription(this: Help, option: Option): string {
        const extra: string[] = [];
        if (option.argChoices) extra.push(`chọn: ${option.argChoices.join(", ")}`);
        if (option.defaultValue !== undefined && (option.required || option.optional))
          extra.push(`mặc định: ${String(option.defaultValue)}`);
        return extra.length ? `${option.description} (${extra.join("; ")})` : option.description;
      },
    });
}
