import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { tap, type Observable } from 'rxjs';
import { callerOf } from '../auth/caller';
import { ImpressionRecorder } from './impression-recorder.service';

/**
 * On a partner's list route: the list a partner read itself counts as shown to it — through
 * its console pages ("Voor jou", a session cookie) or its own key (`api`). The team's reads of
 * the same route (the review, partner pages, exports) show nothing to the partner and are not
 * recorded.
 */
@Injectable()
export class RecordImpressionsInterceptor implements NestInterceptor {
  constructor(private readonly recorder: ImpressionRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (callerOf(request)?.role !== 'partner') return next.handle();
    const surface = request.headers.authorization ? 'api' : 'console';
    return next.handle().pipe(
      tap((body) => {
        if (typeof body === 'string') this.recorder.shown(surface, body);
      }),
    );
  }
}
