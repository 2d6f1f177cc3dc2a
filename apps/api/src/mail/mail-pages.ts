import Handlebars from 'handlebars';
import type { PersonLanguage } from '@app/persistence';

/**
 * The small pages the links in mails land on: plain HTML from the API (no script, styles
 * inline), escaped by handlebars. A page that changes something shows one button that posts
 * a form, because mail scanners open the links in a mail (GET) but do not submit forms.
 */
const PAGE = Handlebars.compile(`<!DOCTYPE html>
<html lang="{{language}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{title}}</title></head>
<body style="margin:0;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;background:#f3f3f3;line-height:1.5">
<main style="max-width:560px;margin:40px auto;background:#fff;padding:24px 32px;border-radius:4px">
<p style="color:#0b3d91;font-weight:bold">Alliantie Kinderarmoede · Partnermatch</p>
<h1 style="font-size:24px">{{title}}</h1>
{{#each paragraphs}}<p>{{this}}</p>{{/each}}
{{#if form}}<form method="post" action="{{form.action}}">
{{#each form.hidden}}<input type="hidden" name="{{@key}}" value="{{this}}">{{/each}}
{{#each form.fields}}<p><label for="{{name}}" style="display:block;font-weight:bold">{{label}}</label>
{{#if multiline}}<textarea id="{{name}}" name="{{name}}" rows="5" style="width:100%" {{#if required}}required{{/if}} maxlength="4000"></textarea>{{else}}<input id="{{name}}" name="{{name}}" type="number" min="0" max="10000000" style="width:10em">{{/if}}</p>{{/each}}
<button type="submit" style="background:#0b3d91;color:#fff;border:0;border-radius:4px;padding:10px 18px;font-size:16px;font-weight:bold;cursor:pointer">{{form.button}}</button>
</form>{{/if}}
</main></body></html>`);

export interface PageForm {
  action: string;
  button: string;
  hidden: Record<string, string>;
  fields?: { name: string; label: string; multiline?: boolean; required?: boolean }[];
}

export function renderPage(language: PersonLanguage, title: string, paragraphs: string[], form?: PageForm): string {
  return PAGE({ language, title, paragraphs, form });
}

/** What an invalid, tampered or expired link shows: nothing changed. */
export function invalidLinkPage(language: PersonLanguage = 'nl'): string {
  return language === 'en'
    ? renderPage('en', 'This link does not work', ['The link is not valid (any more): nothing was changed. Links in our mails work for 30 days.'])
    : renderPage('nl', 'Deze link werkt niet', ['De link is niet (meer) geldig: er is niets veranderd. Links in onze mails werken 30 dagen.']);
}
