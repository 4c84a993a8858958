import { Parser } from 'htmlparser2';
import type { ParsedDocument } from './parsed-document.js';

// Elements whose content is never document text (the title is read on its own).
const hidden = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'title',
]);
const blockTags = new Set(
  'p div section article header footer main nav aside blockquote table thead tbody tfoot tr figure figcaption form dl dt dd address details summary hr caption fieldset body html'.split(
    ' ',
  ),
);

/**
 * Reads HTML into markdown-like text with a forgiving streaming parser (htmlparser2): scripts,
 * styles and templates dropped, entities decoded, headings, lists and code kept.
 */
export function parseHtml(html: string): ParsedDocument {
  const out: string[] = [];
  let hiddenDepth = 0;
  let inPre = 0;
  let title = '';
  let inTitle = false;
  let firstHeading: string | undefined;
  let headingStart = -1;
  const breakBlock = () => out.push('\n\n');
  const parser = new Parser(
    {
      onopentag(name) {
        if (hidden.has(name)) {
          hiddenDepth += 1;
          inTitle = name === 'title';
          return;
        }
        if (hiddenDepth > 0) return;
        const heading = /^h([1-6])$/.exec(name);
        if (heading) {
          breakBlock();
          out.push(`${'#'.repeat(Number(heading[1]))} `);
          headingStart = out.length;
        } else if (name === 'pre') {
          breakBlock();
          out.push('```\n');
          inPre += 1;
        } else if (name === 'li') out.push('\n- ');
        else if (name === 'br') out.push('\n');
        else if (name === 'td' || name === 'th') out.push(' ');
        else if (name === 'ul' || name === 'ol' || blockTags.has(name)) breakBlock();
      },
      ontext(text) {
        if (hiddenDepth > 0) {
          if (inTitle) title += text;
          return;
        }
        out.push(inPre > 0 ? text : text.replace(/\s+/g, ' '));
      },
      onclosetag(name) {
        if (hidden.has(name)) {
          hiddenDepth = Math.max(0, hiddenDepth - 1);
          inTitle = false;
          return;
        }
        if (hiddenDepth > 0) return;
        if (/^h[1-6]$/.test(name)) {
          if (firstHeading === undefined && headingStart >= 0)
            firstHeading = out.slice(headingStart).join('').trim();
          breakBlock();
        } else if (name === 'pre') {
          inPre = Math.max(0, inPre - 1);
          out.push('\n```');
          breakBlock();
        } else if (name === 'ul' || name === 'ol' || (blockTags.has(name) && name !== 'hr')) breakBlock();
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return {
    title: cleanLine(title || firstHeading || '') || null,
    text: tidy(out.join('')),
    structure: 'markdown',
    metadata: {},
  };
}

function cleanLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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
    .replace(/^-\s*$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
