/**
 * Which characters a TrueType/OpenType font has glyphs for, read from its cmap table. The social image
 * renderer fetches fallback fonts from the internet for any character its fonts lack; text is filtered
 * through this first so that never happens.
 */

/** Code points the font maps to a glyph, from its Unicode cmap subtables (formats 4 and 12). */
export function fontCodePoints(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tableCount = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tableCount; i++) {
    const record = 12 + i * 16;
    if (String.fromCharCode(font[record]!, font[record + 1]!, font[record + 2]!, font[record + 3]!) === "cmap") {
      cmap = view.getUint32(record + 8);
    }
  }
  if (cmap < 0) throw new Error("The font has no cmap table.");

  const points = new Set<number>();
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const offset = cmap + view.getUint32(cmap + 4 + i * 8 + 4);
    const format = view.getUint16(offset);
    if (format === 4) {
      const segments = view.getUint16(offset + 6) / 2;
      const ends = offset + 14;
      const starts = ends + segments * 2 + 2;
      for (let s = 0; s < segments; s++) {
        const end = view.getUint16(ends + s * 2);
        // 0xFFFF closes every format 4 table and maps to no glyph.
        for (let c = view.getUint16(starts + s * 2); c <= end && c < 0xffff; c++) points.add(c);
      }
    } else if (format === 12) {
      const groups = view.getUint32(offset + 12);
      for (let g = 0; g < groups; g++) {
        const group = offset + 16 + g * 12;
        for (let c = view.getUint32(group), end = view.getUint32(group + 4); c <= end; c++) points.add(c);
      }
    }
  }
  return points;
}

/** `text` without the characters `covered` lacks (whitespace is kept), with runs of spaces collapsed. */
export function keepCovered(text: string, covered: ReadonlySet<number>): string {
  let kept = "";
  for (const char of text) {
    const point = char.codePointAt(0)!;
    if (covered.has(point) || /\s/.test(char)) kept += char;
  }
  return kept.replace(/\s+/g, " ").trim();
}
