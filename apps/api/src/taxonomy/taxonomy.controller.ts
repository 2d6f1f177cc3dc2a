import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainException } from '@app/errors';
import { findGemeente, taxonomy } from '@app/taxonomy';
import { ApiProblems } from '../problems/api-problems.decorator';
import { GemeenteDto, GemeentenQueryDto, OpgaveDto, TaxonomyDto, TermDto } from './dtos/taxonomy.dto';
import { Roles } from '../auth/access.decorators';

@ApiTags('taxonomy')
@ApiProblems()
@Roles('team', 'partner')
@Controller('v1/taxonomy')
export class TaxonomyController {
  /** The alliance's lists in one document: leefdomeinen, opgaven, sectors, kennisbronnen, verandertheorie, provinces and gemeenten. */
  @Get()
  @ApiOkResponse({ type: TaxonomyDto })
  all(): TaxonomyDto {
    return taxonomy;
  }

  /** The 8 life domains of the child. */
  @Get('leefdomeinen')
  @ApiOkResponse({ type: [TermDto] })
  leefdomeinen(): TermDto[] {
    return taxonomy.leefdomeinen;
  }

  /** The network's 10 opgaven; provisional titles are marked. */
  @Get('opgaven')
  @ApiOkResponse({ type: [OpgaveDto] })
  opgaven(): OpgaveDto[] {
    return taxonomy.opgaven;
  }

  /** The eight sectors a partner belongs to, with Dutch and English labels. */
  @Get('sectors')
  @ApiOkResponse({ type: [TermDto] })
  sectors(): TermDto[] {
    return taxonomy.sectors;
  }

  /** Kinds of knowledge: science, practice, lived experience. */
  @Get('kennisbronnen')
  @ApiOkResponse({ type: [TermDto] })
  kennisbronnen(): TermDto[] {
    return taxonomy.kennisbronnen;
  }

  /** The verandertheorie's three levels ("de drie V's"): verzachten, versterken, veranderen. */
  @Get('verandertheorie')
  @ApiOkResponse({ type: [TermDto] })
  verandertheorie(): TermDto[] {
    return taxonomy.verandertheorie;
  }

  /** The twelve provinces (CBS codes `PV20`-`PV31`), with their names. */
  @Get('provinces')
  @ApiOkResponse({ type: [TermDto] })
  provinces(): TermDto[] {
    return taxonomy.provinces;
  }

  /** All Dutch gemeenten with centroid and neighbours, optionally of one province. */
  @Get('gemeenten')
  @ApiOkResponse({ type: [GemeenteDto] })
  @ApiProblems(400)
  gemeenten(@Query() query: GemeentenQueryDto): GemeenteDto[] {
    return query.province ? taxonomy.gemeenten.filter((gemeente) => gemeente.province === query.province) : taxonomy.gemeenten;
  }

  /** One gemeente by CBS code (`GM0363`): name, province, centroid and neighbouring gemeenten. */
  @Get('gemeenten/:code')
  @ApiOkResponse({ type: GemeenteDto })
  @ApiProblems(404)
  gemeente(@Param('code') code: string): GemeenteDto {
    const gemeente = findGemeente(code.toUpperCase());
    if (!gemeente) throw DomainException.notFound('Gemeente', code);
    return gemeente;
  }
}
