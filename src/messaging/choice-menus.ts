/**
 * On a platform without buttons, choices are sent as a numbered list and the
 * user answers with the number or the option's text. The list last offered in a
 * chat is kept (in the database, to survive restarts) so the answer can be matched.
 */
import { commonTexts } from "../texts/common.ts";
import { fold } from "../domain/text.ts";
import type { Choice, OutgoingMessage } from "./types.ts";

export interface ChoiceMenuStore {
  save(chatId: string, choices: Choice[]): Promise<void>;
  clear(chatId: string): Promise<void>;
  load(chatId: string): Promise<Choice[] | null>;
}

/** Text of a message with its choices as a numbered list. */
export function renderNumberedChoices(message: OutgoingMessage): { text: string; menu: Choice[] | null } {
  const menu = (message.choices ?? []).flat();
  if (menu.length === 0) return { text: message.text, menu: null };
  const lines = menu.map((c, i) => `${i + 1}. ${stripMarks(c.label)}`);
  const hint = commonTexts.numberedHint(menu.length);
  return { text: `${message.text}\n\n${lines.join("\n")}\n${hint}`, menu };
}

/** "✅ Có mặt" -> "Có mặt": the words a person would type. */
function stripMarks(label: string): string {
  return label.replace(/^[^\p{L}\p{N}]+/u, "").trim() || label;
}

const comparable = (s: string) =>
  fold(stripMarks(s))
    .replace(/[^a-z0-9 ]/g, "")
    .trim();

/** Matches "2", "2.", "số 2" or an option's text (diacritics optional, when unambiguous). */
export function matchChoice(text: string, menu: Choice[]): Choice | null {
  const t = fold(text)
    .replace(/^so\s+/, "")
    .replace(/[.)]$/, "")
    .trim();
  if (/^\d{1,2}$/.test(t)) return menu[Number(t) - 1] ?? null;
  const wanted = comparable(text);
  if (wanted === "") return null;
  const hits = menu.filter((c) => comparable(c.label) === wanted);
  return hits.length === 1 ? hits[0]! : null;
}
