/**
 * The source documents of the ingestion corpus: seeded mixes of English prose full of ligature words
 * (office, efficient, affluent), Greek and Cyrillic text, lists and tables. Each is written out in
 * several formats (flat ODT, HTML, groff, SVG, CSV) that the generation script turns into PDFs and
 * Word files with the tools a Debian machine ships.
 */

/** One block of a source document. */
export type SourceBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; note?: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: string[][] };

/** A document before it is rendered into any file format. */
export interface SourceDocument {
  title: string;
  blocks: SourceBlock[];
}

const english = [
  'The official office workflow stays efficient when affluent teams shuffle fewer files.',
  'Budgets cap the spend of every key, and the gateway refuses a call that would overflow its limit.',
  'A cascade tries the cheapest model first and escalates only when the verifier finds the answer insufficient.',
  'The finance staff affirmed that the difficult offload of traffic flowed through the fallback provider.',
  'Each knowledge base is chunked, indexed with BM25 and searched with a hybrid of lexical and vector scores.',
  'Fluffy waffles, stiff coffee and a final flourish: the offsite was filled with official fanfare.',
  'Rate limits are shared by every replica through Redis, so a burst on one machine is seen by all.',
  'The ledger records one row per attempt, with tokens, cost and the model that finally answered.',
  'Scientific findings suffer when the first figures are inflated by an inefficient sampling offset.',
  'Guardrails check the input for personal data and the output for leaked secrets before it is sent.',
  'An effective fine-tune starts from traces that were graded, filtered and deduplicated offline.',
  'The difference between the flagship and the fallback model is often smaller than its price suggests.',
  'Workflows checkpoint every step in the store, so a restarted replica resumes where another stopped.',
  'Traffic shaping offers a fair share to each team while the affiliate quota fluctuates.',
];

const greek = [
  'Η πύλη καταγράφει κάθε κλήση και το κόστος της σε ένα βιβλίο λογαριασμών.',
  'Ο προϋπολογισμός κάθε κλειδιού περιορίζει τα έξοδα της ομάδας ανά μήνα.',
  'Η βάση γνώσεων απαντά σε ερωτήσεις με παραπομπές στις πηγές της.',
];

const cyrillic = [
  'Шлюз записывает каждый вызов и его стоимость в общий журнал расходов.',
  'Бюджет ключа ограничивает траты команды в течение календарного месяца.',
  'База знаний отвечает на вопросы и приводит ссылки на исходные документы.',
];

const headings = ['Overview', 'Budgets and limits', 'Routing', 'Knowledge', 'Operations', 'Findings'];
const regions = ['North', 'South', 'East', 'West', 'Central'];
const items = ['Offline sync', 'Efficient caching', 'Fallback routing', 'Official reports', 'Staff profiles'];

/** A small deterministic generator, so the corpus is the same on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/** The shape of a generated document: how long, and whether it carries a table or non-Latin text. */
export interface SourceOptions {
  seed: number;
  sections?: number;
  table?: boolean;
  nonLatin?: boolean;
  list?: boolean;
}

/** Builds one source document from a seed. */
export function makeSource(options: SourceOptions): SourceDocument {
  const random = seeded(options.seed);
  const pick = <T>(from: readonly T[]): T => from[Math.floor(random() * from.length)] as T;
  const paragraph = (count: number) => Array.from({ length: count }, () => pick(english)).join(' ');
  const blocks: SourceBlock[] = [];
  const sections = options.sections ?? 3;
  for (let section = 0; section < sections; section += 1) {
    blocks.push({ kind: 'heading', text: headings[(options.seed + section) % headings.length] as string });
    const note = options.list && section === 0 ? { note: 'Limits reset on the first of each month.' } : {};
    blocks.push({ kind: 'paragraph', text: paragraph(3 + Math.floor(random() * 3)), ...note });
    if (options.nonLatin && section === 1) {
      blocks.push({ kind: 'paragraph', text: `${pick(greek)} ${pick(greek)}` });
      blocks.push({ kind: 'paragraph', text: `${pick(cyrillic)} ${pick(cyrillic)}` });
    }
    if (options.list && section === 0) {
      blocks.push({ kind: 'list', items: [pick(items), pick(items), pick(items)] });
    }
    if (options.table && section === sections - 1) {
      const rows = [['Region', 'Feature', 'Calls', 'Spend']];
      for (let row = 0; row < 4; row += 1) {
        rows.push([
          pick(regions),
          pick(items),
          String(100 + Math.floor(random() * 9000)),
          `${(random() * 500).toFixed(2)} USD`,
        ]);
      }
      blocks.push({ kind: 'table', rows });
    }
    blocks.push({ kind: 'paragraph', text: paragraph(2 + Math.floor(random() * 3)) });
  }
  return { title: `Strata field report ${options.seed}`, blocks };
}

/** The document's text as a reader should give it back: one block per paragraph, table cells in row order. */
export function plainText(document: SourceDocument): string {
  const lines = [document.title];
  for (const block of document.blocks) {
    if (block.kind === 'list') lines.push(...block.items);
    else if (block.kind === 'table') lines.push(...block.rows.map((row) => row.join(' ')));
    else lines.push(block.text, ...(block.kind === 'paragraph' && block.note ? [block.note] : []));
  }
  return lines.join('\n\n');
}
