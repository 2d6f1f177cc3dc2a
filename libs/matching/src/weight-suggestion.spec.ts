import { DEFAULT_MATCHING_PROFILE, weightSum } from './matching-profile';
import { mulberry32 } from './synthetic';
import { COMPONENT_NAMES, type ComponentName, type ComponentScores } from './types';
import { areaUnderCurve, suggestWeights, WEIGHT_SUGGESTION_MIN_PER_KIND, type LabelledDecision } from './weight-suggestion';

/** Decisions drawn from a logistic model of Σ wᵢ·cᵢ with components uniform in [0, 1]. */
function decisionsFrom(weights: Record<ComponentName, number>, count: number, seed: number, sharpness = 14): LabelledDecision[] {
  const random = mulberry32(seed);
  const total = COMPONENT_NAMES.reduce((sum, name) => sum + weights[name], 0);
  return Array.from({ length: count }, () => {
    const components = Object.fromEntries(COMPONENT_NAMES.map((name) => [name, random()])) as ComponentScores;
    const score = COMPONENT_NAMES.reduce((sum, name) => sum + weights[name] * components[name], 0) / total;
    const p = 1 / (1 + Math.exp(-sharpness * (score - 0.5)));
    return { components, positive: random() < p };
  });
}

describe('areaUnderCurve', () => {
  it('is the share of positive–negative pairs ordered right, ties counting half', () => {
    // Positives 0.9, 0.4; negatives 0.5, 0.1: 3 of 4 pairs right.
    expect(areaUnderCurve([0.9, 0.5, 0.4, 0.1], [true, false, true, false])).toBe(0.75);
    expect(areaUnderCurve([0.5, 0.5], [true, false])).toBe(0.5);
    expect(areaUnderCurve([1, 0], [true, false])).toBe(1);
  });
});

describe('suggestWeights', () => {
  const truth = { opgaven: 0.4, leefdomeinen: 0.05, sector: 0.2, region: 0.3, reciprocity: 0.05, network: 0 };

  it('recovers the weights the decisions were drawn from, within 0.05 each', () => {
    const outcome = suggestWeights(decisionsFrom(truth, 1500, 7), DEFAULT_MATCHING_PROFILE);
    if (!outcome.ok) throw new Error('expected a suggestion');
    const { weights, auc, decisions } = outcome.suggestion;
    // Today's weights add up to 1, like these.
    expect(COMPONENT_NAMES.reduce((sum, name) => sum + weights[name], 0)).toBeCloseTo(1, 3);
    for (const name of COMPONENT_NAMES) {
      expect({ name, off: Math.abs(weights[name] - truth[name]) <= 0.05 }).toEqual({ name, off: true });
      expect(weights[name]).toBeGreaterThanOrEqual(0);
    }
    expect(decisions.positive + decisions.negative).toBe(1500);
    // The proposed weights order held-out decisions better than today's (which weigh leefdomeinen and reciprocity).
    expect(auc.proposed).toBeGreaterThan(auc.current);
    expect(auc.folds).toBe(5);
  });

  it('keeps today\'s weight for a component that never varies, and clips negative coefficients to 0', () => {
    const decisions = decisionsFrom({ ...truth, reciprocity: 0 }, 600, 3).map((d) => ({
      positive: d.positive,
      // network constant; reciprocity works against a positive decision.
      components: { ...d.components, network: 0, reciprocity: d.positive ? d.components.reciprocity * 0.5 : 0.5 + d.components.reciprocity * 0.5 },
    }));
    const today = { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.1 } };
    const outcome = suggestWeights(decisions, today);
    if (!outcome.ok) throw new Error('expected a suggestion');
    expect(outcome.suggestion.constant).toEqual(['network']);
    expect(outcome.suggestion.weights.network).toBe(0.1);
    expect(outcome.suggestion.coefficients.reciprocity).toBeLessThan(0);
    expect(outcome.suggestion.weights.reciprocity).toBe(0);
    // The fitted ones share the rest of today's sum (Σw − the constant network's 0.1).
    expect(COMPONENT_NAMES.filter((name) => name !== 'network').reduce((sum, name) => sum + outcome.suggestion.weights[name], 0)).toBeCloseTo(weightSum(today) - 0.1, 3);
  });

  it('answers how many more decisions of each kind are needed below the minimum', () => {
    const decisions = decisionsFrom(truth, 200, 5);
    const positives = decisions.filter((d) => d.positive).slice(0, 12);
    const negatives = decisions.filter((d) => !d.positive).slice(0, 40);
    expect(suggestWeights([...positives, ...negatives], DEFAULT_MATCHING_PROFILE)).toEqual({
      ok: false,
      decisions: { positive: 12, negative: 40 },
      needed: { positive: WEIGHT_SUGGESTION_MIN_PER_KIND - 12, negative: 0 },
    });
    expect(suggestWeights([], DEFAULT_MATCHING_PROFILE)).toMatchObject({ ok: false, needed: { positive: 30, negative: 30 } });
  });

  it('is deterministic', () => {
    const decisions = decisionsFrom(truth, 200, 9);
    expect(suggestWeights(decisions, DEFAULT_MATCHING_PROFILE)).toEqual(suggestWeights(decisions, DEFAULT_MATCHING_PROFILE));
  });
});
