/** Splits a long text at line boundaries into pieces of at most `max` UTF-16 units. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== "") parts.push(current);
    // A single line longer than the limit is cut hard.
    let rest = line;
    while (rest.length > max) {
      parts.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current !== "") parts.push(current);
  return parts;
}
