/** Reads a question: what kind of answer it wants and which content words it asks about. */
import { camelParts, termsOf } from './terms.js';

/** The kinds of literal a question may ask for by name ("Which header …?"); `code` is any other. */
export type LiteralKind = 'route' | 'command' | 'flag' | 'variable' | 'header' | 'code';

/** The kind of answer a question asks for, from its wh-word and the noun after it. */
export type AnswerType = 'person' | 'date' | 'number' | 'location' | 'entity' | 'description';

/** A question ready for matching: its answer type and its distinct content stems. */
export interface AnalysedQuestion {
  text: string;
  type: AnswerType;
  /** Distinct content stems in order of first appearance. */
  stems: string[];
  /**
   * Stems that only frame a question about a named subject ("Which providers are supported?"): when an
   * answer quotes the block about that subject, they need no support of their own.
   */
  frame: string[];
  /** Whether the question asks for code or configuration, so code blocks may be quoted. */
  wantsCode: boolean;
  /** "What is X?": the content stems of X, which a defining sentence ("X is …") opens with. */
  defines?: string[];
  /** The words of X as the question writes them, to tell the product "Strata" from the command `strata`. */
  definesWords?: string[];
  /** "What does X do?": the content stems of X, which a sentence describing X (`` `viewer` reads …``) opens with. */
  describes?: string[];
  /** "How do I set …?": the stem of the verb, which an instruction ("To set …, …") opens with. */
  instructs?: string;
  /**
   * "Which endpoint …?", "What command …?": the answer is a literal — a `route` (an HTTP path) or other
   * `code` (a command, flag, variable, setting) — and the noun naming it needs no match of its own.
   */
  literal?: LiteralKind;
}

