import type { MailTemplate } from './mail-template';

export interface FollowUpData {
  name: string;
  partnerName: string;
  otherName: string;
  answers: { label: string; url: string }[];
}

export const FOLLOW_UP: MailTemplate<FollowUpData> = {
  subject: { nl: 'Heeft de kennismaking met {{otherName}} iets opgeleverd?', en: 'Did the introduction to {{otherName}} lead to something?' },
  html: {
    nl: `<p>Beste {{name}},</p>
<p>Een tijdje geleden brachten we {{partnerName}} in contact met <strong>{{otherName}}</strong>. Hoe staat het ervoor? Eén klik is genoeg:</p>
<p>{{#each answers}}{{> button url=url label=label secondary=true}}{{/each}}</p>`,
    en: `<p>Dear {{name}},</p>
<p>A while ago we introduced {{partnerName}} to <strong>{{otherName}}</strong>. Where do things stand? One click is enough:</p>
<p>{{#each answers}}{{> button url=url label=label secondary=true}}{{/each}}</p>`,
  },
  text: {
    nl: `Beste {{name}},

Een tijdje geleden brachten we {{partnerName}} in contact met {{otherName}}. Hoe staat het ervoor? Eén klik is genoeg:
{{#each answers}}
- {{label}}: {{url}}
{{/each}}
`,
    en: `Dear {{name}},

A while ago we introduced {{partnerName}} to {{otherName}}. Where do things stand? One click is enough:
{{#each answers}}
- {{label}}: {{url}}
{{/each}}
`,
  },
};

export interface LongFollowUpData {
  name: string;
  partnerName: string;
  otherName: string;
  formUrl: string;
}

export const LONG_FOLLOW_UP: MailTemplate<LongFollowUpData> = {
  subject: { nl: 'Wat heeft de samenwerking met {{otherName}} opgeleverd?', en: 'What came of working with {{otherName}}?' },
  html: {
    nl: `<p>Beste {{name}},</p>
<p>{{partnerName}} werkt samen met <strong>{{otherName}}</strong>. Wat heeft het opgeleverd? Vertel het ons in een paar zinnen, en als u het weet: hoeveel kinderen of gezinnen u samen bereikte.</p>
{{> button url=formUrl label="Vertel het ons"}}`,
    en: `<p>Dear {{name}},</p>
<p>{{partnerName}} works together with <strong>{{otherName}}</strong>. What came of it? Tell us in a few sentences and, if you know, how many children or families you reached together.</p>
{{> button url=formUrl label="Tell us"}}`,
  },
  text: {
    nl: `Beste {{name}},

{{partnerName}} werkt samen met {{otherName}}. Wat heeft het opgeleverd? Vertel het ons (en als u het weet: hoeveel kinderen of gezinnen u samen bereikte):

{{formUrl}}
`,
    en: `Dear {{name}},

{{partnerName}} works together with {{otherName}}. What came of it? Tell us (and, if you know, how many children or families you reached together):

{{formUrl}}
`,
  },
};
