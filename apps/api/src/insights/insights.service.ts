import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { OUTCOME_ANSWERS } from '@app/mail';
import { FUNNEL_STEPS, FunnelRepository, type FunnelCounts } from '@app/persistence';
import { mergeGemeenteFilters } from '../common/gemeente-filter';
import { outcomeNote } from '../mail/outcome-notes';
import type { FunnelCountsDto, FunnelDto, FunnelQueryDto } from './dtos/funnel.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Follow-up answers that mean the partners have at least talked. */
const TALKED = OUTCOME_ANSWERS.filter((answer) => answer === 'talked' || answer === 'planning' || answer === 'collaborating');

@Injectable()
export class InsightsService {
  constructor(private readonly funnels: FunnelRepository) {}

  async funnel(query: FunnelQueryDto): Promise<FunnelDto> {
    if (query.from && query.to && query.from > query.to) {
      throw DomainException.validation([{ field: 'to', message: 'to must be on or after from', value: query.to }]);
    }
    const rows = await this.funnels.count({
      purpose: query.purpose,
      from: query.from ? new Date(`${query.from}T00:00:00Z`) : null,
      before: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) : null,
      sector: query.sector ?? null,
      gemeenten: mergeGemeenteFilters(undefined, query.province) ?? null,
      talkedNotes: TALKED.map(outcomeNote),
    });
    return {
      filters: { from: query.from ?? null, to: query.to ?? null, province: query.province ?? null, sector: query.sector ?? null, purpose: query.purpose },
      ...toDto(rows.total),
      bySectorPair: rows.bySectorPair.map((pair) => ({ sectors: pair.sectors, ...toDto(pair) })),
    };
  }
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function toDto(counts: FunnelCounts): FunnelCountsDto {
  const steps = FUNNEL_STEPS.map((step, index) => ({
    step,
    pairs: counts.reached[step],
    recorded: counts.recorded[step],
    rate: index === 0 ? null : rate(counts.reached[step], counts.reached[FUNNEL_STEPS[index - 1]!]),
  }));
  return { steps, interestedBothSides: counts.interestedBothSides, bothSidesRate: rate(counts.interestedBothSides, counts.reached.interested) };
}
