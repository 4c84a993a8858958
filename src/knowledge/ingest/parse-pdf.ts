import { getDocumentProxy } from 'unpdf';
import { ingestLimits } from './ingest-limits.js';
import { IngestError, type ParsedDocument } from './parsed-document.js';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

// Ligature code points (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) some fonts map their glyphs to; searches want the letters.
const ligatures = /[\uFB00-\uFB06]/g;

/**
 * Extracts the text of a PDF page by page with PDF.js, so subset, CID and Type 3 fonts are decoded
 * through their ToUnicode maps and encodings. Scanned pages and password-protected files are
 * reported as such; any other unreadable file is an IngestError with PDF.js's reason.
 */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new IngestError('not a PDF (no %PDF- header)');
  const pdf = await open(bytes);
  try {
    if (pdf.numPages > ingestLimits.pdfPages) {
      throw new IngestError(`the PDF has ${pdf.numPages} pages; at most ${ingestLimits.pdfPages} are read`);
    }
    const pages: string[] = [];
    let characters = 0;
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const text = await pageText(pdf, number);
      characters += text.length;
      if (characters > ingestLimits.textCharacters)
        throw new IngestError('the PDF has more text than one file may yield');
      if (text) pages.push(text);
    }
    const text = pages.join('\n\n');
    if (!text.trim())
      throw new IngestError('no extractable text in the PDF (scanned images or no text layer)');
    return { title: await titleOf(pdf), text, structure: 'plain', metadata: { pages: pdf.numPages } };
  } finally {
    await pdf.destroy();
  }
}

async function open(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // PDF.js takes ownership of the buffer it is given, so it gets a copy.
    return await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException')
      throw new IngestError('encrypted PDF (it needs a password)', { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError(`unreadable PDF: ${reason}`, { cause: error });
  }
}

/** A page's text in content order: PDF.js marks line ends; runs on one line are joined as drawn. */
async function pageText(pdf: PdfDocument, number: number): Promise<string> {
  const page = await pdf.getPage(number);
  try {
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str;
      if (item.hasEOL) text += '\n';
    }
    return (
      text
        .replace(ligatures, (char) => char.normalize('NFKC'))
        // A word the typesetter hyphenated at a line end is one word again, as pdftotext joins it.
        .replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2')
        .replace(/[ \t\u00a0]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    );
  } finally {
    page.cleanup();
  }
}

async function titleOf(pdf: PdfDocument): Promise<string | null> {
  try {
    const { info } = await pdf.getMetadata();
    const title = (info as { Title?: unknown } | undefined)?.Title;
    return typeof title === 'string' && title.trim() ? title.trim() : null;
  } catch {
    return null;
  }
}
