/** Reads what a chat request brings for grounded answering: its question and any passages it carries. */
import { StrataError } from '../core/errors.js';
import type { ChatRequest } from '../core/types.js';
import type { Passage } from './grounded/extractive-answer.js';

/** The text of the last user message (text parts joined by newlines), or '' when there is none. */
export function lastUserText(request: ChatRequest): string {
  const message = request.messages.findLast((candidate) => candidate.role === 'user');
  if (message === undefined || message.content === null) return '';
  if (typeof message.content === 'string') return message.content;
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** Passages a request carries itself in its `passages` field (`[{id, text, title?, headings?}]`), if any. */
export function passagesFromRequest(request: ChatRequest): Passage[] | undefined {
  const given = request.passages;
  if (given === undefined) return undefined;
  if (!Array.isArray(given)) {
    throw new StrataError('invalid_request', '`passages` must be an array of {id, text, title?}.', {
      param: 'passages',
    });
  }
  return given.map((item: unknown, index) => {
    const passage = (typeof item === 'object' && item !== null ? item : {}) as Partial<
      Record<'id' | 'text' | 'title' | 'headings', unknown>
    >;
    if (typeof passage.text !== 'string') {
      throw new StrataError('invalid_request', `passages[${index}].text must be a string.`, {
        param: `passages[${index}].text`,
      });
    }
    return {
      id: typeof passage.id === 'string' ? passage.id : String(index + 1),
      text: passage.text,
      ...(typeof passage.title === 'string' && { title: passage.title }),
      ...(Array.isArray(passage.headings) && {
        headings: passage.headings.filter((heading): heading is string => typeof heading === 'string'),
      }),
    };
  });
}
