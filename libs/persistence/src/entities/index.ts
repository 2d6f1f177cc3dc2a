import { ApiKeyEntity } from './api-key.entity';
import { ConnectionEntity } from './connection.entity';
import { ConsoleSessionEntity } from './console-session.entity';
import { FeedbackEntity } from './feedback.entity';
import { MatchEventEntity } from './match-event.entity';
import { MatchEntity } from './match.entity';
import { MatchingProfileEntity } from './matching-profile.entity';
import { MatchingRunEntity } from './matching-run.entity';
import { PartnerChangeOutboxEntity } from './partner-change-outbox.entity';
import { PartnerEntity } from './partner.entity';
import { SuggestionEntity } from './suggestion.entity';
import { SystemStateEntity } from './system-state.entity';

export * from './api-key.entity';
export * from './console-session.entity';
export * from './feedback.entity';
export * from './match-event.entity';
export * from './match.entity';
export * from './matching-profile.entity';
export * from './matching-run.entity';
export * from './partner-change-outbox.entity';
export { ConnectionEntity, PartnerEntity, SuggestionEntity, SystemStateEntity };

export const ENTITIES = [PartnerEntity, ConnectionEntity, SystemStateEntity, MatchingRunEntity, SuggestionEntity, MatchEntity, MatchEventEntity, FeedbackEntity, MatchingProfileEntity, ApiKeyEntity, PartnerChangeOutboxEntity, ConsoleSessionEntity];
