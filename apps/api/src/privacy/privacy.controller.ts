import { Controller, Get, Param } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/api-problems.decorator';
import { OwnPartnerExportDto, PartnerExportDto } from './partner-export.dto';
import { PrivacyService } from './privacy.service';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';

@ApiTags('privacy')
@Roles('team', 'partner')
@OwnPartnerOnly()
@Controller('v1/partners/:idOrSlug/export')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  /**
   * What is held about the partner (AVG/GDPR right of access). A partner key gets its own
   * export (`view: partner`, OwnPartnerExportDto): its profile with private fields, its
   * connections, the suggestions its suggestions view shows, the pairs it was shown with the
   * decisions on them (no notes or actors), and the answers it gave; never pending pairs
   * the review gate keeps from it. Admin and team keys get everything (`view: team`,
   * PartnerExportDto): every pair it is in with the team's notes and actors, feedback given
   * by and about it, its whole current list and how many lists contain it.
   */
  @Get()
  @ApiParam({ name: 'idOrSlug', description: 'The partner uuid or its slug' })
  @ApiExtraModels(OwnPartnerExportDto, PartnerExportDto)
  @ApiOkResponse({
    description: '`view: partner` (OwnPartnerExportDto) for a partner key, `view: team` (PartnerExportDto) for admin and team keys',
    schema: {
      oneOf: [{ $ref: getSchemaPath(OwnPartnerExportDto) }, { $ref: getSchemaPath(PartnerExportDto) }],
      discriminator: {
        propertyName: 'view',
        mapping: { partner: getSchemaPath(OwnPartnerExportDto), team: getSchemaPath(PartnerExportDto) },
      },
    },
  })
  @ApiProblems(404)
  export(@Param('idOrSlug') idOrSlug: string, @CurrentCaller() caller?: Caller): Promise<OwnPartnerExportDto | PartnerExportDto> {
    return this.privacy.export(idOrSlug, caller?.role === 'partner' ? 'partner' : 'team');
  }
}
