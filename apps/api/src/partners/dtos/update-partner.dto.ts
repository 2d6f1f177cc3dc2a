import { OmitType, PartialType } from '@nestjs/swagger';
import { CreatePartnerDto } from './create-partner.dto';

/**
 * Any subset of the partner's fields; the slug stays as it was so links keep working. A
 * field left out is kept; null is refused except where the field can be null (website,
 * contactEmail: null clears them). Plain PartialType would skip every rule for null.
 * allowSimilarName is about choosing a slug, which only creation does.
 */
export class UpdatePartnerDto extends PartialType(OmitType(CreatePartnerDto, ['allowSimilarName'] as const), { skipNullProperties: false }) {}
