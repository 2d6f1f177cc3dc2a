import { Injectable } from '@nestjs/common';
import { coalitionArea, gemeenteGaps, jsonText, nationalCoverage, runAnalysis } from '@app/matching';
import { ConnectionRepository, PartnerRepository } from '@app/persistence';
import { ActiveMatchingProfileService, toPartnerProfile } from '@app/suggestions';
import { findGemeente, GEMEENTE_CODES, gemeentenInProvince } from '@app/taxonomy';
import { DomainException } from '@app/errors';
import { CoalitionDto, type CoalitionQueryDto } from './dtos/coalition.dto';
import { GapClosersDto, type GapClosersQueryDto } from './dtos/gap-closers.dto';
import { GapsRankingItemDto, GemeenteGapsDto, type GapsRankingDto, type GapsRankingQueryDto } from './dtos/gaps.dto';

const GEMEENTE_CODE_FORM = /^GM\d{4}$/i;

/**
 * Coalitions and gaps per gemeente: loads only the partners working there (or nearby, or
 * nationally). The searches and rankings run on the core's analysis thread, off the event loop.
 */
@Injectable()
export class GemeentenService {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly connections: ConnectionRepository,
    private readonly matchingProfile: ActiveMatchingProfileService,
  ) {}

  /**
   * Pair scores use the active matching profile. Connections are loaded only when its network
   * weight counts; connected pairs may be in one coalition (they already work together).
   */
  async coalition(code: string, query: CoalitionQueryDto): Promise<CoalitionDto> {
    const gemeente = this.gemeenteCode(code);
    const profile = await this.matchingProfile.current();
    const rows = await this.partners.takingPartIn({ gemeenten: coalitionArea(gemeente), national: true });
    const connections = profile.weights.network > 0 ? await this.connections.pairsOf(rows.map((row) => row.id)) : [];
    const profiles = rows.map((row) => ({ ...toPartnerProfile(row), kennisbronnen: row.kennisbronnen }));
    const coalition = await runAnalysis('coalition', { gemeente, partners: profiles, options: { size: query.size, profile, connections } });
    const members = await this.partners.findByIds(coalition.members.map((member) => member.partnerId));
    return CoalitionDto.from(coalition, new Map(members.map((partner) => [partner.id, partner])), query.lang, profile.version);
  }

  async gaps(code: string): Promise<GemeenteGapsDto> {
    const gemeente = this.gemeenteCode(code);
    const rows = await this.partners.takingPartIn({ gemeenten: [gemeente], national: true });
    return GemeenteGapsDto.from(gemeenteGaps(gemeente, rows), nationalCoverage(rows));
  }

  /**
   * Partners that would cover the gemeente's uncovered leefdomeinen and opgaven, ranked by the
   * core (`rankGapClosers`); only the page's partners are loaded in full.
   */
  async gapClosers(code: string, query: GapClosersQueryDto): Promise<GapClosersDto> {
    const gemeente = this.gemeenteCode(code, { malformed: 'refuse' });
    const rows = await this.partners.takingPartIn({ gemeenten: coalitionArea(gemeente), national: true });
    const ranked = await runAnalysis('gapClosers', { gemeente, partners: rows });
    const page = ranked.closers.slice(query.offset, query.offset + query.limit);
    const partners = await this.partners.findByIds(page.map((closer) => closer.partnerId));
    return GapClosersDto.from(ranked, new Map(partners.map((partner) => [partner.id, partner])), query);
  }

  /** Ranks every gemeente (of the province) by what its local and regional partners miss. */
  async ranking(query: GapsRankingQueryDto): Promise<GapsRankingDto> {
    const gemeenten = query.province ? gemeentenInProvince(query.province) : GEMEENTE_CODES;
    // Every local partner of the country: as JSON text the thread parses, not rows this loop parses.
    const partners = await this.partners.takingPartInJson({ gemeenten: query.province ? gemeenten : undefined, national: false });
    const ranked = await runAnalysis('gemeentenByGaps', { gemeenten, partners: jsonText(partners) });
    return {
      items: ranked.slice(query.offset, query.offset + query.limit).map((gaps, index) => GapsRankingItemDto.from(gaps, query.offset + index + 1)),
      total: ranked.length,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** `refuse`: a code not of the form GM + 4 digits is a 400 naming `code`, not a 404. */
  private gemeenteCode(code: string, options: { malformed?: 'refuse' } = {}): string {
    if (options.malformed === 'refuse' && !GEMEENTE_CODE_FORM.test(code)) {
      throw DomainException.validation([{ field: 'code', message: 'code must be a CBS gemeentecode: GM followed by 4 digits, e.g. GM0344', value: code }]);
    }
    const gemeente = findGemeente(code.toUpperCase());
    if (!gemeente) throw DomainException.notFound('Gemeente', code, 'code');
    return gemeente.code;
  }
}
