import type { MatchStatus } from '@app/persistence';
import type { SuggestionView } from './dtos/list-suggestions-query.dto';

/**
 * Which pairs a list shows. Rejected and declined pairs are never computed, and
 * collaborating ones are connections, so neither view can contain them.
 */
export function visibleStatuses(view: SuggestionView, reviewRequired: boolean): MatchStatus[] {
  if (view === 'partner' && reviewRequired) return ['approved', 'introduced'];
  return ['pending', 'approved', 'introduced'];
}
