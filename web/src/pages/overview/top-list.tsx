/** A ranked list of names with a value and a bar; the value is written out, so the bar is only a cue. */
export function TopList({
  title,
  rows,
  format,
}: {
  title: string;
  rows: { name: string; value: number }[];
  format: (value: number) => string;
}) {
  const top = [...rows].sort((a, b) => b.value - a.value).slice(0, 5);
  const largest = Math.max(...top.map((row) => row.value), 0);
  return (
    <section className="top-list" aria-label={title}>
      <h2>{title}</h2>
      {top.length === 0 ? (
        <p className="hint">Nothing in this period.</p>
      ) : (
        <ol>
          {top.map((row) => (
            <li key={row.name}>
              <span className="top-name">{row.name}</span>
              <span className="top-value">{format(row.value)}</span>
              <span className="bar" aria-hidden="true">
                <span
                  className="bar-fill"
                  style={{ width: `${largest ? (row.value / largest) * 100 : 0}%` }}
                />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
