import assert from 'node:assert/strict';
import { it } from 'node:test';
import { StrataError } from '../core/errors.js';
import { parseMultipart } from './multipart.js';

it('splits a form into fields and files, binary content intact', async () => {
  const form = new FormData();
  form.append('note', 'hello');
  form.append(
    'file',
    new Blob([new Uint8Array([0, 1, 2, 13, 10, 255])], { type: 'application/pdf' }),
    'a.pdf',
  );
  const request = new Request('http://x', { method: 'POST', body: form });
  const body = Buffer.from(await request.arrayBuffer());
  const parts = parseMultipart(body, request.headers.get('content-type') ?? '');
  assert.deepEqual(
    parts.map((part) => [part.name, part.filename, part.contentType, [...part.data]]),
    [
      ['note', undefined, undefined, [...Buffer.from('hello')]],
      ['file', 'a.pdf', 'application/pdf', [0, 1, 2, 13, 10, 255]],
    ],
  );
});

it('rejects a body without a boundary or cut short', () => {
  assert.throws(() => parseMultipart(Buffer.from('x'), 'multipart/form-data'), StrataError);
  assert.throws(
    () =>
      parseMultipart(
        Buffer.from('--b\r\ncontent-disposition: form-data; name="f"\r\n\r\nabc'),
        'multipart/form-data; boundary=b',
      ),
    /truncated/,
  );
});
