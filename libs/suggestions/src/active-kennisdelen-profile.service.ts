import { Injectable } from '@nestjs/common';
import { DEFAULT_KENNISDELEN_PROFILE, type KennisdelenProfile } from '@app/matching';
import { MatchingProfileRepository } from '@app/persistence';
import { VersionedProfiles, type ProfileVersion } from './versioned-profiles';

/** A version of the kennisdelen profile. */
export type KennisdelenProfileVersion = ProfileVersion<KennisdelenProfile>;

/** The kennisdelen profile runs use, versioned as the samenwerken one (ActiveMatchingProfileService). */
@Injectable()
export class ActiveKennisdelenProfileService extends VersionedProfiles<'kennisdelen', KennisdelenProfile> {
  constructor(profiles: MatchingProfileRepository) {
    super(profiles, 'kennisdelen', DEFAULT_KENNISDELEN_PROFILE, (row) => ({ ...row.settings, version: row.version, purpose: 'kennisdelen' }));
  }
}
