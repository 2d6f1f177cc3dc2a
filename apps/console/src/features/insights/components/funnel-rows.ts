import { useCallback, useMemo } from 'react';
import { useI18n } from '../../../i18n/i18n';
import type { FunnelCounts } from '../api/insights';

export interface FunnelRow {
  key: string;
  label: string;
  pairs: number;
  recorded: number | null;
  rate: number | null;
  /** A part of the step before (both sides interested), not a step of its own. */
  part: boolean;
  caption: string;
}

/** The chart's and the table's rows: the steps, with "both sides interested" after "interested". */
export function useFunnelRows(counts: FunnelCounts): FunnelRow[] {
  const { t, number } = useI18n();
  const share = useShare();
  return useMemo(() => {
    const rate = (value: number | null) => (value === null ? '' : ` (${share(value)})`);
    return counts.steps.flatMap((step: FunnelCounts['steps'][number]) => {
      const row: FunnelRow = { key: step.step, label: t(`funnel.${step.step}` as const), pairs: step.pairs, recorded: step.recorded, rate: step.rate, part: false, caption: `${number(step.pairs)}${rate(step.rate)}` };
      if (step.step !== 'interested') return [row];
      const both: FunnelRow = {
        key: 'interestedBothSides',
        label: t('funnel.interestedBothSides'),
        pairs: counts.interestedBothSides,
        recorded: null,
        rate: counts.bothSidesRate,
        part: true,
        caption: `${number(counts.interestedBothSides)}${rate(counts.bothSidesRate)}`,
      };
      return [row, both];
    });
  }, [counts, t, number, share]);
}

/** A share as a percentage, with a decimal below 10 % so 5 of 2,643 does not read as 0 %. */
export function useShare() {
  const { percent } = useI18n();
  return useCallback((value: number) => percent(value, value > 0 && value < 0.1 ? 1 : 0), [percent]);
}
