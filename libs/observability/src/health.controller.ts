import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '@app/errors';
import type { Response } from 'express';
import { RedisHealthService } from './redis-health.service';

/** Long enough for the embedded PGlite's single connection to finish the query ahead of the probe. */
const CHECK_TIMEOUT_MS = 2_000;

/** Probes for orchestrators; the 503 keeps terminus's report rather than a problem. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (checks no dependency)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL, and Redis when the queue runs on it, answer; 503 names what does not, or says it is shutting down' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS })];
    if (this.redis.inUse) checks.push(() => this.redis.pingCheck('redis', CHECK_TIMEOUT_MS));
    try {
      return await this.health.check(checks);
    } catch (error) {
      // The API's problem-details filter would turn terminus's exception into a body without the report.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
