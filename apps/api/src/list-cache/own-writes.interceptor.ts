import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ListChangeFeed } from '@app/persistence';
import type { Request } from 'express';
import { finalize, type Observable } from 'rxjs';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write answered by this process counts as a change before its response goes out: a
 * client that reads its own decision right after must not get a list kept from before it,
 * and the database's notification of the commit may still be on its way.
 */
@Injectable()
export class OwnWritesInterceptor implements NestInterceptor {
  constructor(private readonly changes: ListChangeFeed) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (context.getType() !== 'http' || READS.has(request.method)) return next.handle();
    return next.handle().pipe(finalize(() => this.changes.changed()));
  }
}
