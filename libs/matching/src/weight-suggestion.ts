import { Matrix } from 'ml-matrix';
import type { MatchingProfile } from './matching-profile';
import { mulberry32 } from './synthetic/random';
import { COMPONENT_NAMES, type ComponentName, type ComponentScores } from './types';

// ml-logistic-regression ships no types: the part of its API used here.
interface LogisticRegressionModel {
  train(features: Matrix, labels: Matrix): void;
  classifiers: { weights: Matrix }[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LogisticRegression: new (options: { numSteps: number; learningRate: number }) => LogisticRegressionModel = require('ml-logistic-regression');

/** A decision on a pair with the pair's component scores: approved, introduced, collaborating, interested are positive. */
export interface LabelledDecision {
  components: ComponentScores;
  positive: boolean;
}

/** Fewer positive or negative decisions than this and no weights are proposed. */
export const WEIGHT_SUGGESTION_MIN_PER_KIND = 30;
export const WEIGHT_SUGGESTION_FOLDS = 5;
/**
 * Gradient ascent on the log-likelihood, which the library sums over the decisions: a step of
 * STEP / n is a step of STEP on the mean. The mean's curvature is at most ¼·λmax of the
 * standardised features' correlation (about ½ here), so 2 is stable; 200 steps give the same
 * weights to 4 decimals as 1,000 on the spec's decisions.
 */
const STEP = 2;
const STEPS = 200;

export interface WeightSuggestion {
  /** Proposed non-negative weights, scaled so they add up to what today's weights add up to. */
  weights: Record<ComponentName, number>;
  decisions: { positive: number; negative: number };
  /** Logistic-regression coefficients per component on the standardised components (0 for a constant one). */
  coefficients: Record<ComponentName, number>;
  /** Components equal in every decision: nothing to learn, so they keep today's weight. */
  constant: ComponentName[];
  /** Area under the ROC curve of Σ wᵢ·cᵢ on held-out decisions (k-fold, stratified), today's weights and proposed ones. */
  auc: { current: number; proposed: number; folds: number };
}

export type WeightSuggestionOutcome = { ok: true; suggestion: WeightSuggestion } | { ok: false; decisions: { positive: number; negative: number }; needed: { positive: number; negative: number } };

/** Mann–Whitney AUC: the chance a random positive scores above a random negative, ties counting half. */
export function areaUnderCurve(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((score, index) => ({ score, positive: positive[index] })).sort((x, y) => x.score - y.score);
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j].score === order[i].score) j++;
    const midRank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) if (order[t].positive) rankSum += midRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const dot = (weights: Record<ComponentName, number>, components: ComponentScores) => COMPONENT_NAMES.reduce((sum, name) => sum + weights[name] * components[name], 0);

/**
 * Weights fitted on the decisions: logistic regression (ml-logistic-regression, with an
 * intercept column) on the z-scored components, coefficients turned back to the raw scale
 * (βᵢ / σᵢ), negatives clipped to 0, and the fitted ones scaled to the share of today's weight
 * sum that the non-constant components hold. Constant components keep today's weight.
 */
