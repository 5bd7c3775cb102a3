/** The pieces the Word documents share: a paragraph in the documents' font, two columns without borders. */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";

export const DOC_FONT = "Times New Roman";

/** A paragraph; "\n" starts a new line inside it. Sizes are half-points (26 = 13 pt, the administrative size). */
export function para(
  text: string,
  o: { bold?: boolean; italic?: boolean; center?: boolean; size?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 120 },
    children: text.split("\n").map(
      (line, i) =>
        new TextRun({
          text: line,
          bold: o.bold,
          italics: o.italic,
          size: o.size ?? 26,
          font: DOC_FONT,
          break: i > 0 ? 1 : 0,
        }),
    ),
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

/** Two columns side by side with no borders (a heading's two sides, two signatures). */
export function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  const cell = (children: Paragraph[]) =>
    new TableCell({
      children,
      width: { size: 50, type: WidthType.PERCENTAGE },
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: NO_BORDER,
      bottom: NO_BORDER,
      left: NO_BORDER,
      right: NO_BORDER,
      insideHorizontal: NO_BORDER,
      insideVertical: NO_BORDER,
    },
    rows: [new TableRow({ children: [cell(left), cell(right)] })],
  });
}
