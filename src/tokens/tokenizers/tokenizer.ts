/** The encodings Strata can count with; `estimate` is the character heuristic for everything else. */
export type TokenizerName = 'o200k_base' | 'cl100k_base' | 'llama3' | 'estimate';

/** Counts the tokens of a text the way one model family's tokenizer would. */
export interface Tokenizer {
  readonly name: TokenizerName;
  /** True when the count is the real tokenizer's; false for the heuristic or a guessed encoding. */
  readonly exact: boolean;
  count(text: string): number;
}
