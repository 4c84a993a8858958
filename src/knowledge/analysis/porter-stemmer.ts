/**
 * Porter's stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980),
 * as in the author's reference implementation, whose published vocabulary/output pairs it reproduces.
 * That implementation departs from the paper in two rules, kept here so the output matches it:
 * step 2 maps `-bli` to `-ble` (the paper: `-abli` to `-able`) and adds `-logi` to `-log`.
 * Input is expected in lower case; words of one or two letters are returned unchanged.
 */
export function porterStem(word: string): string {
  if (word.length <= 2) return word;
  const stemmer = new Stemmer(word);
  stemmer.step1ab();
  if (stemmer.k > 0) {
    stemmer.step1c();
    stemmer.step2();
    stemmer.step3();
    stemmer.step4();
    stemmer.step5();
  }
  return stemmer.result();
}

type Rule = readonly [suffix: string, replacement: string];

// Step 2 and 3 rules, grouped by the penultimate (step 2) or last (step 3) letter, in the paper's order.
const step2Rules: Record<string, readonly Rule[]> = {
  a: [
    ['ational', 'ate'],
    ['tional', 'tion'],
  ],
  c: [
    ['enci', 'ence'],
    ['anci', 'ance'],
  ],
  e: [['izer', 'ize']],
  l: [
    ['bli', 'ble'],
    ['alli', 'al'],
    ['entli', 'ent'],
    ['eli', 'e'],
    ['ousli', 'ous'],
  ],
  o: [
    ['ization', 'ize'],
    ['ation', 'ate'],
    ['ator', 'ate'],
  ],
  s: [
    ['alism', 'al'],
    ['iveness', 'ive'],
    ['fulness', 'ful'],
    ['ousness', 'ous'],
  ],
  t: [
    ['aliti', 'al'],
    ['iviti', 'ive'],
    ['biliti', 'ble'],
  ],
  g: [['logi', 'log']],
};

const step3Rules: Record<string, readonly Rule[]> = {
  e: [
    ['icate', 'ic'],
    ['ative', ''],
    ['alize', 'al'],
  ],
  i: [['iciti', 'ic']],
  l: [
    ['ical', 'ic'],
    ['ful', ''],
  ],
  s: [['ness', '']],
};

const step4Suffixes: Record<string, readonly string[]> = {
  a: ['al'],
  c: ['ance', 'ence'],
  e: ['er'],
  i: ['ic'],
  l: ['able', 'ible'],
  n: ['ant', 'ement', 'ment', 'ent'],
  o: ['ion', 'ou'],
  s: ['ism'],
  t: ['ate', 'iti'],
  u: ['ous'],
  v: ['ive'],
  z: ['ize'],
};

/** The word being stemmed: `b[0..k]` is the current stem, `j` the end of the stem before a suffix. */
class Stemmer {
  b: string[];
  k: number;
  j = 0;

  constructor(word: string) {
    this.b = [...word];
    this.k = this.b.length - 1;
  }

  result(): string {
    return this.b.slice(0, this.k + 1).join('');
  }

  private at(i: number): string {
    return this.b[i] ?? '';
  }

