/**
 * The README's smart-start picture: the price curve of a sample series with the window the planner
 * chose, as a small SVG. `npm run docs:figure` rewrites docs/smart-start-plan.svg; a spec checks that
 * the checked-in file is what this script makes, so the picture always shows the planner's real output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { planStart, readSeries, type Plan, type Slot } from '../../src/planner';
import { fixturesDir, repoRoot } from '../support/paths';

export const FIGURE_FILE = path.join(repoRoot, 'docs', 'smart-start-plan.svg');
export const FIGURE_INPUT = {
  prices: path.join(fixturesDir, 'prices', 'tibber-2026-12-08.json'),
  now: Date.parse('2026-12-08T20:00:00+01:00'),
  deadline: Date.parse('2026-12-09T07:00:00+01:00'),
  durationMs: 3 * 3_600_000,
};

const W = 640;
const HGT = 220;
const PAD = { left: 44, right: 12, top: 28, bottom: 34 };

function hhmm(t: number): string {
  // the sample series is in CET (UTC+1); label in that wall time
  const d = new Date(t + 3_600_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

export function planFigureSvg(series: Slot[], plan: Plan, now: number, deadline: number): string {
  const shown = series.filter((s) => s.end > now && s.start < deadline);
  const t0 = now;
  const t1 = deadline;
  const max = Math.max(...shown.map((s) => s.value));
  const min = Math.min(0, ...shown.map((s) => s.value));
  const x = (t: number): number => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + (1 - (v - min) / (max - min)) * (HGT - PAD.top - PAD.bottom);
  const f = (n: number): string => n.toFixed(1);
  const start = Date.parse(plan.start);
  const finish = Date.parse(plan.finish);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${HGT}" viewBox="0 0 ${W} ${HGT}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect width="${W}" height="${HGT}" fill="#fff"/>`);
  parts.push(
    `<rect x="${f(x(start))}" y="${PAD.top}" width="${f(x(finish) - x(start))}" height="${HGT - PAD.top - PAD.bottom}" fill="#cfe8cf"/>`,
  );
  let d = '';
  for (const s of shown) {
    const a = x(Math.max(s.start, t0));
    const b = x(Math.min(s.end, t1));
    d += `${d === '' ? 'M' : 'L'}${f(a)} ${f(y(s.value))} L${f(b)} ${f(y(s.value))} `;
  }
  parts.push(`<path d="${d.trim()}" fill="none" stroke="#1f5fa8" stroke-width="2"/>`);
  parts.push(`<line x1="${PAD.left}" y1="${HGT - PAD.bottom}" x2="${W - PAD.right}" y2="${HGT - PAD.bottom}" stroke="#555"/>`);
  parts.push(`<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${HGT - PAD.bottom}" stroke="#555"/>`);
  for (let t = Math.ceil(t0 / 7_200_000) * 7_200_000; t <= t1; t += 7_200_000) {
    parts.push(`<text x="${f(x(t))}" y="${HGT - PAD.bottom + 14}" text-anchor="middle" fill="#333">${hhmm(t)}</text>`);
  }
  for (const v of [min, (min + max) / 2, max]) {
    parts.push(`<text x="${PAD.left - 4}" y="${f(y(v) + 4)}" text-anchor="end" fill="#333">${v.toFixed(2)}</text>`);
  }
  parts.push(
    `<line x1="${f(x(deadline))}" y1="${PAD.top}" x2="${f(x(deadline))}" y2="${HGT - PAD.bottom}" stroke="#b22" stroke-dasharray="4 3"/>`,
  );
  parts.push(
    `<text x="${PAD.left}" y="16" fill="#222">price per kWh · chosen window ${hhmm(start)}–${hhmm(finish)} · deadline ${hhmm(deadline)} · saves ${plan.savingPercent} % vs. now</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

export function makeFigure(): string {
  const series = readSeries(JSON.parse(fs.readFileSync(FIGURE_INPUT.prices, 'utf8')));
  const plan = planStart({
    series,
    durationMs: FIGURE_INPUT.durationMs,
    deadline: FIGURE_INPUT.deadline,
    now: FIGURE_INPUT.now,
    stepMs: 60_000,
  });
  return planFigureSvg(series, plan, FIGURE_INPUT.now, FIGURE_INPUT.deadline);
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(FIGURE_FILE), { recursive: true });
  fs.writeFileSync(FIGURE_FILE, makeFigure());
  console.log(`written ${path.relative(repoRoot, FIGURE_FILE)}`);
}
