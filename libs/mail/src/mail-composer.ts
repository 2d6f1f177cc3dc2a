import Handlebars from 'handlebars';
import type { PersonLanguage } from '@app/persistence';
import { BUTTON, HTML_LAYOUT, TEXT_FOOTER } from './templates/layout.template';
import type { MailTemplate } from './templates/mail-template';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What the frame of a mail shows besides the template's own data. */
export interface MailFrame {
  language: PersonLanguage;
  /** Partner mails: the footer names the partner and links to the unsubscribe page. */
  unsubscribeUrl?: string;
  partnerName?: string;
}

type Compiled = { subject: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate };

/**
 * Renders the mail templates with handlebars. HTML is escaped by default (`{{…}}`); the
 * plain-text parts and subjects are compiled with escaping off, since they are not HTML.
 */
export class MailComposer {
  private readonly handlebars = Handlebars.create();
  private readonly layout: HandlebarsTemplateDelegate;
  private readonly footer: HandlebarsTemplateDelegate;
  private readonly compiled = new Map<MailTemplate<unknown>, Record<PersonLanguage, Compiled>>();

  constructor() {
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerPartial('button', BUTTON);
    this.layout = this.handlebars.compile(HTML_LAYOUT, { strict: false });
    this.footer = this.handlebars.compile(TEXT_FOOTER, { noEscape: true });
  }

  render<Data extends object>(template: MailTemplate<Data>, data: Data, frame: MailFrame): RenderedMail {
    const parts = this.compile(template)[frame.language];
    const context = { ...data, ...frame };
    const subject = parts.subject(context).replace(/[\r\n]+/g, ' ').trim();
    const body = parts.html(context);
    return {
      subject,
      html: this.layout({ ...context, subject, body }),
      text: `${parts.text(context).replace(/\n{3,}/g, '\n\n')}${this.footer(context)}`,
    };
  }

  private compile(template: MailTemplate<unknown>): Record<PersonLanguage, Compiled> {
    let compiled = this.compiled.get(template);
    if (!compiled) {
      const one = (language: PersonLanguage): Compiled => ({
        subject: this.handlebars.compile(template.subject[language], { noEscape: true }),
        html: this.handlebars.compile(template.html[language]),
        text: this.handlebars.compile(template.text[language], { noEscape: true }),
      });
      compiled = { nl: one('nl'), en: one('en') };
      this.compiled.set(template, compiled);
    }
    return compiled;
  }
}
