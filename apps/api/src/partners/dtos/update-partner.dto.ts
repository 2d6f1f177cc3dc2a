import { PartialType } from '@nestjs/swagger';
import { CreatePartnerDto } from './create-partner.dto';

/** Any subset of the partner's fields; the slug stays as it was so links keep working. */
export class UpdatePartnerDto extends PartialType(CreatePartnerDto) {}
