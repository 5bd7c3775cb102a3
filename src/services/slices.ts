/**
 * SQLite takes at most 999 parameters in one statement, so `{ in: ids }` with
 * thousands of ids (a committee's audience) fails: such lists are read in slices.
 */
export const ID_SLICE = 500;

export async function inSlices<T>(ids: readonly number[], read: (slice: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += ID_SLICE) out.push(...(await read(ids.slice(i, i + ID_SLICE))));
  return out;
}
