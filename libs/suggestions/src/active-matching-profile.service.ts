import { Injectable } from '@nestjs/common';
import { DEFAULT_MATCHING_PROFILE, type MatchingProfile } from '@app/matching';
import { MatchingProfileRepository } from '@app/persistence';
import { VersionedProfiles, type ProfileVersion } from './versioned-profiles';

/** A version of the samenwerken matching profile. */
export type MatchingProfileVersion = ProfileVersion<MatchingProfile>;

/** The samenwerken matching profile runs use (ActiveKennisdelenProfileService is the kennisdelen one's). */
@Injectable()
export class ActiveMatchingProfileService extends VersionedProfiles<'samenwerken', MatchingProfile> {
  constructor(profiles: MatchingProfileRepository) {
    super(profiles, 'samenwerken', DEFAULT_MATCHING_PROFILE, (row) => ({ ...row.settings, version: row.version }));
  }
}
