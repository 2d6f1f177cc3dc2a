import { Injectable } from '@nestjs/common';
import { runAnalysis, type CandidateFilter } from '@app/matching';
import { FeedbackRepository, MatchRepository, PartnerRepository, type FeedbackVerdict, type MatchStatus, type PartnerEntity, type SuggestionEntity } from '@app/persistence';
import { ActiveMatchingProfileService, MatchInputsService, PartnerProfilesMirror, type PairsNeverSuggested, type PairsVersion } from '@app/suggestions';

/** One suggestion of a list ranked on demand; `match` is null for a pair no stored list ever held. */
export interface RankedSuggestion {
  suggestion: SuggestionEntity;
  match: { id: string | null; status: MatchStatus };
  feedback: FeedbackVerdict | null;
}

export interface RankedPage {
  items: RankedSuggestion[];
  total: number;
  /** How many places the ranking holds (the profile's k, fewer when fewer candidates pass). */
  searchedDepth: number;
  /** How many candidates passed the filters and were scored. */
  searchedCandidates: number;
}

export interface RankedSearch extends CandidateFilter {
  statuses: readonly MatchStatus[];
  limit: number;
  offset: number;
}

/** Every partner's matching profile and the never-suggested pairs, as last read, with what tells them stale. */
interface CachedInputs {
  partners: PartnerProfilesMirror;
  pairsVersion: PairsVersion;
  pairs: PairsNeverSuggested;
}

/**
 * Filtered lists ranked on demand: filters on the stored list searched only its top k, so
 * `sector=bedrijfsleven&maxDistanceKm=25` found 2 of 20. Here the partner is scored against
 * every candidate that passes the filters, by the core the runs use, with the profile of the
 * active run (the stored lists' profile, so a candidate's score is the same in both lists).
 * The scoring runs on the analysis thread; the inputs are kept in memory and caught up with
 * the partners and pairs written since, so a read costs a few small queries before it.
 */
@Injectable()
export class FilteredSuggestionsService {
  private cached: CachedInputs | null = null;
  private refreshing: Promise<CachedInputs> | null = null;

  constructor(
    private readonly partners: PartnerRepository,
    private readonly inputs: MatchInputsService,
    private readonly matchingProfile: ActiveMatchingProfileService,
    private readonly matches: MatchRepository,
    private readonly feedback: FeedbackRepository,
  ) {}

  async page(runId: string, partner: PartnerEntity, search: RankedSearch): Promise<RankedPage> {
    const [inputs, profile] = await Promise.all([this.currentInputs(), this.matchingProfile.ofRun(runId)]);
    const { sector, opgave, leefdomein, maxDistanceKm, includeNational } = search;
    const ranked = await runAnalysis('filteredList', {
      viewerId: partner.id,
      profiles: [...inputs.partners.profiles.values()],
      options: { profile, ...inputs.pairs },
      filter: { sector, opgave, leefdomein, maxDistanceKm, includeNational },
    });
    const ids = ranked.suggestions.map((suggestion) => suggestion.candidateId);
    const [matches, verdicts] = await Promise.all([this.matches.withCandidates(partner.id, ids), this.feedback.verdictsOf(partner.id)]);
    // As on the stored list: the view's statuses, never a candidate the partner called not
    // relevant. A pair no list held has no match yet: the team has not seen it, so pending.
    const shown = ranked.suggestions.filter(
      (suggestion) => search.statuses.includes(matches.get(suggestion.candidateId)?.status ?? 'pending') && verdicts.get(suggestion.candidateId) !== 'not-relevant',
    );
    const page = shown.slice(search.offset, search.offset + search.limit);
    const candidates = new Map((await this.partners.findByIds(page.map((suggestion) => suggestion.candidateId))).map((candidate) => [candidate.id, candidate]));
    const computedAt = new Date();
    const items = page.flatMap((suggestion): RankedSuggestion[] => {
      const candidate = candidates.get(suggestion.candidateId);
      if (!candidate) return []; // deleted since the inputs were read
      const match = matches.get(suggestion.candidateId);
      return [
        {
          suggestion: {
            runId,
            partnerId: partner.id,
            rank: suggestion.rank,
            candidateId: suggestion.candidateId,
            candidate,
            score: suggestion.score,
            distanceKm: suggestion.distanceKm,
            components: suggestion.components,
            reasons: suggestion.reasons,
            profileVersion: profile.version,
            computedAt,
          } as SuggestionEntity,
          match: match ? { id: match.id, status: match.status } : { id: null, status: 'pending' },
          feedback: verdicts.get(suggestion.candidateId) ?? null,
        },
      ];
    });
    return { items, total: shown.length, searchedDepth: ranked.suggestions.length, searchedCandidates: ranked.searchedCandidates };
  }

  /** One refresh at a time; concurrent reads share it. */
  private currentInputs(): Promise<CachedInputs> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refresh(): Promise<CachedInputs> {
    const cached = this.cached;
    const still = cached ? await this.inputs.pairsStillAt(cached.pairsVersion) : null;
    const pairsVersion = still ?? (await this.inputs.pairsVersion());
    const pairs = still && cached ? cached.pairs : await this.inputs.pairsNeverSuggested();
    const partners = cached?.partners ?? new PartnerProfilesMirror();
    await partners.catchUp(this.partners);
    this.cached = { partners, pairsVersion, pairs };
    return this.cached;
  }
}
