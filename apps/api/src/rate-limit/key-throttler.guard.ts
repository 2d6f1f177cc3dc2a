import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { PUBLIC_KEY } from '../auth/access.decorators';
import { callerOf } from '../auth/caller';

/**
 * One budget per API key across all routes; runs after the key guard, which has named the
 * caller. Public routes (probes, the widget's files) are not counted.
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
  }

  protected async getTracker(request: Request): Promise<string> {
    return `key:${callerOf(request)?.id ?? request.ip}`;
  }

  protected generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
