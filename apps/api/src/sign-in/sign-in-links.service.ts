import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { createHash, randomBytes } from 'node:crypto';
import { isEmail } from 'class-validator';
import { DomainException } from '@app/errors';
import { MailOutboxService, SIGN_IN_LINK } from '@app/mail';
import { PersonRepository, SignInLinkRepository, Transactions, type PersonEntity } from '@app/persistence';

export const SIGN_IN_LINK_MINUTES = 15;
const WINDOW_MS = 15 * 60_000;
/** Links one address may be sent per window: enough for a lost mail, too few to flood an inbox. */
export const LINKS_PER_ADDRESS = 3;
/** Requests one client (address of the caller) may make per window, whatever addresses it names. */
export const LINKS_PER_CLIENT = 20;

export const SIGN_IN_LINK_ANSWER = `If this address belongs to someone who may sign in, a sign-in link is on its way. It works once, for ${SIGN_IN_LINK_MINUTES} minutes.`;

/** The page of the console the link opens; it posts the token to POST /v1/auth/session. */
export const SIGN_IN_LINK_PATH = '/console/sign-in/link';

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Sign-in by e-mail. A request always gets the same answer; an active person's address gets
 * a mail with a random single-use token (only its hash stored) valid 15 minutes. Limits are
 * counted in the throttler's storage — Redis when REDIS_URL is set, so every API process
 * shares them, as the per-key limit does — rather than in a table: a count that expires by
 * itself, and no row written for every request of a flood.
 */
@Injectable()
export class SignInLinksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly people: PersonRepository,
    private readonly links: SignInLinkRepository,
    private readonly mail: MailOutboxService,
    @InjectThrottlerStorage() private readonly counts: ThrottlerStorage,
  ) {}

  async request(email: string, client: string): Promise<void> {
    const address = email.trim().toLowerCase();
    // The client's count first: a flood over many addresses is cut off before any lookup.
    if (!(await this.allowed(`sign-in:client:${client}`, LINKS_PER_CLIENT))) return;
    // No person has a malformed address: the same silence as for an unknown one.
    if (!isEmail(address)) return;
    if (!(await this.allowed(`sign-in:address:${address}`, LINKS_PER_ADDRESS))) return;
    const person = await this.people.findByEmail(address);
    if (!person?.active) return;
    const token = randomBytes(32).toString('base64url');
    const link = this.mail.link(SIGN_IN_LINK_PATH, { token });
    await this.transactions.run(async (tx) => {
      await this.links.add(person.id, hashToken(token), SIGN_IN_LINK_MINUTES * 60_000, tx);
      await this.mail.add({ kind: 'sign-in-link', to: person, template: SIGN_IN_LINK, data: { name: person.name, link, minutes: SIGN_IN_LINK_MINUTES } }, tx);
    });
    this.mail.sendSoon();
    this.mail.print(`Sign-in link for ${person.email} (valid ${SIGN_IN_LINK_MINUTES} minutes, once): ${link}`);
  }

  /** Uses a link's token once: its person, or a 401 that says why without saying which. */
  async use(token: string): Promise<PersonEntity> {
    const personId = await this.links.use(hashToken(token));
    const person = personId ? await this.people.findById(personId) : null;
    if (!person) {
      throw new DomainException('sign-in-link-invalid', `This sign-in link cannot be used: it was used already, is older than ${SIGN_IN_LINK_MINUTES} minutes, or is unknown. Ask for a new link.`);
    }
    return person;
  }

  private async allowed(key: string, limit: number): Promise<boolean> {
    const record = await this.counts.increment(key, WINDOW_MS, limit, WINDOW_MS, 'sign-in-link');
    return record.totalHits <= limit;
  }
}
