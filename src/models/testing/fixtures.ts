import { readFileSync } from 'node:fs';

// Tests run from the compiled tree (dist/src/models/...); fixtures stay in the source tree.
const fixtureRoot = new URL('../../../../src/models/__fixtures__/', import.meta.url);

/** Reads a recorded provider response, e.g. `openai/chat-completion.json`, as text. */
export function readFixture(relativePath: string): string {
  return readFileSync(new URL(relativePath, fixtureRoot), 'utf8');
}
