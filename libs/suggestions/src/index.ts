export * from './active-matching-profile.service';
export * from './match-inputs.service';
export * from './matching-jobs.service';
export * from './matching-runs.service';
export * from './partner-profiles';
export * from './run-watchdog.service';
export * from './suggestions.module';
