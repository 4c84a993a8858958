import { useState } from 'react';
import { useSignedIn } from '../../signed-in.js';

/** Downloads the ROI report of the period as a self-contained HTML file. */
export function ReportButton({ from }: { from: string }) {
  const { api } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const download = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const html = await api.roiReport(from);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      link.download = `strata-roi-${from.slice(0, 10)}.html`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={download} disabled={busy}>
        {busy ? 'Preparing…' : 'Download ROI report'}
      </button>
      {problem && <span role="alert">{problem}</span>}
    </>
  );
}
