import { type FormEvent, useState } from 'react';
import type { Simulation } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { percent, usd } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';

const fields = [
  ['daily_volume', 'Requests per day', '1000'],
  ['input', 'Input tokens per request', '800'],
  ['output', 'Output tokens per request', '300'],
  ['model', 'Candidate model', 'openai/gpt-4o-mini'],
  ['success_rate', 'Expected success rate (0–1)', '0.8'],
  ['value', 'Value per success (USD)', '2'],
  ['human', 'Cost of the human process per task (USD)', '4'],
] as const;

const orDash = (value: number | null) => (value === null ? '—' : percent(value));

/** The business-case simulator: monthly cost, CPSO, ROI, break-even and sensitivity for one candidate. */
export function SimulatorForm() {
  const { api } = useSignedIn();
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(fields.map(([name, , initial]) => [name, initial])),
  );
  const [result, setResult] = useState<Simulation | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setResult(
        await api.simulate({
          daily_volume: Number(values.daily_volume),
          tokens: { input: Number(values.input), output: Number(values.output) },
          candidates: [{ model: values.model ?? '', success_rate: Number(values.success_rate) }],
          value_per_success_usd: Number(values.value),
          human_cost_per_task_usd: Number(values.human),
        }),
      );
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  };
  const candidate = result?.candidates[0];
  return (
    <section aria-labelledby="simulator-heading">
      <h2 id="simulator-heading">Business-case simulator</h2>
      <form onSubmit={submit} className="card-form" aria-labelledby="simulator-heading">
        {fields.map(([name, label]) => (
          <label key={name}>
            {label}{' '}
            <input
              value={values[name] ?? ''}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              required
            />
          </label>
        ))}
        <button type="submit">Simulate</button>
      </form>
      {error && <ErrorNotice error={error} />}
      {candidate && result && (
        <div aria-live="polite">
          <p>
            {candidate.model}: {usd(candidate.monthly_cost_usd)} a month, {usd(candidate.cpso_usd)} per
            successful outcome, value {usd(candidate.monthly_value_usd)}, ROI {orDash(candidate.roi)}; against
            the human process it saves {usd(candidate.monthly_saving_vs_human_usd)} a month. Break-even
            success rate: {orDash(candidate.break_even_success_rate)}.
          </p>
          <table>
            <caption>Sensitivity: ROI when one input moves</caption>
            <thead>
              <tr>
                <th scope="col">Input</th>
                <th scope="col">Low</th>
                <th scope="col">ROI</th>
                <th scope="col">High</th>
                <th scope="col">ROI</th>
              </tr>
            </thead>
            <tbody>
              {candidate.sensitivity.map((row) => (
                <tr key={row.input}>
                  <th scope="row">{row.input}</th>
                  <td>{row.low}</td>
                  <td>{orDash(row.roi_low)}</td>
                  <td>{row.high}</td>
                  <td>{orDash(row.roi_high)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul>
            {result.assumptions.map((assumption) => (
              <li key={assumption}>{assumption}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
