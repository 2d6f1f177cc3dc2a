import type { PersonLanguage } from '@app/persistence';

/** A mail's subject, HTML body and plain-text body, each in Dutch and English (handlebars sources). */
export interface MailTemplate<Data> {
  subject: Record<PersonLanguage, string>;
  html: Record<PersonLanguage, string>;
  text: Record<PersonLanguage, string>;
  /** Only for the type: what the template reads. */
  readonly data?: Data;
}
