import type { Finding } from './finding.js';

/** One heuristic: a pattern and how strongly, alone, it suggests an injection or jailbreak attempt. */
interface Signal {
  name: string;
  pattern: RegExp;
  weight: number;
}

const previous =
  '(?:all |any |the |your |my )*(?:previous|prior|above|earlier|preceding|initial|original|system|developer)';
const rules =
  '(?:instructions?|prompts?|rules|directives|guidelines|guardrails|constraints|restrictions|polic(?:y|ies)|context)';

const dismiss = '(?:ignore|disregard|forget|override|bypass|skip|drop|abandon)';

const signals: readonly Signal[] = [
  {
    name: 'override',
    pattern: new RegExp(
      `\\b${dismiss}\\b[^.\\n]{0,20}?\\b${previous}\\b[^.\\n]{0,12}?\\b${rules}|\\b${dismiss} (?:all |any )?(?:your|the|its) (?:\\w+ )?${rules}\\b|\\b${dismiss} (?:everything|all|anything)(?: that)? (?:you (?:were|have been|'ve been) (?:told|given)|(?:said |written )?(?:above|before))|\\b${dismiss} (?:the|this|our) (?:conversation|chat|request|text) (?:so far|above)|\\b(?:ignore|disregard) (?:the|this|everything|all) above\\b`,
      'i',
    ),
    weight: 0.85,
  },
  {
    name: 'reveal-prompt',
    pattern:
      /\b(?:reveal|print|show|repeat|output|leak|display|dump|tell me|what (?:is|are|was|were))\b[^.\n?]{0,30}\b(?:system|hidden|initial|secret|developer|original)\s+(?:prompt|instructions?|message|rules)|\b(?:what|which) (?:instructions|rules|prompt) (?:were|have) you (?:been )?given\b|\b(?:repeat|print|output|dump) (?:everything|all|the text) (?:in your context|above|before this|so far)/i,
    weight: 0.75,
  },
  {
    name: 'no-limits-persona',
    pattern:
      /\b(?:you are|you're|act as|pretend (?:to be|you are)|roleplay as|become|from now on,? you)\b[^.\n]{0,60}\b(?:no|without|free from|free of|zero|any)\b[^.\n]{0,20}\b(?:restrictions|filters?|limits|limitations|rules|guidelines|censorship|ethics|morals)|\b(?:act as|you are(?: now)?|pretend to be|roleplay as|become) (?:an? )?(?:unrestricted|unfiltered|uncensored|unlimited|jailbroken)\b/i,
    weight: 0.8,
  },
  {
    name: 'rules-gone',
    pattern:
      /\b(?:pretend|imagine|assume|act as if)\b (?:that )?(?:the |your |all )?(?:safety |content |ethical )?(?:guidelines|rules|policies|restrictions|filters)\b[^.\n]{0,12}\b(?:don't|do not|no longer|never) (?:exist|apply)|\bhigher priority than (?:your|the) (?:system|developer)|\b(?:system|safety|admin) override\b|\bsafety\s*[=:]\s*(?:off|false|disabled)\b/i,
    weight: 0.75,
  },
  {
    name: 'known-jailbreak',
    pattern:
      /\b(?:DAN|do anything now|developer mode|jailbroken|jailbreak mode|god mode|evil (?:mode|confidant)|AIM mode|unfiltered mode|STAN|DUDE)\b/,
    weight: 0.7,
  },
  {
    name: 'new-instructions',
    pattern:
      /(?:^|\n|\.\s)\s*(?:new|updated|real|actual|true) (?:instructions?|task|system prompt|rules)\s*[:-]/i,
    weight: 0.6,
  },
  {
    name: 'role-markup',
    pattern:
      /<\|(?:im_start|im_end|system|endoftext)\|>|\[\/?INST\]|<<\/?SYS>>|^\s*#{2,}\s*(?:system|instruction)\b|\n\s*system\s*:/im,
    weight: 0.6,
  },
  {
    name: 'policy-evasion',
    pattern:
      /\b(?:bypass|evade|circumvent|disable|turn off|get around)\b[^.\n]{0,30}\b(?:safety|content|moderation|security|ethical)\s*(?:filters?|polic(?:y|ies)|guidelines|measures|checks|restrictions)/i,
    weight: 0.7,
  },
  {
    name: 'stop-being',
    pattern:
      /\b(?:you (?:must|will|shall) (?:now )?(?:obey|comply)|you have no choice|you are no longer (?:an? )?(?:AI|assistant|bound)|stay in character|never refuse|do not refuse|cannot refuse)\b/i,
    weight: 0.5,
  },
  {
    name: 'hypothetical-harm',
    pattern:
      /\b(?:hypothetically|in a fictional world|for a novel|purely educational)\b[^.\n]{0,80}\b(?:no (?:rules|restrictions|limits)|without (?:rules|restrictions|limits))/i,
    weight: 0.5,
  },
  {
    name: 'exfiltrate',
    pattern:
      /\b(?:send|post|forward|upload|exfiltrate|email)\b[^.\n]{0,40}\b(?:conversation|chat history|api keys?|credentials|system prompt|previous messages|summary)\b[^.\n]{0,30}\b(?:to|at) (?:https?:\/\/|[\w.-]+@)/i,
    weight: 0.7,
  },
];

/** A score in 0..1 (one minus the product of the signals' misses) and what matched. */
export interface InjectionVerdict {
  score: number;
  findings: Finding[];
}

/**
 * Prompt-injection and jailbreak heuristics. Each signal found adds to the score as an independent
 * piece of evidence; a finding spans what matched, named `PROMPT_INJECTION:<signal>`.
 */
export function injectionScore(text: string): InjectionVerdict {
  let miss = 1;
  const findings: Finding[] = [];
  for (const signal of signals) {
    const match = signal.pattern.exec(text);
    if (!match) continue;
    miss *= 1 - signal.weight;
    findings.push({
      entity: `PROMPT_INJECTION:${signal.name}`,
      start: match.index,
      end: match.index + match[0].length,
      score: signal.weight,
    });
  }
  return { score: 1 - miss, findings };
}
