import { ConnectionEntity } from './connection.entity';
import { PartnerEntity } from './partner.entity';
import { SystemStateEntity } from './system-state.entity';

export { ConnectionEntity, PartnerEntity, SystemStateEntity };

export const ENTITIES = [PartnerEntity, ConnectionEntity, SystemStateEntity];
