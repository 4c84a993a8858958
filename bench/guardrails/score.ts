import type { Finding } from '../../src/governance/guardrails/finding.js';

/** A labelled span. */
export interface LabelledSpan {
  entity: string;
  start: number;
  end: number;
}

/** Counts for one entity. */
export interface EntityCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Precision and recall with their counts; 1 when there was nothing to find or nothing found. */
export interface EntityScore extends EntityCounts {
  entity: string;
  precision: number;
  recall: number;
}

const overlaps = (a: LabelledSpan, b: LabelledSpan) => a.start < b.end && b.start < a.end;

/**
 * Adds one string's findings to per-entity counts: a finding is a true positive when it overlaps a
 * labelled span of the same entity, a false positive otherwise; a labelled span no finding of its
 * entity overlaps is a false negative.
 */
export function tally(
  counts: Map<string, EntityCounts>,
  labels: readonly LabelledSpan[],
  findings: readonly Finding[],
): Array<{ kind: 'false-positive' | 'false-negative'; span: LabelledSpan }> {
  const errors: Array<{ kind: 'false-positive' | 'false-negative'; span: LabelledSpan }> = [];
  const of = (entity: string) => {
    let entry = counts.get(entity);
    if (!entry) {
      entry = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
      counts.set(entity, entry);
    }
    return entry;
  };
  for (const finding of findings) {
    const hit = labels.some((label) => label.entity === finding.entity && overlaps(label, finding));
    if (hit) of(finding.entity).truePositives++;
    else {
      of(finding.entity).falsePositives++;
      errors.push({ kind: 'false-positive', span: finding });
    }
  }
  for (const label of labels) {
    if (findings.some((finding) => finding.entity === label.entity && overlaps(label, finding))) continue;
    of(label.entity).falseNegatives++;
    errors.push({ kind: 'false-negative', span: label });
  }
  return errors;
}

/** Precision and recall of counts. */
export function scoreOf(entity: string, counts: EntityCounts): EntityScore {
  const found = counts.truePositives + counts.falsePositives;
  const labelled = counts.truePositives + counts.falseNegatives;
  return {
    entity,
    ...counts,
    precision: found === 0 ? 1 : counts.truePositives / found,
    recall: labelled === 0 ? 1 : counts.truePositives / labelled,
  };
}

/** Adds up several entities' counts into one. */
export function sumCounts(counts: readonly EntityCounts[]): EntityCounts {
  return counts.reduce(
    (sum, entry) => ({
      truePositives: sum.truePositives + entry.truePositives,
      falsePositives: sum.falsePositives + entry.falsePositives,
      falseNegatives: sum.falseNegatives + entry.falseNegatives,
    }),
    { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
  );
}
