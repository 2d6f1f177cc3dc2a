import { ConnectionEntity } from './connection.entity';
import { MatchingRunEntity } from './matching-run.entity';
import { PartnerEntity } from './partner.entity';
import { SuggestionEntity } from './suggestion.entity';
import { SystemStateEntity } from './system-state.entity';

export * from './matching-run.entity';
export { ConnectionEntity, PartnerEntity, SuggestionEntity, SystemStateEntity };

export const ENTITIES = [PartnerEntity, ConnectionEntity, SystemStateEntity, MatchingRunEntity, SuggestionEntity];
