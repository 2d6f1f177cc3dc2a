import { Module } from '@nestjs/common';
import { GemeentenController } from './gemeenten.controller';
import { GemeentenService } from './gemeenten.service';

@Module({ controllers: [GemeentenController], providers: [GemeentenService] })
export class GemeentenModule {}
