import { ApiProperty } from '@nestjs/swagger';
import { COMPONENT_NAMES, type ComponentName } from '@app/matching';
import { ComponentWeightsDto, MatchingProfileSettingsDto } from './matching-profile-settings.dto';

export class DecisionCountsDto {
  /** Pairs the team approved, introduced or that started collaborating, and partners' "interested" answers. */
  positive: number;
  /** Pairs the team rejected or the partners declined, and partners' "not relevant" (not for us) answers. */
  negative: number;
}

export class HeldOutAucDto {
  /** AUC of today's weights on the held-out decisions. */
  current: number;
  /** AUC of weights fitted without them. */
  proposed: number;
  /** Stratified folds: each decision is held out once. */
  folds: number;
}

/** Weights learnt from the decisions, beside today's; nothing is saved or applied. */
export class WeightSuggestionDto {
  /** Version of the active profile the proposal starts from. */
  basedOnVersion: number;
  /** Today's settings with the proposed weights: what PUT /v1/matching/profile (or the preview) would take. */
  proposed: MatchingProfileSettingsDto;
  /** Today's weights, to show beside the proposal. */
  currentWeights: ComponentWeightsDto;
  /** Decisions used (each pair's team status and each partner's answer count once). */
  decisions: DecisionCountsDto;
  auc: HeldOutAucDto;
  /** Logistic-regression coefficient per component, on the standardised component: sign and strength of its evidence. */
  coefficients: ComponentWeightsDto;
  /** Components equal in every decision: nothing to learn from, so they keep today's weight. */
  @ApiProperty({ enum: COMPONENT_NAMES, isArray: true })
  constant: ComponentName[];
}
