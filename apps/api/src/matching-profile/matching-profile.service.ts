import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import {
  buildMatchContext,
  componentsReference,
  DEFAULT_MATCHING_PROFILE,
  jsonText,
  runAnalysis,
  suggestWeights,
  validateKennisdelenProfile,
  validateMatchingProfile,
  WEIGHT_SUGGESTION_MIN_PER_KIND,
  type AppearanceShift,
  type LabelledDecision,
} from '@app/matching';
import {
  FeedbackRepository,
  MatchRepository,
  PartnerRepository,
  SuggestionRepository,
  type KennisdelenProfileSettings,
  type MatchingProfileSettings,
  type MatchStatus,
} from '@app/persistence';
import { ActiveKennisdelenProfileService, ActiveMatchingProfileService, MatchInputsService, MatchingRunsService } from '@app/suggestions';
import { PartnerRefDto } from '../common/partner-ref.dto';
import { MatchingRunDto } from '../matching-runs/dtos/matching-run.dto';
import { MatchingProfileActivationDto, MatchingProfileDto, MatchingProfilePreviewDto, settingsOf, type PartnerShiftDto } from './dtos/matching-profile.dto';
import type { MatchingProfileSettingsDto, SaveMatchingProfileDto } from './dtos/matching-profile-settings.dto';
import { KennisdelenProfileDto, type KennisdelenProfileActivationDto, type SaveKennisdelenProfileDto } from './dtos/kennisdelen-profile.dto';
import type { WeightSuggestionDto } from './dtos/weight-suggestion.dto';

/** The server assigns versions on save; a proposal is checked and scored under this stand-in. */
const PROPOSED_VERSION = DEFAULT_MATCHING_PROFILE.version;
const TOP = 10;
/** The team's and partners' decisions as labels for the suggested weights; pending says nothing. */
const POSITIVE_STATUSES: readonly MatchStatus[] = ['approved', 'introduced', 'collaborating'];
const NEGATIVE_STATUSES: readonly MatchStatus[] = ['rejected', 'declined'];

@Injectable()
export class MatchingProfileService {
  constructor(
    private readonly matchingRuns: MatchingRunsService,
    private readonly inputs: MatchInputsService,
    private readonly suggestions: SuggestionRepository,
    private readonly partners: PartnerRepository,
    private readonly matches: MatchRepository,
    private readonly feedback: FeedbackRepository,
    private readonly activeProfile: ActiveMatchingProfileService,
    private readonly kennisdelenProfile: ActiveKennisdelenProfileService,
  ) {}

  /**
   * Weights fitted on the decisions (see `suggestWeights`), never applied. Each decided pair's
   * team status is one decision (approved, introduced, collaborating: positive; rejected,
   * declined: negative) and each partner's answer another (interested: positive; not relevant:
   * negative). Components are computed now, from today's partners and connections under the
   * active profile; decisions about a removed partner are left out.
   */
  async suggest(): Promise<WeightSuggestionDto> {
    const active = await this.activeProfile.current();
    const { profiles, options } = await this.inputs.load(undefined, active);
    const byId = new Map(profiles.map((profile) => [profile.id, profile]));
    const context = buildMatchContext({ profile: active, connections: options.connections });
    const [pairs, answers] = await Promise.all([this.matches.pairsWithStatus([...POSITIVE_STATUSES, ...NEGATIVE_STATUSES]), this.feedback.allVerdicts()]);
    const decisions: LabelledDecision[] = [];
    const add = (from: string, to: string, positive: boolean) => {
      const [a, b] = [byId.get(from), byId.get(to)];
      if (a && b) decisions.push({ components: componentsReference(a, b, context), positive });
    };
    for (const pair of pairs) add(pair.a, pair.b, POSITIVE_STATUSES.includes(pair.status));
    for (const answer of answers) add(answer.partnerId, answer.candidateId, answer.verdict === 'interested');
    const outcome = suggestWeights(decisions, active);
    if (!outcome.ok) {
      const { decisions: counts, needed } = outcome;
      const missing = [
        ...(needed.positive > 0 ? [`${needed.positive} more positive`] : []),
        ...(needed.negative > 0 ? [`${needed.negative} more negative`] : []),
      ].join(' and ');
      throw DomainException.insufficientData(
        `Too few decisions to learn weights from: ${counts.positive} positive and ${counts.negative} negative, at least ${WEIGHT_SUGGESTION_MIN_PER_KIND} of each are needed (${missing})`,
        [
          ...(needed.positive > 0 ? [{ field: 'decisions.positive', message: `${needed.positive} more needed (at least ${WEIGHT_SUGGESTION_MIN_PER_KIND})`, value: counts.positive }] : []),
          ...(needed.negative > 0 ? [{ field: 'decisions.negative', message: `${needed.negative} more needed (at least ${WEIGHT_SUGGESTION_MIN_PER_KIND})`, value: counts.negative }] : []),
        ],
      );
    }
    const { suggestion } = outcome;
    return {
      basedOnVersion: active.version,
      proposed: { ...settingsOf(active), weights: suggestion.weights },
      currentWeights: active.weights,
      decisions: suggestion.decisions,
      auc: suggestion.auc,
      coefficients: suggestion.coefficients,
      constant: suggestion.constant,
    };
  }

