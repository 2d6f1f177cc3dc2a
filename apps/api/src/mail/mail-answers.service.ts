import { Injectable } from '@nestjs/common';
import { MailTokens, OUTCOME_LABELS, type MailAction, type OutcomeAnswer } from '@app/mail';
import { FeedbackRepository, MatchEventEntity, MatchRepository, PersonRepository, Transactions, type MatchStatus, type PersonEntity } from '@app/persistence';
import { canMove } from '../matches/match-transitions';
import { MatchesService } from '../matches/matches.service';
import { outcomeNote } from './outcome-notes';

/** Answers where the pair goes; the other rungs of the ladder are recorded in its history only. */
const OUTCOME_MOVES: Partial<Record<OutcomeAnswer, MatchStatus>> = { collaborating: 'collaborating', 'not-going-ahead': 'declined' };

export type Answered = { ok: true; person: PersonEntity; detail: string } | { ok: false };

/** What a person's one-click links in digests and follow-ups do, signed tokens standing in for a sign-in. */
@Injectable()
export class MailAnswersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tokens: MailTokens,
    private readonly people: PersonRepository,
    private readonly matches: MatchRepository,
    private readonly feedback: FeedbackRepository,
    private readonly decisions: MatchesService,
  ) {}

  /** The person and action of a valid token, for a landing page; null when it is invalid, expired or its person gone. */
  async read<Purpose extends 'feedback' | 'outcome' | 'report'>(token: unknown, purpose: Purpose): Promise<{ person: PersonEntity; action: Extract<MailAction, { purpose: Purpose }> } | null> {
    const action = this.tokens.verify(token, purpose);
    const person = action ? await this.people.findById((action as MailAction).personId) : null;
    if (!action || !person?.active || !person.partnerId) return null;
    return { person, action };
  }

  /** Interessant / Niet voor ons from a digest: the partner's feedback, and an entry naming the person in the pair's history. */
  async giveFeedback(token: unknown): Promise<Answered> {
    const read = await this.read(token, 'feedback');
    if (!read || read.person.partnerId !== read.action.partnerId) return { ok: false };
    const { person, action } = read;
    const purpose = action.list ?? 'samenwerken';
    const match = await this.matches.findPair(action.partnerId, action.candidateId, purpose);
    if (!match) return { ok: false };
    await this.feedback.record(action.partnerId, action.candidateId, action.verdict, null, purpose);
    const said = action.verdict === 'interested' ? 'Interessant' : 'Niet voor ons';
    await this.event(match.id, match.status, match.status, actorOf(person), `Feedback uit het overzicht per mail: ${said}`);
    return { ok: true, person, detail: said };
  }

  /** An answer to the first follow-up: moves the pair where the ladder says, always kept in its history. */
  async answerOutcome(token: unknown): Promise<Answered> {
    const read = await this.read(token, 'outcome');
    if (!read) return { ok: false };
    const { person, action } = read;
    const match = await this.matches.findById(action.matchId);
    const answer = action.answer as OutcomeAnswer;
    if (!match || ![match.partnerAId, match.partnerBId].includes(person.partnerId!) || !OUTCOME_LABELS[answer]) return { ok: false };
    const note = outcomeNote(answer);
    const to = OUTCOME_MOVES[answer];
    if (to && match.status !== to && canMove(match.status, to)) {
      await this.decisions.update(match.id, { status: to, note }, actorOf(person));
    } else {
      await this.event(match.id, match.status, match.status, actorOf(person), note);
    }
    return { ok: true, person, detail: OUTCOME_LABELS[answer][person.language] };
  }

  /** The long follow-up's form: what came of the collaboration. */
  async report(token: unknown, text: string, reached: number | null): Promise<Answered> {
    const read = await this.read(token, 'report');
    if (!read) return { ok: false };
    const { person, action } = read;
    const match = await this.matches.findById(action.matchId);
    if (!match || ![match.partnerAId, match.partnerBId].includes(person.partnerId!)) return { ok: false };
    await this.transactions.run(async (tx) => {
      await tx.query(`INSERT INTO collaboration_report (match_id, person_id, text, reached) VALUES ($1, $2, $3, $4)`, [match.id, person.id, text, reached]);
      await tx.insert(MatchEventEntity, {
        matchId: match.id,
        actor: actorOf(person),
        fromStatus: match.status,
        toStatus: match.status,
        note: `Resultaat van de samenwerking${reached === null ? '' : ` (${reached} kinderen of gezinnen bereikt)`}: ${text}`,
      });
    });
    return { ok: true, person, detail: text };
  }

  private async event(matchId: string, from: MatchStatus, to: MatchStatus, actor: string, note: string): Promise<void> {
    await this.transactions.run((tx) => tx.insert(MatchEventEntity, { matchId, actor, fromStatus: from, toStatus: to, note }));
  }
}

/** As a console session names a person in the audit trail. */
export function actorOf(person: Pick<PersonEntity, 'name' | 'email'>): string {
  return `${person.name} <${person.email}>`;
}
