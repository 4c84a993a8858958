import { useState } from 'react';
import type { Ingestion } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LoadedView } from '../../components/loaded-view.js';
import { TableScroll } from '../../components/table-scroll.js';
import { time } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

/** A base's documents and an upload with a progress bar for sending and then for ingesting. */
export function BaseDocuments({ kb, onChanged }: { kb: string; onChanged: () => void }) {
  const { api } = useSignedIn();
  const documents = useLoad(() => api.documents(kb), [api, kb]);
  const [sent, setSent] = useState<number | null>(null);
  const [ingestion, setIngestion] = useState<Ingestion | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function upload(file: File) {
    setError(null);
    setIngestion(null);
    setSent(0);
    try {
      let job = await api.upload(kb, file, setSent);
      setIngestion(job);
      while (job.status === 'running' || job.status === 'queued') {
        await new Promise((resolve) => setTimeout(resolve, 300));
        job = await api.ingestion(kb, job.id);
        setIngestion(job);
      }
      documents.reload();
      onChanged();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSent(null);
    }
  }

  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents of {kb}</h2>
      <label className="upload">
        Upload a file (txt, md, html, pdf, docx, csv, json)
        <input
          type="file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void upload(file);
            event.target.value = '';
          }}
        />
      </label>
      {sent !== null && (
        <div>
          <label htmlFor="upload-progress">Sending</label>{' '}
          <progress id="upload-progress" max={1} value={sent} /> {Math.round(sent * 100)}%
        </div>
      )}
      {ingestion && (
        <p role="status">
          <label htmlFor="ingest-progress">Ingesting</label>{' '}
          <progress id="ingest-progress" max={Math.max(ingestion.total, 1)} value={ingestion.done} />{' '}
          {ingestion.status}: {ingestion.created} new, {ingestion.updated} updated, {ingestion.unchanged}{' '}
          unchanged, {ingestion.failed} failed
          {ingestion.errors.map((failure) => ` — ${failure.name ?? ''} ${failure.reason ?? ''}`).join('')}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <LoadedView loaded={documents}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="hint">No documents yet.</p>
          ) : (
            <TableScroll label={`Documents of ${kb}`}>
              <table>
                <caption className="visually-hidden">Documents of {kb}</caption>
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col">Source</th>
                    <th scope="col" className="number">
                      Chunks
                    </th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">{row.title ?? row.id}</th>
                      <td>{row.source ?? '—'}</td>
                      <td className="number">{row.chunks}</td>
                      <td>{time(row.updated_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </LoadedView>
    </section>
  );
}
