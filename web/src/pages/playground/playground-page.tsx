import { type FormEvent, useState } from 'react';
import { LoadedView } from '../../components/loaded-view.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';
import { ChatColumn, type Turn } from './chat-column.js';

/** Chat with any model, alias or route, streaming; compare two models side by side on the same prompt. */
export default function PlaygroundPage() {
  const { api, role } = useSignedIn();
  const choices = useLoad(
    async () => ({ models: await api.models(), bases: await api.knowledgeBases(role === 'master') }),
    [api, role],
  );
  const [models, setModels] = useState<[string, string]>(['local/extractive', '']);
  const [compare, setCompare] = useState(false);
  const [kb, setKb] = useState('');
  const [prompt, setPrompt] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);

  // A new model starts a new conversation: its column must not answer the old turns again.
  function changeModels(next: [string, string]) {
    setModels(next);
    setTurns([]);
  }

  function send(event: FormEvent) {
    event.preventDefault();
    const text = prompt.trim();
    if (!text) return;
    setTurns([...turns, { prompt: text, id: turns.length }]);
    setPrompt('');
  }

  const columns = compare
    ? [
        { slot: 'first', model: models[0] },
        { slot: 'second', model: models[1] },
      ]
    : [{ slot: 'first', model: models[0] }];
  return (
    <>
      <h1>Playground</h1>
      <LoadedView loaded={choices}>
        {({ models: available, bases }) => (
          <form className="playground-form" onSubmit={send}>
            <datalist id="model-names">
              {available.map((model) => (
                <option key={model.id} value={model.id} />
              ))}
            </datalist>
            <div className="playground-settings">
              <label>
                Model, alias or route
                <input
                  list="model-names"
                  value={models[0]}
                  required
                  onChange={(event) => changeModels([event.target.value, models[1]])}
                />
              </label>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={compare}
                  onChange={(event) => setCompare(event.target.checked)}
                />
                Compare with a second model
              </label>
              {compare && (
                <label>
                  Second model
                  <input
                    list="model-names"
                    value={models[1]}
                    required
                    onChange={(event) => changeModels([models[0], event.target.value])}
                  />
                </label>
              )}
              <label>
                Knowledge base
                <select value={kb} onChange={(event) => setKb(event.target.value)}>
                  <option value="">None (local/extractive reads the default base)</option>
                  {bases.map((base) => (
                    <option key={base.name} value={base.name}>
                      {base.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="secondary" onClick={() => setTurns([])}>
                New conversation
              </button>
            </div>
            <div className={compare ? 'chat-columns compare' : 'chat-columns'}>
              {columns.map(({ slot, model }) => (
                <ChatColumn key={`${slot}:${model}`} model={model} kb={kb} turns={turns} />
              ))}
            </div>
            <label htmlFor="prompt">Message</label>
            <div className="prompt-row">
              <textarea
                id="prompt"
                rows={3}
                value={prompt}
                onChange={(event) => setPrompt(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send(event);
                }}
              />
              <button type="submit">Send</button>
            </div>
            <p className="hint">Ctrl+Enter sends.</p>
          </form>
        )}
      </LoadedView>
    </>
  );
}
