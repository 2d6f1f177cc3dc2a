import { Injectable } from '@nestjs/common';
import { MailTokens } from '@app/mail';
import { PersonRepository, type PersonEntity } from '@app/persistence';

/** The outcome of a one-click link: the person's language for the page, and whether it worked. */
export type LinkResult = { ok: true; person: PersonEntity } | { ok: false };

@Injectable()
export class MailLinksService {
  constructor(
    private readonly tokens: MailTokens,
    private readonly people: PersonRepository,
  ) {}

  /** Whose link this is, for the landing page, without changing anything. */
  async personOf(token: unknown, purpose: 'unsubscribe' | 'feedback' | 'outcome' | 'report'): Promise<PersonEntity | null> {
    const action = this.tokens.verify(token, purpose);
    return action ? this.people.findById(action.personId) : null;
  }

  /** RFC 8058 one-click unsubscribe: turns the mails the token names off for its person. */
  async unsubscribe(token: unknown): Promise<LinkResult> {
    const action = this.tokens.verify(token, 'unsubscribe');
    const person = action ? await this.people.findById(action.personId) : null;
    if (!action || !person) return { ok: false };
    if (action.what !== 'follow-ups') person.wantsDigest = false;
    if (action.what !== 'digest') person.wantsFollowUps = false;
    return { ok: true, person: await this.people.update(person) };
  }
}
