import { Injectable, UnsupportedMediaTypeException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A body sent to a JSON route must be JSON. Express leaves other bodies unread, so a PATCH
 * sent as text/plain would succeed as an empty change and quietly drop what the caller meant
 * to store; 415 instead. Routes that name what they consume (@ApiConsumes: the CSV upload)
 * check their own input and say which part is missing.
 */
@Injectable()
export class BodyMediaTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const readsJson = Reflect.getMetadata(DECORATORS.API_CONSUMES, context.getHandler()) === undefined;
    // Clients send POSTs without a body with Content-Length: 0 and no type; that is no body.
    const hasContent = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
    if (readsJson && WRITE_METHODS.has(request.method) && hasContent && !request.is('application/json')) {
      throw new UnsupportedMediaTypeException(`send the body as application/json, not ${request.headers['content-type'] ?? 'without a content type'}`);
    }
    return next.handle();
  }
}