function fitWeights(decisions: readonly LabelledDecision[], current: MatchingProfile): Pick<WeightSuggestion, 'weights' | 'coefficients' | 'constant'> {
  const n = decisions.length;
  const mean = {} as Record<ComponentName, number>;
  const sd = {} as Record<ComponentName, number>;
  for (const name of COMPONENT_NAMES) {
    mean[name] = decisions.reduce((sum, d) => sum + d.components[name], 0) / n;
    sd[name] = Math.sqrt(decisions.reduce((sum, d) => sum + (d.components[name] - mean[name]) ** 2, 0) / n);
  }
  const varying = COMPONENT_NAMES.filter((name) => sd[name] > 1e-12);
  const constant = COMPONENT_NAMES.filter((name) => !varying.includes(name));
  const features = new Matrix(decisions.map((d) => [1, ...varying.map((name) => (d.components[name] - mean[name]) / sd[name])]));
  // The library trains one classifier per class, one-vs-all, with the class's own rows as 0:
  // classifier 0 (the negatives' rows → 0) models P(positive).
  const labels = Matrix.columnVector(decisions.map((d) => (d.positive ? 1 : 0)));
  const model = new LogisticRegression({ numSteps: STEPS, learningRate: STEP / n });
  model.train(features, labels);
  const beta = model.classifiers[0].weights.to1DArray().slice(1);
  const coefficients = Object.fromEntries(COMPONENT_NAMES.map((name) => [name, 0])) as Record<ComponentName, number>;
  const raw = { ...coefficients };
  varying.forEach((name, index) => {
    coefficients[name] = beta[index];
    raw[name] = Math.max(0, beta[index] / sd[name]);
  });
  const total = COMPONENT_NAMES.reduce((sum, name) => sum + current.weights[name], 0);
  const kept = constant.reduce((sum, name) => sum + current.weights[name], 0);
  const fittedSum = varying.reduce((sum, name) => sum + raw[name], 0);
  const weights = {} as Record<ComponentName, number>;
  for (const name of COMPONENT_NAMES) {
    if (constant.includes(name)) weights[name] = current.weights[name];
    // Every coefficient ≤ 0: nothing fitted speaks for a component, so the fitted share spreads evenly.
    else weights[name] = fittedSum > 0 ? ((total - kept) * raw[name]) / fittedSum : (total - kept) / varying.length;
  }
  return { weights, coefficients, constant };
}

/**
 * Proposes weights from the decisions, never applying them. Fewer than
 * `WEIGHT_SUGGESTION_MIN_PER_KIND` positive or negative decisions: not ok, with how many more
 * of each are needed. The AUCs come from a stratified k-fold split (seeded: the same decisions
 * give the same answer): each fold scored by weights fitted on the others, and by today's.
 */
export function suggestWeights(decisions: readonly LabelledDecision[], current: MatchingProfile, options: { folds?: number; seed?: number } = {}): WeightSuggestionOutcome {
  const positive = decisions.filter((d) => d.positive).length;
  const counts = { positive, negative: decisions.length - positive };
  const needed = { positive: Math.max(0, WEIGHT_SUGGESTION_MIN_PER_KIND - counts.positive), negative: Math.max(0, WEIGHT_SUGGESTION_MIN_PER_KIND - counts.negative) };
  if (needed.positive > 0 || needed.negative > 0) return { ok: false, decisions: counts, needed };

  const folds = options.folds ?? WEIGHT_SUGGESTION_FOLDS;
  const random = mulberry32(options.seed ?? 1);
  const foldOf = new Int32Array(decisions.length);
  for (const label of [true, false]) {
    const indices = decisions.flatMap((d, index) => (d.positive === label ? [index] : []));
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    indices.forEach((index, position) => (foldOf[index] = position % folds));
  }
  const heldOut = { current: new Array<number>(decisions.length), proposed: new Array<number>(decisions.length) };
  for (let fold = 0; fold < folds; fold++) {
    const fitted = fitWeights(
      decisions.filter((_, index) => foldOf[index] !== fold),
      current,
    );
    decisions.forEach((d, index) => {
      if (foldOf[index] !== fold) return;
      heldOut.proposed[index] = dot(fitted.weights, d.components);
      heldOut.current[index] = dot(current.weights, d.components);
    });
  }
  const labels = decisions.map((d) => d.positive);
  const round = (value: number) => Math.round(value * 1e4) / 1e4;
  const all = fitWeights(decisions, current);
  return {
    ok: true,
    suggestion: {
      weights: Object.fromEntries(COMPONENT_NAMES.map((name) => [name, round(all.weights[name])])) as Record<ComponentName, number>,
      coefficients: Object.fromEntries(COMPONENT_NAMES.map((name) => [name, round(all.coefficients[name])])) as Record<ComponentName, number>,
      constant: all.constant,
      decisions: counts,
      auc: { current: round(areaUnderCurve(heldOut.current, labels)), proposed: round(areaUnderCurve(heldOut.proposed, labels)), folds },
    },
  };
}
