import { StrataError } from '../core/errors.js';

/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/** Splits a multipart/form-data body (RFC 7578) into its parts; a malformed body is a 400. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token)
    throw new StrataError('invalid_request', 'The multipart body has no boundary.', {
      param: 'content-type',
    });
  const delimiter = Buffer.from(`--${token}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0)
    throw new StrataError('invalid_request', 'The multipart body has no parts.', { param: 'file' });
  while (position >= 0) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', afterDelimiter);
    const next = body.indexOf(delimiter, afterDelimiter);
    if (headerEnd < 0 || next < 0) {
      throw new StrataError('invalid_request', 'The multipart body is truncated.', { param: 'file' });
    }
    const headers = body.subarray(afterDelimiter, headerEnd).toString('utf8');
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
    // The part's data ends with the CRLF that precedes the next delimiter.
    parts.push({ name, filename, contentType: type, data: body.subarray(headerEnd + 4, next - 2) });
    position = next;
  }
  return parts;
}
