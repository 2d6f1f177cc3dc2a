import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsService } from './metrics.service';
import { Public } from '../auth/access.decorators';

/** Prometheus text for the scraper; left out of OpenAPI, which describes the JSON API. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.metrics.scrape();
    response.type(this.metrics.contentType);
    return text;
  }
}
