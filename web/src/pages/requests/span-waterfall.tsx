import type { Span } from '../../api.js';
import { TableScroll } from '../../components/table-scroll.js';
import { duration } from '../../format.js';

/** Spans in start order, each with its depth in the tree. */
export function orderSpans(spans: Span[]): { span: Span; depth: number }[] {
  const children = new Map<string | undefined, Span[]>();
  const ids = new Set(spans.map((span) => span.spanId));
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const ordered: { span: Span; depth: number }[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.startedAt - b.startedAt);
    for (const span of list) {
      ordered.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}

/** The span tree on a time axis: each span's name, offset, duration and a bar where it ran. */
export function SpanWaterfall({ spans }: { spans: Span[] }) {
  if (spans.length === 0) return <p className="hint">No spans were recorded for this request.</p>;
  const start = Math.min(...spans.map((span) => span.startedAt));
  const end = Math.max(...spans.map((span) => span.endedAt));
  const total = Math.max(end - start, 0.001);
  return (
    <TableScroll label={'Spans'}>
      <table className="waterfall">
        <caption className="visually-hidden">Spans of the request, in start order</caption>
        <thead>
          <tr>
            <th scope="col">Span</th>
            <th scope="col" className="number">
              Starts at
            </th>
            <th scope="col" className="number">
              Duration
            </th>
            <th scope="col" className="waterfall-axis">
              Timeline ({duration(total)})
            </th>
          </tr>
        </thead>
        <tbody>
          {orderSpans(spans).map(({ span, depth }) => (
            <tr key={span.spanId} className={span.status === 'error' ? 'span-error' : undefined}>
              <th scope="row" className="span-name" style={{ paddingLeft: `${0.5 + depth * 1.1}rem` }}>
                {span.name}
                {span.status === 'error' && <span className="badge failed">error</span>}
              </th>
              <td className="number">+{duration(span.startedAt - start)}</td>
              <td className="number">{duration(span.endedAt - span.startedAt)}</td>
              <td className="waterfall-axis">
                <span className="waterfall-track" aria-hidden="true">
                  <span
                    className="waterfall-bar"
                    style={{
                      left: `${((span.startedAt - start) / total) * 100}%`,
                      width: `${Math.max(((span.endedAt - span.startedAt) / total) * 100, 0.5)}%`,
                    }}
                  />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
