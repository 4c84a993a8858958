import type { RoutingBenchReport } from './report.js';

const plotWidth = 466;
const height = 460;
const margin = { left: 64, top: 30, bottom: 50 };
/** About the width of one character of the 11 px legend text. */
const legendCharWidth = 6.2;
const palette = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#17becf',
  '#bcbd22',
  '#393b79',
  '#637939',
  '#843c39',
  '#7b4173',
];

/** The cost-quality frontier as an SVG: cost on a log axis, one colour per policy family, families joined. */
export function plotFrontier(report: RoutingBenchReport, title: string): string {
  const points = report.policies.filter((policy) => policy.cost_per_1k > 0);
  const costs = points.map((policy) => policy.cost_per_1k);
  const low = Math.log10(Math.min(...costs) / 1.2);
  const high = Math.log10(Math.max(...costs) * 1.2);
  const accuracies = points.map((policy) => policy.accuracy);
  const bottom = Math.floor(Math.min(...accuracies) * 20) / 20;
  const top = Math.min(1, Math.ceil(Math.max(...accuracies) * 20) / 20);
  const families = [...new Set(points.map((policy) => policy.family))];
  // The legend sits right of the plot and is as wide as its longest family name.
  const right = 40 + legendCharWidth * Math.max(0, ...families.map((family) => family.length));
  const width = Math.ceil(margin.left + plotWidth + right);
  const plotHeight = height - margin.top - margin.bottom;
  const x = (cost: number) => margin.left + ((Math.log10(cost) - low) / (high - low)) * plotWidth;
  const y = (accuracy: number) => margin.top + (1 - (accuracy - bottom) / (top - bottom)) * plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}: cost-quality frontier</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="18" font-size="13">${escapeXml(title)}</text>`,
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
  ];
  for (let decade = Math.floor(low); decade <= Math.floor(high); decade++) {
    for (const step of [1, 2, 5]) {
      const cost = step * 10 ** decade;
      if (Math.log10(cost) < low || Math.log10(cost) > high) continue;
      parts.push(
        `<line x1="${x(cost)}" x2="${x(cost)}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#eee"/>`,
      );
      parts.push(
        `<text x="${x(cost)}" y="${margin.top + plotHeight + 16}" text-anchor="middle">$${cost}</text>`,
      );
    }
  }
  for (let accuracy = bottom; accuracy <= top + 1e-9; accuracy += 0.05) {
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(accuracy)}" y2="${y(accuracy)}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${margin.left - 6}" y="${y(accuracy) + 4}" text-anchor="end">${Math.round(accuracy * 100)}%</text>`,
    );
  }
  parts.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 12}" text-anchor="middle">USD per 1,000 queries (log scale)</text>`,
    `<text transform="translate(16 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">accuracy</text>`,
  );
  // The target region: at least 97% of the best single model's accuracy for at most 30% of its cost.
  const best = report.best_single;
  const targetX = x(0.3 * best.cost_per_1k);
  const targetY = y(0.97 * best.accuracy);
  if (targetX > margin.left && targetY > margin.top) {
    parts.push(
      `<rect x="${margin.left}" y="${margin.top}" width="${(targetX - margin.left).toFixed(1)}" height="${(targetY - margin.top).toFixed(1)}" fill="#2ca02c" fill-opacity="0.06" stroke="#2ca02c" stroke-dasharray="4 3"/>`,
      `<text x="${margin.left + 6}" y="${margin.top + 14}" fill="#2ca02c">target: ≥ 97% of the best accuracy, ≤ 30% of its cost</text>`,
    );
  }
  families.forEach((family, index) => {
    const colour = palette[index % palette.length] ?? '#000';
    const members = points
      .filter((policy) => policy.family === family)
      .sort((a, b) => a.cost_per_1k - b.cost_per_1k);
    if (members.length > 1 && family !== 'single models (zero router)') {
      const path = members
        .map((policy) => `${x(policy.cost_per_1k).toFixed(1)},${y(policy.accuracy).toFixed(1)}`)
        .join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="1.5"/>`);
    }
    for (const policy of members) {
      parts.push(
        `<circle cx="${x(policy.cost_per_1k).toFixed(1)}" cy="${y(policy.accuracy).toFixed(1)}" r="3.5" fill="${colour}"><title>${escapeXml(policy.name)}: ${(policy.accuracy * 100).toFixed(1)}% at $${policy.cost_per_1k.toFixed(3)}</title></circle>`,
      );
    }
    const legendY = margin.top + 10 + index * 18;
    parts.push(
      `<circle cx="${margin.left + plotWidth + 16}" cy="${legendY}" r="4" fill="${colour}"/>`,
      `<text x="${margin.left + plotWidth + 26}" y="${legendY + 4}">${escapeXml(family)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
