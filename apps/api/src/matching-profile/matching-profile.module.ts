import { Module } from '@nestjs/common';
import { MatchingProfileController } from './matching-profile.controller';
import { MatchingProfileService } from './matching-profile.service';

@Module({ controllers: [MatchingProfileController], providers: [MatchingProfileService] })
export class MatchingProfileModule {}
