/** Reads one file out of a .docx/.xlsx zip (stored or deflated entries). */
export async function unzipEntry(zip: Buffer, name: string): Promise<string> {
  const { inflateRawSync } = await import("node:zlib");
  let offset = 0;
  while (offset < zip.length - 30 && zip.readUInt32LE(offset) === 0x04034b50) {
    const method = zip.readUInt16LE(offset + 8);
    let size = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extra = zip.readUInt16LE(offset + 28);
    const entry = zip.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + extra;
    if (size === 0 && zip.readUInt16LE(offset + 6) & 8) {
      // Size in the data descriptor: find the next local header.
      const next = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), start);
      size = (next === -1 ? zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), start) : next) - start - 16;
    }
    const data = zip.subarray(start, start + size);
    if (entry === name) return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    offset = start + size + (zip.readUInt16LE(offset + 6) & 8 ? 16 : 0);
  }
  throw new Error(`${name} not found`);
}

/** The visible text of a .docx body: runs joined, one line per paragraph. */
export function docText(documentXml: string): string {
  return documentXml
    .split("</w:p>")
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[0].startsWith("<w:br") ? "\n" : m[1]))
        .join(""),
    )
    .join("\n")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
}
