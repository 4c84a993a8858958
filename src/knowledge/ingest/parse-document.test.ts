import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from './parse-document.js';
import { IngestError } from './parsed-document.js';
import { makePdf } from './testing/make-pdf.js';
import { makeDocx, makeZip } from './testing/make-zip.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('parseDocument', async () => {
  it('reads plain text and markdown, taking the first heading as the title', async () => {
    const [text] = await parseDocument(bytes('line one\r\nline two\n'), 'notes.txt');
    assert.equal(text?.text, 'line one\nline two\n');
    assert.equal(text?.structure, 'plain');
    assert.equal(text?.metadata.format, 'txt');
    const [markdown] = await parseDocument(bytes('\uFEFF# Budgets\n\nThey cap spend.\n'), 'guide.md');
    assert.equal(markdown?.title, 'Budgets');
    assert.equal(markdown?.text.startsWith('# Budgets'), true);
  });

  it('reads HTML without scripts or styles, keeping headings, lists and code', async () => {
    const html = `<!doctype html><html><head><title>Guide &amp; FAQ</title><style>p{color:red}</style></head>
      <body><script>alert("x")</script><h1>Setup</h1><p>Install   the <b>gateway</b>.</p>
      <ul><li>fast</li><li>cheap</li></ul><pre><code>npm start
  --port 8080</code></pre><!-- hidden --><h2>Keys &lt;secret&gt;</h2><p>Rotate&nbsp;them.</p></body></html>`;
    const [document] = await parseDocument(bytes(html), 'page.html');
    assert.equal(document?.title, 'Guide & FAQ');
    assert.equal(
      document?.text,
      '# Setup\n\nInstall the gateway.\n\n- fast\n- cheap\n\n```\nnpm start\n  --port 8080\n```\n\n## Keys <secret>\n\nRotate them.',
    );
    assert.doesNotMatch(document?.text ?? '', /alert|color/);
  });

  it('reads the text of a compressed and an uncompressed PDF', async () => {
    for (const compress of [true, false]) {
      const pdf = makePdf(['Strata budgets (hard)', 'Second line of text'], { compress, title: 'Manual' });
      const [document] = await parseDocument(pdf, 'manual.pdf');
      assert.equal(document?.text, 'Strata budgets (hard)\nSecond line of text');
      assert.equal(document?.title, 'Manual');
    }
    // WinAnsi quotes (bytes 0x92, 0x93, 0x94) come out as typographic quotes, not control characters.
    const [quoted] = await parseDocument(makePdf(['It\u0092s \u0093fine\u0094']), 'quotes.pdf');
    assert.equal(quoted?.text, 'It’s “fine”');
  });

  it('reads a Word document with headings and list items', async () => {
    const docx = makeDocx(
      [
        ['Heading1', 'Routing'],
        ['', 'Cascades try a cheap model first & escalate.'],
        ['ListParagraph', 'fallback'],
        ['ListParagraph', 'load balance'],
        ['Heading2', 'Verifiers'],
        ['', 'They check answers.'],
      ],
      'Routing guide',
    );
    const [document] = await parseDocument(docx, 'routing.docx');
    assert.equal(document?.title, 'Routing guide');
    assert.equal(
      document?.text,
      '# Routing\n\nCascades try a cheap model first & escalate.\n\n- fallback\n- load balance\n\n## Verifiers\n\nThey check answers.',
    );
  });

  it('reads CSV rows as records, with quoted fields and a semicolon delimiter', async () => {
    const csv = 'name,notes\nalpha,"says ""hi"", twice"\nbeta,"two\nlines"\n';
    const [document] = await parseDocument(bytes(csv), 'people.csv');
    assert.equal(document?.text, 'name: alpha\nnotes: says "hi", twice\n\nname: beta\nnotes: two lines');
    assert.equal(document?.metadata.rows, 2);
    const [semicolons] = await parseDocument(bytes('a;b\n1;2\n'), 'x.csv');
    assert.equal(semicolons?.text, 'a: 1\nb: 2');
  });

  it('reads JSON and JSON Lines records: one document per record with an id', async () => {
    const jsonl =
      '{"_id":"d1","title":"One","text":"First text","metadata":{"lang":"en"}}\n\n{"_id":"d2","text":"Second"}\n';
    const documents = await parseDocument(bytes(jsonl), 'corpus.jsonl');
    assert.deepEqual(
      documents.map((document) => [document.key, document.title, document.text, document.metadata]),
      [
        ['d1', 'One', 'First text', { lang: 'en', format: 'jsonl' }],
        ['d2', null, 'Second', { format: 'jsonl' }],
      ],
    );
    const [single] = await parseDocument(bytes('{"plan":"pro","limits":{"rpm":60}}'), 'config.json');
    assert.equal(single?.key, undefined);
    assert.equal(single?.text, 'plan: pro\nlimits:\n  rpm: 60');
  });

  it('reports corrupt files with their reason', async () => {
    const cases: Array<[Uint8Array, string, RegExp]> = [
      [bytes('{"a":'), 'broken.json', /invalid JSON/],
      [bytes('{"a":1}\n{oops}\n'), 'broken.jsonl', /line 2/],
      [bytes('a,b\n"open,1\n'), 'broken.csv', /unterminated quoted field starting on line 2/],
      [bytes('hello'), 'fake.pdf', /not a PDF/],
      [makePdf(['x']).subarray(0, 200), 'cut.pdf', /unreadable PDF/],
      [bytes('not a zip at all, just text'), 'fake.docx', /not a ZIP archive/],
      [makeZip({ 'other.xml': '<x/>' }), 'empty.docx', /not a Word document/],
      [Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'binary.txt', /not valid UTF-8/],
      [bytes('x'), 'image.png', /unsupported file type/],
    ];
    for (const [content, name, reason] of cases) {
      await assert.rejects(
        () => parseDocument(content, name),
        (error: unknown) => error instanceof IngestError && reason.test(error.message),
        name,
      );
    }
  });

  it('picks the format from the media type when the name has no extension', async () => {
    const [document] = await parseDocument(bytes('<p>Hi</p>'), 'upload', 'text/html; charset=utf-8');
    assert.equal(document?.text, 'Hi');
  });
});
