/**
 * Text from one PDF content stream: the strings shown by Tj, TJ, ' and ", with line breaks where the
 * text position moves down and spaces where a TJ kerning gap is as wide as a space.
 */
export function pdfContentText(content: string): string {
  const out: string[] = [];
  const operands: Array<string | number | Array<string | number>> = [];
  let array: Array<string | number> | undefined;
  let index = 0;
  const newline = () => {
    if (out.length > 0 && out[out.length - 1] !== '\n') out.push('\n');
  };
  while (index < content.length) {
    const char = content[index] as string;
    if (char === '(') {
      const [text, next] = literalString(content, index);
      (array ?? operands).push(text);
      index = next;
    } else if (char === '<' && content[index + 1] !== '<') {
      const end = content.indexOf('>', index);
      const stop = end < 0 ? content.length : end;
      (array ?? operands).push(hexString(content.slice(index + 1, stop)));
      index = stop + 1;
    } else if (char === '[') {
      array = [];
      index += 1;
    } else if (char === ']') {
      if (array) operands.push(array);
      array = undefined;
      index += 1;
    } else if (char === '%') {
      while (index < content.length && content[index] !== '\n' && content[index] !== '\r') index += 1;
    } else if (/\s/.test(char) || char === '<' || char === '>' || char === '{' || char === '}') {
      index += 1;
    } else {
      let end = index + 1;
      while (end < content.length && !/[\s()<>[\]{}/%]/.test(content[end] as string)) end += 1;
      const word = content.slice(index, end);
      index = end;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
        (array ?? operands).push(Number(word));
        continue;
      }
      if (word.startsWith('/') || char === '/') {
        (array ?? operands).push(word);
        continue;
      }
      show(word, operands, out, newline);
      operands.length = 0;
    }
  }
  return out.join('');
}

function show(
  operator: string,
  operands: Array<string | number | Array<string | number>>,
  out: string[],
  newline: () => void,
): void {
  const last = operands[operands.length - 1];
  switch (operator) {
    case 'Tj':
      if (typeof last === 'string') out.push(last);
      break;
    case "'":
    case '"':
      newline();
      if (typeof last === 'string') out.push(last);
      break;
    case 'TJ':
      if (Array.isArray(last)) {
        for (const item of last) {
          if (typeof item === 'string') out.push(item);
          // Kerning is in thousandths of an em; a gap this wide is a word space.
          else if (item < -200) out.push(' ');
        }
      }
      break;
    case 'T*':
      newline();
      break;
    case 'Td':
    case 'TD': {
      const ty = operands[1];
      if (typeof ty === 'number' && ty !== 0) newline();
      else if (out.length > 0 && out[out.length - 1] !== ' ') out.push(' ');
      break;
    }
    case 'Tm':
    case 'ET':
      newline();
      break;
  }
}

const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** A `( … )` string with escapes and balanced nested parentheses; returns it and the index after it. */
function literalString(content: string, start: number): [string, number] {
  let depth = 0;
  let text = '';
  let index = start;
  while (index < content.length) {
    const char = content[index] as string;
    if (char === '\\') {
      const next = content[index + 1] ?? '';
      if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(content.slice(index + 1, index + 4))?.[0] ?? '0';
        text += String.fromCharCode(Number.parseInt(octal, 8));
        index += 1 + octal.length;
        continue;
      }
      if (next === '\n' || next === '\r') {
        index += next === '\r' && content[index + 2] === '\n' ? 3 : 2;
        continue;
      }
      text += escapes[next] ?? next;
      index += 2;
      continue;
    }
    if (char === '(') {
      depth += 1;
      if (depth > 1) text += char;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0) return [text, index + 1];
      text += char;
    } else {
      text += char;
    }
    index += 1;
  }
  return [text, index];
}

function hexString(hex: string): string {
  const digits = hex.replace(/[^0-9a-f]/gi, '');
  const padded = digits.length % 2 === 1 ? `${digits}0` : digits;
  // Two-byte strings (a UTF-16BE byte order mark) are decoded as such; others byte by byte.
  if (padded.toLowerCase().startsWith('feff')) {
    return Buffer.from(padded.slice(4), 'hex').swap16().toString('utf16le');
  }
  return Buffer.from(padded, 'hex').toString('latin1');
}
