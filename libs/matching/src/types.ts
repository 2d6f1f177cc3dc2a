import type { Scope } from '@app/taxonomy';

export type { Scope };

/** What the matching core needs to know of a partner organisation. */
export interface PartnerProfile {
  id: string;
  /** A code of `SECTOR_CODES`. */
  sector: string;
  scope: Scope;
  /** CBS gemeente codes the partner works in; empty for national partners. */
  gemeenten: string[];
  /** Codes of `LEEFDOMEIN_CODES`. */
  leefdomeinen: string[];
  /** Codes of `OPGAVE_CODES`. */
  opgaven: string[];
  /** Free kebab-case tags: what the partner can bring. */
  offers: string[];
  /** Free kebab-case tags: what the partner is looking for. */
  needs: string[];
  /** Codes of `KENNISBRON_CODES`; pair scores do not read them, coalitions look for `ervaring`. */
  kennisbronnen?: string[];
  /**
   * Codes of `VERANDERTHEORIE_CODES` (verzachten, versterken, veranderen): the levels the partner
   * works at, where it states them. Only the kennisdelen scorer reads them.
   */
  verandertheorie?: string[];
  /** A partner that opted out is never suggested and gets no suggestions. */
  matchingOptOut?: boolean;
}

/** An existing collaboration between two partners; unordered. */
export interface Connection {
  a: string;
  b: string;
}

export const COMPONENT_NAMES = ['opgaven', 'leefdomeinen', 'sector', 'region', 'reciprocity', 'network'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];
export type ComponentScores = Record<ComponentName, number>;

/** One explained part of a suggestion's score. */
export interface Reason {
  /** Stable machine code, e.g. `shared-opgaven`. */
  code: string;
  /** The facts behind the sentence (codes, counts, km), for UIs that render their own text. */
  params: Record<string, unknown>;
  nl: string;
  en: string;
  /** wᵢ·cᵢ / Σw: the part of the score this reason explains. The shares of a suggestion sum to its score. */
  share: number;
}

/** A candidate in a ranked list before it is explained. */
export interface RankedCandidate {
  candidateId: string;
  score: number;
}

/** A ranked candidate for one partner. */
export interface Suggestion {
  candidateId: string;
  /** 1-based position in the (diversified) list. */
  rank: number;
  score: number;
  components: ComponentScores;
  reasons: Reason[];
}
