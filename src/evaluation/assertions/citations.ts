import type { ChatRequest } from '../../core/types.js';
import { checkGroundedness, type GroundingPassage } from '../../knowledge/grounded/groundedness.js';
import { passagesFromRequest } from '../../knowledge/request-passages.js';
import { verdict } from '../../routing/verifiers/verdict.js';
import type { Verdict } from './assertion.js';

/**
 * Citation validity: every `[n]` marker must name one of the passages (the request's `passages`, or
 * the test's `passages`/`context` variables) and the sentence carrying it must be supported by what it
 * cites, by the knowledge layer's groundedness check. The score is the share of valid markers.
 */
export async function checkCitationValidity(
  output: string,
  request: ChatRequest,
  vars: Readonly<Record<string, unknown>>,
  threshold: number,
): Promise<Verdict> {
  const passages = passagesFromRequest(request) ?? passagesFromVars(vars);
  if (passages.length === 0) return verdict(0, threshold, 'there are no passages to check citations against');
  const result = await checkGroundedness(output, passages, { requireCitations: true });
  if (result.abstained) return verdict(1, threshold, 'the answer abstains and cites nothing');
  let total = 0;
  let valid = 0;
  const invalid: string[] = [];
  for (const sentence of result.sentences) {
    for (const marker of sentence.markers) {
      total += 1;
      const known = marker >= 1 && marker <= passages.length;
      if (known && sentence.verdict !== 'unsupported') valid += 1;
      else
        invalid.push(
          known
            ? `[${marker}] does not support "${sentence.text.slice(0, 40)}"`
            : `[${marker}] names no passage`,
        );
    }
  }
  if (total === 0) return verdict(0, threshold, 'the answer cites no passage');
  return verdict(
    valid / total,
    threshold,
    invalid.length === 0
      ? `all ${total} citations are valid`
      : `${valid} of ${total} citations are valid; ${invalid[0]}`,
  );
}

function passagesFromVars(vars: Readonly<Record<string, unknown>>): GroundingPassage[] {
  const given = vars.passages ?? vars.context;
  if (typeof given === 'string') return [{ id: '1', text: given }];
  if (!Array.isArray(given)) return [];
  return given.map((item, index) =>
    typeof item === 'string'
      ? { id: String(index + 1), text: item }
      : { id: String(index + 1), text: String((item as { text?: unknown }).text ?? '') },
  );
}