  /** Stores the settings as the next version and starts the run that applies it. */
  async activate(body: SaveMatchingProfileDto): Promise<MatchingProfileActivationDto> {
    const settings = checkedSettings(body);
    if (body.version !== undefined) assertReadAtActiveVersion(body.version, (await this.activeProfile.current()).version);
    const { profile, run } = await this.matchingRuns.activateProfile(settings, body.note ?? null);
    return { purpose: 'samenwerken', profile: MatchingProfileDto.from(profile), run: MatchingRunDto.from(run) };
  }

  /** The same for the kennisdelen profile: its next version, and the full run that applies it. */
  async activateKennisdelen(body: SaveKennisdelenProfileDto): Promise<KennisdelenProfileActivationDto> {
    const settings = checkedKennisdelenSettings(body);
    if (body.version !== undefined) assertReadAtActiveVersion(body.version, (await this.kennisdelenProfile.current()).version);
    const { profile, run } = await this.matchingRuns.activateKennisdelenProfile(settings, body.note ?? null);
    return { purpose: 'kennisdelen', profile: KennisdelenProfileDto.from(profile), run: MatchingRunDto.from(run) };
  }

  /** Every partner's list under the proposed settings, compared with the stored lists. */
  async preview(body: MatchingProfileSettingsDto): Promise<MatchingProfilePreviewDto> {
    const profile = { ...checkedSettings(body), version: PROPOSED_VERSION };
    const runId = await this.suggestions.activeRunId();
    // Ranking every partner takes seconds to a minute: off this event loop, which serves every
    // other request. The inputs come as JSON text the thread parses, so this loop neither parses
    // nor copies 10,000s of rows.
    const [inputs, today] = await Promise.all([this.inputs.loadAsText(), runId ? this.suggestions.candidateIdListsJson(runId) : '{}']);
    const openIntroductions = profile.maxOpenIntroductions != null ? await this.matches.openIntroductionCounts() : undefined;
    const comparison = await runAnalysis('preview', { ...inputs, profile, today: jsonText(today), top: TOP, openIntroductions });
    const named = new Map((await this.partners.findByIds([...comparison.gainers, ...comparison.losers].map((shift) => shift.id))).map((p) => [p.id, p]));
    const describe = (shifts: AppearanceShift[]): PartnerShiftDto[] =>
      shifts.flatMap(({ id, before, after }) => {
        const partner = named.get(id);
        return partner ? [{ partner: PartnerRefDto.from(partner), before, after, change: after - before }] : [];
      });
    return {
      runId,
      partnersCompared: comparison.listsCompared,
      changedLists: comparison.changedLists,
      meanOverlapAt10: comparison.meanOverlap,
      gainers: describe(comparison.gainers),
      losers: describe(comparison.losers),
    };
  }
}

/**
 * A body sent back as GET answered it names the version it was read at: still the active
 * one, it is saved (as the next version); another save since then is a 409, so nobody
 * overwrites a colleague's change unseen.
 */
function assertReadAtActiveVersion(readAt: number, active: number): void {
  if (readAt === active) return;
  if (readAt < active) {
    throw new DomainException('conflict', `the profile was read at version ${readAt}, but version ${active} was saved since; read it again and redo the change`, [
      { field: 'version', message: `version ${readAt} is no longer the active version (${active})`, value: readAt },
    ]);
  }
  throw DomainException.validation([
    { field: 'version', message: `version must be the active version (${active}) the profile was read at, or left out: the server numbers new versions`, value: readAt },
  ]);
}

/**
 * The settings of a body, checked as the core checks every profile: the validation pipe has
 * checked the shape, this adds what a DTO cannot say (the sector table, weights not all 0).
 */
function checkedSettings(body: MatchingProfileSettingsDto): MatchingProfileSettings {
  const settings: MatchingProfileSettings = {
    weights: { ...body.weights },
    sectorAffinity: body.sectorAffinity,
    regionHalfDistanceKm: body.regionHalfDistanceKm,
    nationalReach: body.nationalReach,
    regionalReach: body.regionalReach,
    leefdomeinenCoverage: body.leefdomeinenCoverage,
    k: body.k,
    diversity: body.diversity,
    maxTopPlaces: body.maxTopPlaces ?? null,
    maxOpenIntroductions: body.maxOpenIntroductions ?? null,
  };
  const errors = validateMatchingProfile({ ...settings, version: PROPOSED_VERSION });
  if (errors.length > 0) {
    throw DomainException.validation(errors.map(({ field, message }) => ({ field, message: `${field} ${message}`, value: valueAt(body, field) })));
  }
  return settings;
}

/** A kennisdelen body's settings, checked by validateKennisdelenProfile (weights not all 0, besides the shape). */
function checkedKennisdelenSettings(body: SaveKennisdelenProfileDto): KennisdelenProfileSettings {
  const settings: KennisdelenProfileSettings = { weights: { ...body.weights }, crossSectorPeers: body.crossSectorPeers, k: body.k };
  const errors = validateKennisdelenProfile({ ...settings, version: PROPOSED_VERSION, purpose: 'kennisdelen' });
  if (errors.length > 0) {
    throw DomainException.validation(errors.map(({ field, message }) => ({ field, message: `${field} ${message}`, value: valueAt(body, field) })));
  }
  return settings;
}

function valueAt(body: object, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body);
}
