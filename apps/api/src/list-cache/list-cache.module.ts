import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { OwnWritesInterceptor } from './own-writes.interceptor';
import { SuggestionListCache } from './suggestion-list-cache';

/** The suggestion lists kept in memory, for the partner route and the embed route alike. */
@Module({
  // Global interceptor: every write route of the API, not only the readers', can change a list.
  providers: [SuggestionListCache, { provide: APP_INTERCEPTOR, useClass: OwnWritesInterceptor }],
  exports: [SuggestionListCache],
})
export class ListCacheModule {}