const literalPattern =
  /^\s*(?:which|what)(?:['’]s|\s+is|\s+are)?\s+(?:the\s+)?(?:[\p{L}-]+\s+)?(endpoint|route|url|path|api|command|flag|option|variable|var|setting|header|field|parameter)s?\b/iu;

// The kind of literal each noun names.
const literalKinds: Record<string, LiteralKind> = {
  endpoint: 'route',
  route: 'route',
  url: 'route',
  path: 'route',
  api: 'route',
  command: 'command',
  flag: 'flag',
  option: 'flag',
  variable: 'variable',
  var: 'variable',
  header: 'header',
};

const definitionPattern = /^\s*(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(.+?)\s*\??\s*$/i;
const describePattern =
  /^\s*what\s+(?:does|do|can|will|should)\s+(?:an?\s+|the\s+|my\s+)?(.+?)\s+do\s*\??\s*$/i;
const instructionPattern =
  /^\s*how\s+(?:do|can|should|would)\s+(?:i|we|you|one)\s+([\p{L}-]+)|^\s*how\s+to\s+([\p{L}-]+)/iu;

/** The stems a definition question asks to define, and the verb an instruction question asks how to do. */
function shapeOf(
  question: string,
): Pick<AnalysedQuestion, 'defines' | 'definesWords' | 'describes' | 'instructs'> {
  const defined = definitionPattern.exec(question)?.[1];
  const stems = defined === undefined ? [] : termsOf(defined).filter((term) => !term.stop);
  const described = termsOf(describePattern.exec(question)?.[1] ?? '').filter((term) => !term.stop);
  const verb = instructionPattern.exec(question);
  const instructs = verb === null ? undefined : termsOf(verb[1] ?? verb[2] ?? '')[0]?.stem;
  return {
    ...(stems.length > 0 &&
      stems.length <= 4 && {
        defines: stems.map((term) => term.stem),
        definesWords: stems.map((term) => term.raw),
      }),
    ...(described.length > 0 && described.length <= 3 && { describes: described.map((term) => term.stem) }),
    ...(instructs !== undefined && { instructs }),
  };
}

const codePattern =
  /\b(configur\w*|config|example|examples|snippet|yaml|yml|json|toml|syntax|set ?up|sample code|code sample)\b/;

const datePattern =
  /\b(when|what (year|years|date|day|month|century|decade|era|time|period|season)|which (year|years|date|day|month|century|decade|era|period|season)|in what (year|century|decade|month)|how long ago)\b/;
const numberPattern =
  /\b(how (many|much|long|far|old|large|big|tall|high|deep|wide|often|fast|heavy|hot|cold)|what (percentage|percent|proportion|number|amount|size|population|fraction|ratio|share|rate|speed|temperature|distance|length|height|age|cost|price)|(percentage|proportion|number|amount) of)\b/;
const personPattern =
  /\b(who|whom|whose|which (person|man|woman|individual|player|king|queen|president|author|artist|leader|scientist|writer|composer|ruler|emperor))\b/;
const locationPattern =
  /\b(where|what (country|city|state|place|region|continent|town|river|island|location|area)|which (country|city|state|place|region|continent|town|river|island|location|area))\b/;
const descriptionPattern =
  /^\s*(why|how (do|does|did|can|could|should|is|are|was|were|to|would|will)\b|explain|describe|what (is|are) (the )?(purpose|reason|difference|role|way)|what (does|do|did) .+ do\b)/;

const typedPatterns: Array<[AnswerType, RegExp]> = [
  ['number', numberPattern],
  ['date', datePattern],
  ['person', personPattern],
  ['location', locationPattern],
];

/**
 * Classifies a question by its answer type: the earliest wh-phrase decides ("Who … when …" asks for a
 * person); anything unrecognised is an `entity` question.
 */
export function classifyQuestion(question: string): AnswerType {
  const lower = question.toLowerCase();
  if (descriptionPattern.test(lower)) return 'description';
  let found: { type: AnswerType; at: number } | undefined;
  for (const [type, pattern] of typedPatterns) {
    const at = lower.search(pattern);
    if (at >= 0 && (found === undefined || at < found.at)) found = { type, at };
  }
  const entityAt = lower.search(/\b(what|which|name)\b/);
  if (found !== undefined && (entityAt < 0 || found.at <= entityAt + 5)) return found.type;
  if (found === undefined && /\b(why|how)\b/.test(lower) && entityAt < 0) return 'description';
  return 'entity';
}

// "How does X work?" asks about X: these verbs only frame a description question that names something.
const descriptionVerbs = new Set(['work', 'function', 'happen', 'mean', 'oper', 'behav']);
// "How do I get embeddings?" asks about embeddings: these verbs say nothing of what is wanted.
const lightVerbs = new Set(['get', 'find', 'make', 'need', 'want', 'go', 'tell', 'know']);
// "What does X look like?" asks for X's shape; "like" there says nothing, while "tools like X" names X.
const lookLike = /\blook(?:s|ed)?\s+like\b/i;
// "What happens when …" asks about what follows the verb.
const eventVerbs = new Set(['happen']);
// "Which formats are supported / available / offered?" asks for the account of the formats; "actually",
// "certain" or "anything" only colour a question.
const frameWords = new Set([
  ...descriptionVerbs,
  'support',
  'avail',
  'offer',
  'exist',
  ...termsOf(
    `actually really already ever still instead currently exactly anything something everything anyone
    someone everyone anybody somebody somewhere anywhere everywhere certain particular specific another`,
  ).map((term) => term.stem),
]);
// "What time periods …?", "Which year …?": the nouns naming the kind of answer, which the answer gives
// ("monthly", "1998") rather than names.
const kindNouns =
  /^\s*(?:what|which)\s+((?:(?:time|period|year|date|day|month|number|amount|size|version)s?\s+)+)/i;
// "How long …?", "How big …?": the adjective asks for a measure, which the answer gives ("10 seconds").
const measure = /\bhow\s+(long|big|large|often|far|old|fast|soon|quickly)\b/i;

/** Classifies the question and collects its content stems. */
export function analyseQuestion(question: string): AnalysedQuestion {
  const type = classifyQuestion(question);
  const stems: string[] = [];
  // "I've", "we'll": the pronoun is all a contraction holds that a question asks about; `baseURL` asks
  // about a base URL.
  const words = termsOf(question.replace(/['’](?:ve|m|ll|re|d)\b/gi, ''));
  for (const term of words.flatMap((word) => [word, ...termsOf(camelParts(word.raw))])) {
    if (!term.stop && !stems.includes(term.stem)) stems.push(term.stem);
  }
  const framing = type === 'description' ? descriptionVerbs : eventVerbs;
  const literal = literalPattern.exec(question);
  const noun = literal === null ? undefined : termsOf(literal[1] ?? '')[0]?.stem;
  const asksShape = lookLike.test(question);
  // "$5 a day", "75% of traffic": the user's own amounts, which docs do not repeat.
  const amounts = [...question.matchAll(/\$\s?(\d[\d.,]*)|(\d[\d.,]*)\s?%/g)].flatMap((match) =>
    termsOf(match[1] ?? match[2] ?? '').map((term) => term.stem),
  );
  const kinds = new Set(
    termsOf(`${kindNouns.exec(question)?.[1] ?? ''} ${measure.exec(question)?.[1] ?? ''}`).map(
      (term) => term.stem,
    ),
  );
  const framed = stems.filter(
    (stem) => !framing.has(stem) && !lightVerbs.has(stem) && stem !== noun && !(asksShape && stem === 'like'),
  );
  // "How do I work?" has nothing else to ask about, so there the verb is the content; "What happens
  // on shutdown?" asks about shutdown, whatever the question's type.
  return {
    text: question,
    type,
    stems: framed.length > 0 ? framed : stems,
    frame: stems.filter((stem) => frameWords.has(stem) || kinds.has(stem) || amounts.includes(stem)),
    wantsCode: codePattern.test(question.toLowerCase()),
    ...shapeOf(question),
    ...(literal !== null && { literal: literalKinds[(literal[1] ?? '').toLowerCase()] ?? 'code' }),
  };
}
