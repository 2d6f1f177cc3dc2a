import { CreatePartnersAndConnections1763884800000 } from './1763884800000-CreatePartnersAndConnections';
import { CreateMatchingRunsAndSuggestions1763899200000 } from './1763899200000-CreateMatchingRunsAndSuggestions';
import { CreateMatchesAndFeedback1763913600000 } from './1763913600000-CreateMatchesAndFeedback';
import { CreateMatchingProfiles1763917200000 } from './1763917200000-CreateMatchingProfiles';
import { CreateApiKeys1763920800000 } from './1763920800000-CreateApiKeys';
import { CreatePartnerChangeOutbox1763924400000 } from './1763924400000-CreatePartnerChangeOutbox';
import { NotifyListChanges1763928000000 } from './1763928000000-NotifyListChanges';
import { NotifyApiKeyChanges1763931600000 } from './1763931600000-NotifyApiKeyChanges';
import { TrackRunProgress1763935200000 } from './1763935200000-TrackRunProgress';
import { ReserveIdShapedSlugs1763935500000 } from './1763935500000-ReserveIdShapedSlugs';
import { AddPartnerVersion1763938800000 } from './1763938800000-AddPartnerVersion';
import { CreateConsoleSessions1764000000000 } from './1764000000000-CreateConsoleSessions';
import { CreatePeople1764003600000 } from './1764003600000-CreatePeople';
import { CreateMailOutbox1764007200000 } from './1764007200000-CreateMailOutbox';
import { SessionsOfPeople1764010800000 } from './1764010800000-SessionsOfPeople';
import { CreateErasureRequests1765000100000 } from './1765000100000-CreateErasureRequests';
import { CreateMailSchedules1764014400000 } from './1764014400000-CreateMailSchedules';
import { DropRunCatchUpReason1765000400000 } from './1765000400000-DropRunCatchUpReason';
import { PartitionSuggestionsByRun1765000700000 } from './1765000700000-PartitionSuggestionsByRun';
import { CreateImpressions1765000900000 } from './1765000900000-CreateImpressions';
import { StoreKennisdelenLists1765001500000 } from './1765001500000-StoreKennisdelenLists';
import { MatchingProfilePurposes1765001600000 } from './1765001600000-MatchingProfilePurposes';
import { AddPartnerVerandertheorie1765001700000 } from './1765001700000-AddPartnerVerandertheorie';
import { ReviewPerPurpose1765001800000 } from './1765001800000-ReviewPerPurpose';
import { SuggestionsWithoutRowChecks1765001900000 } from './1765001900000-SuggestionsWithoutRowChecks';
import { TrackChangingTransactions1765002000000 } from './1765002000000-TrackChangingTransactions';
import { RecordDeletions1765002100000 } from './1765002100000-RecordDeletions';

/** In order; listed explicitly so the compiled app needs no glob over its own files. */
export const MIGRATIONS = [
  CreatePartnersAndConnections1763884800000,
  CreateMatchingRunsAndSuggestions1763899200000,
  CreateMatchesAndFeedback1763913600000,
  CreateMatchingProfiles1763917200000,
  CreateApiKeys1763920800000,
  CreatePartnerChangeOutbox1763924400000,
  NotifyListChanges1763928000000,
  NotifyApiKeyChanges1763931600000,
  TrackRunProgress1763935200000,
  ReserveIdShapedSlugs1763935500000,
  AddPartnerVersion1763938800000,
  CreateConsoleSessions1764000000000,
  CreatePeople1764003600000,
  CreateMailOutbox1764007200000,
  SessionsOfPeople1764010800000,
  CreateMailSchedules1764014400000,
  CreateErasureRequests1765000100000,
  DropRunCatchUpReason1765000400000,
  PartitionSuggestionsByRun1765000700000,
  CreateImpressions1765000900000,
  StoreKennisdelenLists1765001500000,
  MatchingProfilePurposes1765001600000,
  AddPartnerVerandertheorie1765001700000,
  ReviewPerPurpose1765001800000,
  SuggestionsWithoutRowChecks1765001900000,
  TrackChangingTransactions1765002000000,
  RecordDeletions1765002100000,
];
