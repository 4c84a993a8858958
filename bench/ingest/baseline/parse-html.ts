import type { ParsedDocument } from '../../../src/knowledge/ingest/parsed-document.js';
import { decodeEntities } from './html-entities.js';

// Elements whose content is never document text.
const hidden = /<(script|style|noscript|template|svg|head|iframe|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!?\/?([a-zA-Z][\w:-]*)?[^>]*>|[^<]+|</g;
const blockTags = new Set(
  'p div section article header footer main nav aside blockquote table thead tbody tfoot tr figure figcaption form dl dt dd address details summary hr caption fieldset body html'.split(
    ' ',
  ),
);

/** Reads HTML into markdown-like text: scripts and styles dropped, headings, lists and code kept. */
export function parseHtml(html: string): ParsedDocument {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1];
  const body = html.replace(/<!--[\s\S]*?-->/g, '').replace(hidden, ' ');
  const out: string[] = [];
  let inPre = 0;
  let firstHeading: string | undefined;
  let headingStart = -1;
  const breakBlock = () => out.push('\n\n');
  for (const match of body.matchAll(token)) {
    const whole = match[0];
    const name = match[1]?.toLowerCase();
    if (whole[0] !== '<' || name === undefined) {
      if (whole.startsWith('<!--') || whole.startsWith('<!')) continue;
      const text = decodeEntities(whole);
      out.push(inPre > 0 ? text : text.replace(/\s+/g, ' '));
      continue;
    }
    const closing = whole[1] === '/';
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      breakBlock();
      if (closing) {
        if (firstHeading === undefined && headingStart >= 0)
          firstHeading = out.slice(headingStart).join('').trim();
      } else {
        out.push(`${'#'.repeat(Number(heading[1]))} `);
        headingStart = out.length;
      }
    } else if (name === 'pre') {
      if (closing) {
        inPre = Math.max(0, inPre - 1);
        out.push('\n```');
        breakBlock();
      } else {
        breakBlock();
        out.push('```\n');
        inPre += 1;
      }
    } else if (name === 'li') {
      if (!closing) out.push('\n- ');
    } else if (name === 'ul' || name === 'ol') {
      breakBlock();
    } else if (name === 'br') {
      out.push('\n');
    } else if (name === 'td' || name === 'th') {
      out.push(' ');
    } else if (blockTags.has(name)) {
      breakBlock();
    }
  }
  return {
    title: cleanLine(title ?? firstHeading ?? '') || null,
    text: tidy(out.join('')),
    structure: 'markdown',
    metadata: {},
  };
}

function cleanLine(text: string): string {
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** Trims lines outside code fences and keeps at most one blank line between blocks. */
function tidy(text: string): string {
  let fenced = false;
  const lines = text.split('\n').map((line) => {
    if (line.trim() === '```') {
      fenced = !fenced;
      return '```';
    }
    return fenced ? line : line.replace(/[ \t]+/g, ' ').trim();
  });
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^-\s*$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
