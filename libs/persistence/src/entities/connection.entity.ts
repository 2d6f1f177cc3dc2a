import { Entity, Unique } from 'typeorm';
import { PartnerPair } from './partner-pair';

/** An existing collaboration between two partners. */
@Entity({ name: 'connection' })
@Unique('connection_pair_unique', ['partnerAId', 'partnerBId'])
export class ConnectionEntity extends PartnerPair {}
