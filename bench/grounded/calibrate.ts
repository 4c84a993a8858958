/**
 * Chooses the abstention threshold on a calibration set, two ways: the support cut that maximises
 * SQuAD 2.0's overall F1 (an abstention scores 1 on an unanswerable question, 0 on an answerable one),
 * and the cut that best separates unanswerable from answerable questions (Youden's J: abstention
 * recall on unanswerable minus abstention rate on answerable).
 */

/** One question answered without a threshold: its support and the F1 its answer would earn. */
export interface CalibrationRow {
  support: number;
  unanswerable: boolean;
  /** F1 of the answer if it is given (0 for any answer to an unanswerable question). */
  answeredF1: number;
}

/** Overall F1 in 0..1 when abstaining below `threshold`. */
export function overallF1(rows: readonly CalibrationRow[], threshold: number): number {
  if (rows.length === 0) return 0;
  let sum = 0;
  for (const row of rows) {
    if (row.support < threshold) sum += row.unanswerable ? 1 : 0;
    else sum += row.unanswerable ? 0 : row.answeredF1;
  }
  return sum / rows.length;
}

/** The threshold on a 0.01 grid with the best overall F1; ties go to the middle of the best run. */
export function calibrateThreshold(rows: readonly CalibrationRow[]): { threshold: number; f1: number } {
  const grid = Array.from({ length: 101 }, (_, index) => index / 100);
  const scores = grid.map((threshold) => overallF1(rows, threshold));
  const best = Math.max(...scores);
  const winners = grid.filter((_, index) => (scores[index] ?? 0) >= best - 1e-12);
  const threshold = winners[Math.floor((winners.length - 1) / 2)] ?? 0;
  return { threshold, f1: best };
}

/**
 * The abstention threshold by separation: Youden's J (abstention rate on unanswerable minus abstention
 * rate on answerable questions) on a 0.01 grid. J is flat and noisy on a few hundred questions, so the
 * choice follows the one-standard-error rule: the lowest threshold (the one that answers most) whose J
 * is within one standard error of the best J.
 */
export function separatingThreshold(rows: readonly CalibrationRow[]): {
  threshold: number;
  j: number;
  best: number;
  bestJ: number;
} {
  const unanswerable = rows.filter((row) => row.unanswerable);
  const answerable = rows.filter((row) => !row.unanswerable);
  const rate = (subset: readonly CalibrationRow[], threshold: number) =>
    subset.length === 0 ? 0 : subset.filter((row) => row.support < threshold).length / subset.length;
  const grid = Array.from({ length: 101 }, (_, index) => index / 100);
  const scores = grid.map((threshold) => rate(unanswerable, threshold) - rate(answerable, threshold));
  const bestJ = Math.max(...scores);
  const best = grid[scores.indexOf(bestJ)] ?? 0;
  const hit = rate(unanswerable, best);
  const falseAlarm = rate(answerable, best);
  const standardError = Math.sqrt(
    (hit * (1 - hit)) / Math.max(1, unanswerable.length) +
      (falseAlarm * (1 - falseAlarm)) / Math.max(1, answerable.length),
  );
  const index = scores.findIndex((score) => score >= bestJ - standardError);
  return { threshold: grid[index] ?? best, j: scores[index] ?? bestJ, best, bestJ };
}
