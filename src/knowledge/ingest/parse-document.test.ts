import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../src/knowledge/ingest/__fixtures__/${name}`, import.meta.url));

describe('parseDocument on files made by office tools', () => {
  it('reads a PDF with subset fonts, ligature glyphs and Cyrillic and Greek text', async () => {
    const [document] = await parseDocument(fixture('ligatures.pdf'), 'ligatures.pdf');
    const text = document?.text ?? '';
    for (const word of [
      'official',
      'office',
      'efficient',
      'affluent',
      'shuffle',
      'baffled',
      'finance',
      'figures',
    ]) {
      assert.match(text, new RegExp(`\\b${word}\\b`), word);
    }
    assert.match(text, /Шлюз записывает каждый вызов/);
    assert.match(text, /Η πύλη καταγράφει κάθε κλήση/);
    assert.doesNotMatch(text, /[\uFB00-\uFB06]/);
    assert.equal(document?.title, 'Office efficiency');
    assert.equal(document?.metadata.pages, 1);
  });

  it('reads a two-column PDF column by column', async () => {
    const [document] = await parseDocument(fixture('two-columns.pdf'), 'two-columns.pdf');
    const text = (document?.text ?? '').replace(/\s+/g, ' ');
    assert.match(text, /Alpha column begins here\. The gateway records every call with its cost/);
    assert.match(text, /Omega column ends here\. Rate limits are shared by every replica/);
    assert.ok(text.indexOf('settled after it') < text.indexOf('Omega column'), text);
  });

  it('reads a Word file with a heading, a footnote, a list and a table', async () => {
    const [document] = await parseDocument(fixture('report.docx'), 'report.docx');
    const text = document?.text ?? '';
    assert.match(text, /^# Spend by region$/m);
    assert.match(text, /Budgets cap the spend of every key/);
    assert.match(text, /^- Fallback routing\n- Efficient caching$/m);
    assert.match(text, /Limits reset monthly\./);
    for (const cell of ['Region', 'North', '4120', '312.50 USD', 'West', '88.10 USD'])
      assert.ok(text.includes(cell), cell);
    assert.equal(document?.title, 'Spend by region');
  });

  it('reads a CSV file with CRLF rows and quoted commas, quotes and line breaks', async () => {
    const [document] = await parseDocument(fixture('quoted-newlines.csv'), 'quoted-newlines.csv');
    assert.equal(
      document?.text,
      'id: 1\ncustomer: Office "North" Ltd, branch 2\nnotes: First line of the note second line, efficient\namount: 12.50\n\n' +
        'id: 2\ncustomer: Affluent client\nnotes: Plain note\namount: 7',
    );
  });

  it('reads an HTML page without its scripts, styles, templates or comments, entities decoded', async () => {
    const [document] = await parseDocument(fixture('page.html'), 'page.html');
    assert.equal(document?.title, 'Café & Budgets');
    assert.equal(
      document?.text,
      'Home Docs\n\n# Budgets — a café’s guide\n\nKeys <secret> are rotated monthly & budgets cap spend.\n\n' +
        '- Efficient caching\n- Fallback routing\n\nRegion Spend\n\nNorth 312.50 USD\n\n© Strata',
    );
  });

  it('refuses malformed files with a 400 invalid_request naming the file parameter', async () => {
    const pdf = fixture('ligatures.pdf');
    const cases: Array<[Uint8Array, string, RegExp]> = [
      [pdf.subarray(0, pdf.length / 2), 'half.pdf', /PDF/],
      [Buffer.concat([pdf.subarray(0, 2000), Buffer.alloc(3000, 0x41)]), 'garbled.pdf', /PDF/],
      [fixture('report.docx').subarray(0, 3000), 'cut.docx', /ZIP|Word/],
      [Buffer.from('<html><body><p>unclosed <script>never ends'), 'open.html', /./],
    ];
    for (const [content, name, reason] of cases) {
      const outcome = await parseDocument(content, name).then(
        (documents) => documents,
        (error: unknown) => error,
      );
      if (Array.isArray(outcome)) continue;
      assert.ok(outcome instanceof IngestError, `${name}: ${String(outcome)}`);
      assert.equal(outcome.status, 400, name);
      assert.equal(outcome.code, 'invalid_request', name);
      assert.equal(outcome.param, 'file', name);
      assert.match(outcome.message, reason, name);
    }
  });

  it('refuses a ZIP bomb and a file past the size limit before reading them', async () => {
    const bomb = makeZip({ 'word/document.xml': `<w:document>${'a'.repeat(1024 * 1024)}</w:document>` });
    // Declare a smaller size than the entry inflates to, as a bomb does to slip past size checks.
    const directory = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(1000, directory + 24);
    await assert.rejects(
      parseDocument(bomb, 'bomb.docx'),
      /corrupt compressed ZIP entry word\/document\.xml/,
    );
    const huge = new Uint8Array(65 * 1024 * 1024);
    await assert.rejects(
      parseDocument(huge, 'huge.pdf'),
      /huge\.pdf is 65 MB; files of at most 64 MB are read/,
    );
  });
});
