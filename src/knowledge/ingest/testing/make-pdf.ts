import { deflateSync } from 'node:zlib';

/** Builds a one-page PDF whose content stream (deflated unless told otherwise) shows the given lines. */
export function makePdf(lines: string[], options: { compress?: boolean; title?: string } = {}): Buffer {
  const quote = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`);
  const operations = lines.map((line, index) =>
    index === 0
      ? `(${quote(line)}) Tj`
      : `0 -14 Td [(${quote(line.slice(0, 3))}) -20 (${quote(line.slice(3))})] TJ`,
  );
  const content = `BT /F1 12 Tf 72 720 Td ${operations.join('\n')} ET`;
  const compress = options.compress ?? true;
  const data = compress ? deflateSync(Buffer.from(content, 'latin1')) : Buffer.from(content, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((object, index) => {
    offsets.push(length);
    const body =
      object === null
        ? Buffer.concat([
            Buffer.from(
              `${index + 1} 0 obj\n<< /Length ${data.length}${compress ? ' /Filter /FlateDecode' : ''} >>\nstream\n`,
              'latin1',
            ),
            data,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ])
        : Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, 'latin1');
    parts.push(body);
    length += body.length;
  });
  const info = options.title === undefined ? '' : ` /Info << /Title (${quote(options.title)}) >>`;
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets
    .map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)
    .join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info} >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
