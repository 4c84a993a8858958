/**
 * Refusals and abstentions: the provider's `refusal` field, or an answer that opens by declining ("I
 * can't help with that") or says it lacks the information ("insufficient information", "I don't know").
 */
const refusalPatterns = [
  /^\W*(i['’]m sorry|i am sorry|sorry|unfortunately)\b[^.]{0,40}\b(can(no|['’])t|unable|not able|won['’]t)\b/i,
  /^\W*i\s+(can(no|['’])t|cannot|won['’]t|am unable to|am not able to|must decline to)\s+(help|assist|answer|provide|do|comply|share|create|write|give)/i,
  /\b(insufficient|not enough) (information|context)\b/i,
  /^\W*i (do not|don['’]t) know\b/i,
  /\b(as an ai|i['’]m not able to (help|assist))\b/i,
  /\bthe (provided |given )?(context|passages|sources) (does|do) not (contain|say|mention)\b/i,
];

/** The reason an answer counts as a refusal, or undefined when it answers. */
export function refusalReason(output: string, providerRefusal?: string | null): string | undefined {
  if (typeof providerRefusal === 'string' && providerRefusal !== '') return 'the model set its refusal field';
  const text = output.trim();
  if (text === '') return 'the answer is empty';
  const pattern = refusalPatterns.find((candidate) => candidate.test(text));
  return pattern && `the answer declines or abstains (matches ${pattern.source.slice(0, 40)}…)`;
}
