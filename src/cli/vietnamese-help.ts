/**
 * commander prints its help headings and its own errors in English; the people
 * who run chibo's command line read Vietnamese. These settings are inherited by
 * every command created after them.
 */
import type { Command, Help, Option } from "commander";
import { commanderTexts } from "../texts/cli.ts";

const c = commanderTexts;
const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: required option '([^']+)' not specified/, (o) => c.requiredOption(o)],
  [/^error: option '([^']+)' argument missing/, (o) => c.argumentMissing(o)],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/,
    (o, v, ch) => c.badChoice(o, v, ch),
  ],
  [/^error: unknown option '([^']+)'/, (o) => c.unknownOption(o)],
  [/^error: unknown command '([^']+)'/, (cmd) => c.unknownCommand(cmd)],
  [/^error: missing required argument '([^']+)'/, (a) => c.missingArgument(a)],
  [/^error: too many arguments/, () => c.tooManyArguments],
];

export function translateCommanderError(message: string): string {
  const line = message.trim();
  const suggestion = /\(Did you mean (.+)\?\)/.exec(line);
  for (const [pattern, render] of ERRORS) {
    const m = pattern.exec(line.split("\n")[0] ?? "");
    if (m) return c.error(render(...m.slice(1)), suggestion?.[1] ?? null);
  }
  return line.replace(/^error: /, c.errorPrefix);
}

export function vietnameseHelp(program: Command, write: (s: string) => void): Command {
  return program
    .helpOption("-h, --help", c.help)
    .helpCommand(c.helpCommand, c.helpCommandDescription)
    .configureOutput({
      writeOut: (s) => write(s.trimEnd()),
      writeErr: (s) => write(s.trimEnd()),
      outputError: (s, w) => w(`${translateCommanderError(s)}\n`),
    })
    .configureHelp({
      styleTitle: (s: string) => c.titles[s] ?? s,
      styleUsage: (s: string) => s.replace("[options]", c.optionsWord).replace("[command]", c.commandWord),
      optionDescription(this: Help, option: Option): string {
        const extra: string[] = [];
        if (option.argChoices) extra.push(c.choices(option.argChoices));
        if (option.defaultValue !== undefined && (option.required || option.optional))
          extra.push(c.defaultValue(String(option.defaultValue)));
        return extra.length ? `${option.description} (${extra.join("; ")})` : option.description;
      },
    });
}
