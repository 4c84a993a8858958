import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageSizeFromUrl, imageTokens } from './image-tokens.js';

test('image tokens follow OpenAI published examples', () => {
  // OpenAI vision guide: 1024×1024 high = 765, 2048×4096 high = 1105, 4096×8192 low = 85.
  assert.equal(imageTokens('high', { width: 1024, height: 1024 }), 765);
  assert.equal(imageTokens('high', { width: 2048, height: 4096 }), 1105);
  assert.equal(imageTokens('low', { width: 4096, height: 8192 }), 85);
  assert.equal(imageTokens('auto', { width: 512, height: 512 }), 255);
  assert.equal(imageTokens('high', undefined), 85);
});

test('a PNG data URL reveals its size; other URLs do not', () => {
  const header = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(1920, 16);
  header.writeUInt32BE(1080, 20);
  const url = `data:image/png;base64,${header.toString('base64')}AAAA`;
  assert.deepEqual(imageSizeFromUrl(url), { width: 1920, height: 1080 });
  assert.equal(imageSizeFromUrl('https://example.com/cat.png'), undefined);
  assert.equal(imageSizeFromUrl('data:image/png;base64,bm90IGEgcG5n'), undefined);
});
