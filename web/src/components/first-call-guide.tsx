import { CopyButton } from './copy-button.js';

/** What a first-time visitor sees instead of an empty chart: how to make the first call. */
export function FirstCallGuide() {
  const command = `curl ${window.location.origin}/v1/chat/completions \\
  -H "Authorization: Bearer $STRATA_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "local/extractive", "messages": [{"role": "user", "content": "What is Strata?"}]}'`;
  return (
    <section className="guide" aria-labelledby="first-call">
      <h2 id="first-call">No calls yet</h2>
      <p>
        Send a first call from the <a href="#/playground">Playground</a>, or from a terminal with your key in{' '}
        <code>STRATA_KEY</code>. <code>local/extractive</code> answers from the project's own docs without any
        provider.
      </p>
      <pre>
        <code>{command}</code>
      </pre>
      <CopyButton text={command} label="Copy the command" />
    </section>
  );
}
