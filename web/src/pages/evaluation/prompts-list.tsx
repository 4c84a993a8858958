import { useState } from 'react';
import type { PromptSummary } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

/** Managed prompts; opening one shows its versions with labels and the change from the one before. */
export function PromptsList() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => api.prompts(), [api]);
  return (
    <section aria-labelledby="prompts-heading">
      <h2 id="prompts-heading">Prompts</h2>
      <LoadedView loaded={loaded}>
        {(prompts) =>
          prompts.length === 0 ? (
            <p className="hint">
              No prompts yet. Store one with <code>strata prompts create name --template "…"</code>; chat
              calls use it as{' '}
              <code>
                prompt: {'{'}name, label{'}'}
              </code>
              .
            </p>
          ) : (
            prompts.map((prompt) => <PromptVersions key={prompt.name} prompt={prompt} />)
          )
        }
      </LoadedView>
    </section>
  );
}

function PromptVersions({ prompt }: { prompt: PromptSummary }) {
  const [open, setOpen] = useState(false);
  const labels = Object.entries(prompt.labels)
    .map(([label, version]) => `${label} → v${version}`)
    .join(', ');
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {prompt.name}: v{prompt.latest_version}
        {labels ? ` (${labels})` : ''}
      </summary>
      {open && <VersionsView name={prompt.name} />}
    </details>
  );
}

function VersionsView({ name }: { name: string }) {
  const { api } = useSignedIn();
  const loaded = useLoad(async () => {
    const versions = await api.promptVersions(name);
    const [latest, previous] = versions;
    const diff = latest && previous ? await api.promptDiff(name, previous.version, latest.version) : [];
    return { versions, diff };
  }, [api, name]);
  return (
    <LoadedView loaded={loaded}>
      {({ versions, diff }) => (
        <>
          <ol className="plain-list" aria-label={`Versions of ${name}`}>
            {versions.map((version) => (
              <li key={version.version}>
                <strong>v{version.version}</strong> {time(version.created_at)}
                {version.labels.length > 0 && ` [${version.labels.join(', ')}]`} {version.note}
                <pre>
                  {version.messages.map((message) => `${message.role}: ${message.content}`).join('\n')}
                </pre>
              </li>
            ))}
          </ol>
          {diff.length > 0 && (
            <>
              <h3>
                Change from v{versions[1]?.version} to v{versions[0]?.version}
              </h3>
              <p className="hint">Removed lines start with a minus, added lines with a plus.</p>
              <pre>{diff.map((line) => `${line.op} ${line.text}`).join('\n')}</pre>
            </>
          )}
        </>
      )}
    </LoadedView>
  );
}
