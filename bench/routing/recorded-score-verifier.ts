/**
 * A custom verifier that reads the recorded score of the replayed answer. It knows the ground truth, so
 * a cascade using it is an oracle bound (the best any verifier could do), never a real policy.
 */
export default function recordedScore(input: { response: { strata_replay?: unknown } }): {
  score: number;
  reason: string;
} {
  const receipt = input.response.strata_replay as { score?: number | null } | undefined;
  const score = receipt?.score ?? 0;
  return { score, reason: `recorded score ${score} (oracle bound: reads the ground truth)` };
}