  /** Whether b[i] is a consonant; `y` is one at the start or after a vowel. */
  private cons(i: number): boolean {
    switch (this.at(i)) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false;
      case 'y':
        return i === 0 ? true : !this.cons(i - 1);
      default:
        return true;
    }
  }

  /** The measure m of b[0..j]: the number of vowel-consonant sequences. */
  private m(): number {
    let n = 0;
    let i = 0;
    for (;;) {
      if (i > this.j) return n;
      if (!this.cons(i)) break;
      i++;
    }
    i++;
    for (;;) {
      for (;;) {
        if (i > this.j) return n;
        if (this.cons(i)) break;
        i++;
      }
      i++;
      n++;
      for (;;) {
        if (i > this.j) return n;
        if (!this.cons(i)) break;
        i++;
      }
      i++;
    }
  }

  private vowelInStem(): boolean {
    for (let i = 0; i <= this.j; i++) if (!this.cons(i)) return true;
    return false;
  }

  private doubleConsonant(i: number): boolean {
    return i >= 1 && this.at(i) === this.at(i - 1) && this.cons(i);
  }

  /** consonant-vowel-consonant ending at i, the last consonant not w, x or y (e.g. -hop, not -how). */
  private cvc(i: number): boolean {
    if (i < 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) return false;
    const last = this.at(i);
    return last !== 'w' && last !== 'x' && last !== 'y';
  }

  private ends(suffix: string): boolean {
    const length = suffix.length;
    if (length > this.k + 1) return false;
    for (let index = 0; index < length; index++) {
      if (this.b[this.k - length + 1 + index] !== suffix[index]) return false;
    }
    this.j = this.k - length;
    return true;
  }

  private setTo(replacement: string): void {
    this.b.splice(this.j + 1, this.b.length - this.j - 1, ...replacement);
    this.k = this.j + replacement.length;
  }

  private replaceIfMeasured(replacement: string): void {
    if (this.m() > 0) this.setTo(replacement);
  }

  /** Plurals and -ed/-ing: caresses → caress, ponies → poni, feed → feed, agreed → agree, hopping → hop. */
  step1ab(): void {
    if (this.at(this.k) === 's') {
      if (this.ends('sses')) this.k -= 2;
      else if (this.ends('ies')) this.setTo('i');
      else if (this.at(this.k - 1) !== 's') this.k--;
    }
    if (this.ends('eed')) {
      if (this.m() > 0) this.k--;
    } else if ((this.ends('ed') || this.ends('ing')) && this.vowelInStem()) {
      this.k = this.j;
      if (this.ends('at')) this.setTo('ate');
      else if (this.ends('bl')) this.setTo('ble');
      else if (this.ends('iz')) this.setTo('ize');
      else if (this.doubleConsonant(this.k)) {
        this.k--;
        const last = this.at(this.k);
        if (last === 'l' || last === 's' || last === 'z') this.k++;
      } else if (this.measureOfWhole() === 1 && this.cvc(this.k)) this.setTo('e');
    }
  }

  private measureOfWhole(): number {
    this.j = this.k;
    return this.m();
  }

  /** Terminal y to i when there is another vowel in the stem: happy → happi. */
  step1c(): void {
    if (this.ends('y') && this.vowelInStem()) this.b[this.k] = 'i';
  }

  /** Double suffixes to single ones when m > 0: relational → relate. */
  step2(): void {
    this.applyRules(step2Rules[this.at(this.k - 1)]);
  }

  /** -ic-, -full, -ness etc. when m > 0: hopeful → hope. */
  step3(): void {
    this.applyRules(step3Rules[this.at(this.k)]);
  }

  private applyRules(rules: readonly Rule[] | undefined): void {
    for (const [suffix, replacement] of rules ?? []) {
      if (this.ends(suffix)) {
        this.replaceIfMeasured(replacement);
        return;
      }
    }
  }

  /** Strips -ant, -ence etc. when m > 1: revival → reviv. */
  step4(): void {
    const suffixes = step4Suffixes[this.at(this.k - 1)];
    if (suffixes === undefined) return;
    let matched = false;
    for (const suffix of suffixes) {
      if (!this.ends(suffix)) continue;
      if (suffix === 'ion' && !(this.j >= 0 && (this.at(this.j) === 's' || this.at(this.j) === 't')))
        continue;
      matched = true;
      break;
    }
    if (matched && this.m() > 1) this.k = this.j;
  }

  /** Drops a final -e when m > 1 (or m = 1 without cvc), and -ll to -l when m > 1. */
  step5(): void {
    this.j = this.k;
    if (this.at(this.k) === 'e') {
      const measure = this.m();
      if (measure > 1 || (measure === 1 && !this.cvc(this.k - 1))) this.k--;
    }
    if (this.at(this.k) === 'l' && this.doubleConsonant(this.k) && this.m() > 1) this.k--;
  }
}
