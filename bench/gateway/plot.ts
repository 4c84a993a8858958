/** The race as an SVG: CPU per request of each target, JSON answers and streams side by side. */
import type { GatewayBenchReport } from './report.js';

const barHeight = 14;
const labelWidth = 170;
const plotWidth = 420;
const margin = { top: 46, right: 90, bottom: 40 };
const modeColours: Record<'json' | 'stream', string> = { json: '#1f77b4', stream: '#ff7f0e' };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Horizontal bars of CPU µs per request, one group per target, one bar per mode, values printed. */
export function plotGatewayRace(report: GatewayBenchReport, title: string): string {
  const names = [...new Set(report.modes.flatMap((mode) => Object.keys(mode.targets)))];
  const bars = report.modes.length;
  const groupHeight = bars * barHeight + 10;
  const height = margin.top + names.length * groupHeight + margin.bottom;
  const width = labelWidth + plotWidth + margin.right;
  const values = report.modes.flatMap((mode) =>
    Object.values(mode.targets).map((target) => (target.ok ? target.cpu_us_per_request : 0)),
  );
  const top = Math.max(1, ...values) * 1.05;
  const x = (value: number): number => labelWidth + (value / top) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="10" y="18" font-size="13">${escapeXml(title)}</text>`,
  ];
  report.modes.forEach((mode, index) => {
    const legendX = labelWidth + index * 120;
    parts.push(
      `<rect x="${legendX}" y="26" width="10" height="10" fill="${modeColours[mode.mode]}"/>`,
      `<text x="${legendX + 14}" y="35">${mode.mode === 'json' ? 'JSON answer' : 'SSE stream'}</text>`,
    );
  });
  const step = 10 ** Math.floor(Math.log10(top / 2));
  const tick = top / step > 10 ? step * 2 : step;
  for (let value = 0; value <= top; value += tick) {
    parts.push(
      `<line x1="${x(value).toFixed(1)}" x2="${x(value).toFixed(1)}" y1="${margin.top - 4}" y2="${height - margin.bottom}" stroke="#eee"/>`,
      `<text x="${x(value).toFixed(1)}" y="${height - margin.bottom + 14}" text-anchor="middle">${value}</text>`,
    );
  }
  parts.push(
    `<text x="${labelWidth + plotWidth / 2}" y="${height - 8}" text-anchor="middle">server CPU µs per request (lower is better)</text>`,
  );
  names.forEach((name, group) => {
    const groupTop = margin.top + group * groupHeight;
    parts.push(
      `<text x="${labelWidth - 8}" y="${groupTop + (bars * barHeight) / 2 + 4}" text-anchor="end">${escapeXml(name)}</text>`,
    );
    report.modes.forEach((mode, index) => {
      const target = mode.targets[name as keyof typeof mode.targets];
      const y = groupTop + index * barHeight;
      if (target === undefined || !target.ok) {
        parts.push(`<text x="${labelWidth + 4}" y="${y + barHeight - 3}" fill="#999">not measured</text>`);
        return;
      }
      const value = target.cpu_us_per_request;
      parts.push(
        `<rect x="${labelWidth}" y="${y}" width="${(x(value) - labelWidth).toFixed(1)}" height="${barHeight - 2}" fill="${modeColours[mode.mode]}"><title>${escapeXml(name)} ${mode.mode}: ${value} µs/request, ${target.requests_per_second} req/s</title></rect>`,
        `<text x="${(x(value) + 4).toFixed(1)}" y="${y + barHeight - 3}">${Math.round(value)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
