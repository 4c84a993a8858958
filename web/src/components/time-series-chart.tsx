import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One line of a chart: the field it plots, its name and colour, and a dash so colour is not the only cue. */
export interface SeriesLine {
  key: string;
  name: string;
  colour: string;
  dash?: string;
}

/** A titled line chart over time buckets; its summary is given to screen readers as the figure's label. */
export function TimeSeriesChart({
  title,
  points,
  lines,
  format,
  summary,
}: {
  title: string;
  points: Record<string, number | string | null>[];
  lines: SeriesLine[];
  format: (value: number) => string;
  summary: string;
}) {
  return (
    <figure className="chart" aria-label={`${title}: ${summary}`}>
      <figcaption>
        {title} <span className="chart-summary">{summary}</span>
      </figcaption>
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height={180}>
          <LineChart
            accessibilityLayer={false}
            data={points}
            margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
            <XAxis dataKey="label" stroke="var(--muted)" fontSize={11} minTickGap={24} />
            <YAxis stroke="var(--muted)" fontSize={11} width={56} tickFormatter={format} />
            <Tooltip
              formatter={(value) => format(Number(value))}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
            />
            {lines.length > 1 && <Legend />}
            {lines.map((line) => (
              <Line
                key={line.key}
                type="monotone"
                dataKey={line.key}
                name={line.name}
                stroke={line.colour}
                {...(line.dash && { strokeDasharray: line.dash })}
                strokeWidth={2}
                dot={points.length < 3}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
