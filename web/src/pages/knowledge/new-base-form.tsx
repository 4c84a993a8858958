import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../components/error-notice.js';
import { useSignedIn } from '../../signed-in.js';

/** Creates a knowledge base. */
export function NewBaseForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<Error | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await api.createKnowledgeBase(name.trim(), description.trim() || undefined);
      setName('');
      setDescription('');
      onCreated(created.name);
    } catch (failure) {
      setError(failure as Error);
    }
  }
  return (
    <form className="card-form" onSubmit={submit} aria-labelledby="new-base-heading">
      <h2 id="new-base-heading">New knowledge base</h2>
      <label>
        Name (lower case letters, digits, - and _)
        <input required value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Description
        <input value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
      {error && <ErrorNotice error={error} />}
      <button type="submit">Create knowledge base</button>
    </form>
  );
}
