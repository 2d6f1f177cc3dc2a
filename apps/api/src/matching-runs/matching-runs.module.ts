import { Module } from '@nestjs/common';
import { MatchingRunsController } from './matching-runs.controller';

@Module({ controllers: [MatchingRunsController] })
export class MatchingRunsModule {}
