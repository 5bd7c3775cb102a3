/**
 * Splits a long text into pieces of at most `max` UTF-16 units, cutting where a
 * reader would: between paragraphs, else between lines, else after a sentence,
 * else between words. A piece is never shorter than half the limit because of a
 * boundary, only the boundary's own white space is dropped, and a surrogate pair
 * (an emoji) is never cut in two.
 */
interface Boundary {
  pattern: RegExp;
  /** Where the piece ends and how much of the boundary is dropped, for a match. */
  cut(m: RegExpMatchArray): { end: number; skip: number };
}

const BOUNDARIES: Boundary[] = [
  { pattern: /\n[^\S\n]*\n\s*/g, cut: (m) => ({ end: m.index!, skip: m[0].length }) },
  { pattern: /\n/g, cut: (m) => ({ end: m.index!, skip: 1 }) },
  { pattern: /[.!?…;:](\s+)/g, cut: (m) => ({ end: m.index! + 1, skip: m[1]!.length }) },
  { pattern: /\s+/g, cut: (m) => ({ end: m.index!, skip: m[0].length }) },
];

function cutAt(text: string, max: number): { end: number; skip: number } {
  const floor = Math.floor(max / 2);
  const window = text.slice(0, max + 1);
  for (const b of BOUNDARIES) {
    let best: { end: number; skip: number } | null = null;
    for (const m of window.matchAll(b.pattern)) {
      const c = b.cut(m);
      if (c.end >= floor && c.end <= max) best = c;
    }
    if (best) return best;
  }
  // No boundary: a hard cut, but not inside a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return { end: code >= 0xd800 && code <= 0xdbff ? max - 1 : max, skip: 0 };
}

export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const { end, skip } = cutAt(rest, max);
    parts.push(rest.slice(0, end));
    rest = rest.slice(end + skip);
  }
  if (rest || parts.length === 0) parts.push(rest);
  return parts;
}
