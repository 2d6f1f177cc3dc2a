import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService, type HealthReport } from './health.service';

const DEPENDENCY = { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } }, required: ['status'] };
const DEPENDENCIES = { type: 'object', additionalProperties: DEPENDENCY };
const REPORT = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ok', 'error'] }, info: DEPENDENCIES, error: DEPENDENCIES, details: DEPENDENCIES },
  required: ['status', 'info', 'error', 'details'],
  example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } },
};

/** Probes for orchestrators; the 503 keeps the terminus-style report rather than a problem. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (checks no dependency)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL, and Redis when the queue runs on it, answer' })
  @ApiOkResponse({ description: 'Every dependency is up', schema: REPORT })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `error` names it', schema: REPORT })
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.readiness();
    if (report.status === 'error') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
