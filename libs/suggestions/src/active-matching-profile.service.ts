import { Injectable } from '@nestjs/common';
import { DEFAULT_MATCHING_PROFILE, type MatchingProfile } from '@app/matching';

/** The matching profile runs use. Versioned profiles edited by the team replace the default here. */
@Injectable()
export class ActiveMatchingProfileService {
  async current(): Promise<MatchingProfile> {
    return DEFAULT_MATCHING_PROFILE;
  }
}
