import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { PartnerExportDto } from './partner-export.dto';
import { PrivacyService } from './privacy.service';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';

@ApiTags('privacy')
@Roles('team', 'partner')
@OwnPartnerOnly()
@Controller('v1/partners/:idOrSlug/export')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  /**
   * Everything held about the partner (AVG/GDPR right of access): its profile with private
   * fields, connections, the pairs it is in with the team's decisions and their history, the
   * feedback given by and about it, and its current suggestions.
   */
  @Get()
  @ApiParam({ name: 'idOrSlug', description: 'The partner uuid or its slug' })
  @ApiOkResponse({ type: PartnerExportDto })
  @ApiProblems(404)
  export(@Param('idOrSlug') idOrSlug: string): Promise<PartnerExportDto> {
    return this.privacy.export(idOrSlug);
  }
}
