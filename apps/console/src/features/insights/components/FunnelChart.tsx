import { useEffect, useRef, useState } from 'react';
import * as Plot from '@observablehq/plot';
import { useI18n } from '../../../i18n/i18n';
import type { FunnelCounts } from '../api/insights';
import { useFunnelRows } from './funnel-rows';

/** A token's value: Plot takes colours as values, not CSS variables. */
function token(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** 0, 1, 10, 100, … up to the largest count: the ticks a logarithmic axis can label without crowding. */
function powersOfTen(max: number): number[] {
  const ticks = [0];
  for (let tick = 1; tick <= max; tick *= 10) ticks.push(tick);
  return ticks;
}

/**
 * The funnel as horizontal bars on a logarithmic axis (symlog, so 0 stays 0), one per step, each
 * labelled with its count and its share of the step before — so the numbers are read, not the
 * colour or the length; the table beside it has the same figures.
 */
export function FunnelChart({ counts }: { counts: FunnelCounts }) {
  const { t, number } = useI18n();
  const rows = useFunnelRows(counts);
  const container = useRef<HTMLDivElement>(null);
  const width = 720;

  const [available, setAvailable] = useState(width);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setAvailable(Math.round(element.clientWidth) || width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const primary = token('--pm-color-primary', '#1f4e79');
    const muted = token('--pm-color-primary-light', '#dbe7f3');
    const text = token('--pm-color-text', '#1a1a1a');
    const max = Math.max(1, ...rows.map((row) => row.pairs));
    const chart = Plot.plot({
      width: Math.min(width, available),
      height: rows.length * 44 + 40,
      marginLeft: available < 480 ? 150 : 210,
      marginRight: available < 480 ? 80 : 110,
      // Each step is usually a small share of the one before: on a linear axis every bar after the first would vanish.
      x: { type: 'symlog', domain: [0, max], label: t('insights.axis'), grid: true, ticks: powersOfTen(max), tickFormat: (value: number) => number(value) },
      y: { domain: rows.map((row) => row.label), label: null },
      style: { color: text, fontSize: '14px', background: 'transparent' },
      ariaLabel: t('insights.chartLabel'),
      ariaDescription: t('insights.chartDescription', { suggested: number(counts.steps[0]?.pairs ?? 0), collaborating: number(counts.steps.at(-1)?.pairs ?? 0) }),
      marks: [
        // Step names wrap within the left margin (ems of 14 px): on a phone they were cut off.
        Plot.axisY({ lineWidth: (available < 480 ? 150 : 210) / 14 - 1, tickSize: 0, label: null }),
        Plot.barX(rows, { y: 'label', x: 'pairs', fill: (row: (typeof rows)[number]) => (row.part ? muted : primary), stroke: primary, insetTop: 6, insetBottom: 6 }),
        Plot.text(rows, { y: 'label', x: 'pairs', text: 'caption', textAnchor: 'start', dx: 6, fill: text }),
        Plot.ruleX([0], { stroke: text }),
      ],
    });
    // One image with its label and description: Plot's labels on its inner groups are not allowed there (axe: aria-prohibited-attr).
    chart.setAttribute('role', 'img');
    for (const group of chart.querySelectorAll('g[aria-label]')) {
      group.setAttribute('data-mark', group.getAttribute('aria-label')!);
      group.removeAttribute('aria-label');
    }
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [rows, counts, t, number, available]);

  return <div ref={container} className="pm-funnel-chart" />;
}
