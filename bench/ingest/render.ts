/** Writes a source document in the formats the office tools take as input. */
import type { SourceDocument } from './sources.js';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const odfNamespaces = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

/** A flat OpenDocument text file (one XML file LibreOffice opens), in the given font and column count. */
export function toFlatOdt(document: SourceDocument, options: { font: string; columns: number }): string {
  const body = document.blocks
    .map((block) => {
      if (block.kind === 'heading')
        return `<text:h text:style-name="Heading_20_1" text:outline-level="1">${xml(block.text)}</text:h>`;
      if (block.kind === 'paragraph') {
        // A footnote, as Word and LibreOffice files carry them: its text lives outside the paragraph's runs.
        const note = block.note
          ? `<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>${xml(block.note)}</text:p></text:note-body></text:note>`
          : '';
        return `<text:p text:style-name="Body">${xml(block.text)}${note}</text:p>`;
      }
      if (block.kind === 'list')
        return `<text:list>${block.items.map((item) => `<text:list-item><text:p>${xml(item)}</text:p></text:list-item>`).join('')}</text:list>`;
      const width = block.rows[0]?.length ?? 1;
      const rows = block.rows
        .map(
          (row) =>
            `<table:table-row>${row.map((cell) => `<table:table-cell office:value-type="string"><text:p>${xml(cell)}</text:p></table:table-cell>`).join('')}</table:table-row>`,
        )
        .join('');
      return `<table:table table:name="Figures"><table:table-column table:number-columns-repeated="${width}"/>${rows}</table:table>`;
    })
    .join('\n');
  const content = `<text:p text:style-name="Title">${xml(document.title)}</text:p>\n${body}`;
  const section =
    options.columns > 1
      ? `<text:section text:style-name="Columns" text:name="Body">${content}</text:section>`
      : content;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${odfNamespaces} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${xml(document.title)}</dc:title></office:meta>
<office:font-face-decls><style:font-face style:name="Body Font" svg:font-family="'${options.font}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Body Font" fo:font-size="11pt" fo:language="en" fo:country="US"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
<style:style style:name="Columns" style:family="section"><style:section-properties><style:columns fo:column-count="${options.columns}" fo:column-gap="0.6cm"/></style:section-properties></style:style>
</office:automatic-styles>
<office:body><office:text>
${section}
</office:text></office:body></office:document>
`;
}

/** An HTML page as sites serve them: scripts, styles, navigation, entities and a cookie banner. */
export function toHtml(document: SourceDocument): { html: string; visibleText: string } {
  const entities = (text: string) =>
    xml(text).replace(/'/g, '&#8217;').replace(/ — /g, ' &mdash; ').replace(/é/g, '&eacute;');
  const parts: string[] = [];
  for (const block of document.blocks) {
    if (block.kind === 'heading') parts.push(`<h2 class="section">${entities(block.text)}</h2>`);
    else if (block.kind === 'paragraph')
      parts.push(`<p>${entities(block.text)}</p>${block.note ? `<p>${entities(block.note)}</p>` : ''}`);
    else if (block.kind === 'list')
      parts.push(`<ul>${block.items.map((item) => `<li>${entities(item)}</li>`).join('')}</ul>`);
    else
      parts.push(
        `<table><tbody>${block.rows.map((row) => `<tr>${row.map((cell) => `<td>${entities(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
      );
  }
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${entities(document.title)}</title>
<style>body{font-family:sans-serif} .nav a{margin:0 1em} p > b::after{content:"<not text>"}</style>
<script>window.dataLayer=window.dataLayer||[];function track(a,b){if(a<b&&b>a){dataLayer.push("</p>")}}</script>
<script type="application/ld+json">{"@type":"Article","headline":"structured data, not text"}</script>
</head><body>
<nav class="nav"><a href="/">Home</a><a href="/docs">Docs</a></nav>
<main><article><h1>${entities(document.title)}</h1>
${parts.join('\n')}
</article></main>
<noscript>Enable scripts for the comments.</noscript>
<footer><p>&copy; Strata &amp; contributors</p><script>track(1,2)</script></footer>
</body></html>
`;
  const visible = ['Home Docs', document.title];
  for (const block of document.blocks) {
    if (block.kind === 'list') visible.push(...block.items);
    else if (block.kind === 'table') visible.push(...block.rows.map((row) => row.join(' ')));
    else visible.push(block.text, ...(block.kind === 'paragraph' && block.note ? [block.note] : []));
  }
  visible.push('© Strata & contributors');
  return { html, visibleText: visible.join('\n\n') };
}

/** A groff `ms` source, in one or two columns; tables go through tbl. Hyphenation is off so words stay whole. */
export function toGroff(document: SourceDocument, options: { columns: number }): string {
  const groffText = (text: string) => text.replace(/\\/g, '\\e').replace(/^([.'])/gm, '\\&$1');
  const lines = ['.nh', '.TL', groffText(document.title), '.LP'];
  if (options.columns > 1) lines.push('.2C');
  for (const block of document.blocks) {
    if (block.kind === 'heading') lines.push('.SH', groffText(block.text));
    else if (block.kind === 'paragraph') {
      lines.push('.PP', groffText(block.text));
      if (block.note) lines.push('.PP', groffText(block.note));
    } else if (block.kind === 'list')
      for (const item of block.items) lines.push('.IP \\(bu 2', groffText(item));
    else {
      const width = block.rows[0]?.length ?? 1;
      lines.push('.TS', 'tab(@);', `${Array.from({ length: width }, () => 'l').join(' ')}.`);
      for (const row of block.rows) lines.push(row.map(groffText).join('@'));
      lines.push('.TE');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** An SVG page of text lines in one or two columns, for a cairo-based PDF writer. */
export function toSvg(document: SourceDocument, options: { columns: number }): string {
  const width = options.columns > 1 ? 36 : 80;
  const lines: string[] = [document.title, ''];
  for (const block of document.blocks) {
    const texts =
      block.kind === 'list'
        ? block.items
        : block.kind === 'table'
          ? block.rows.map((row) => row.join('  '))
          : [block.text, ...('note' in block && block.note ? [block.note] : [])];
    for (const text of texts) lines.push(...wrap(text, width), '');
  }
  const perColumn = options.columns > 1 ? Math.ceil(lines.length / 2) : lines.length;
  const height = 40 + perColumn * 16;
  const elements = lines.map((line, index) => {
    const column = Math.floor(index / perColumn);
    const x = 30 + column * 300;
    const y = 40 + (index % perColumn) * 16;
    return line ? `<text x="${x}" y="${y}">${xml(line)}</text>` : '';
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="620" height="${height}" font-family="DejaVu Sans" font-size="11">${elements.join('')}</svg>\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
