import { Module } from '@nestjs/common';
import { EmbeddedPostgres } from './embedded-postgres';

/** Holds the one embedded database of the process, shared by TypeORM and shutdown. */
@Module({ providers: [EmbeddedPostgres], exports: [EmbeddedPostgres] })
export class EmbeddedPostgresModule {}
