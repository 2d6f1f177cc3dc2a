import type { MailTemplate } from './mail-template';

export interface IntroducedPartner {
  name: string;
  sector: string;
  description: string;
  website: string | null;
  contacts: { name: string; email: string }[];
}

export interface IntroductionData {
  name: string;
  partnerName: string;
  other: IntroducedPartner;
  reasons: string[];
  /** Introduced to learn from each other (kennisdelen), not to work together locally. */
  forKennisdelen: boolean;
  note: string | null;
}

export const INTRODUCTION: MailTemplate<IntroductionData> = {
  subject: { nl: 'Kennismaking: {{other.name}}', en: 'Introduction: {{other.name}}' },
  html: {
    nl: `<p>Beste {{name}},</p>
<p>Het projectteam van de Alliantie Kinderarmoede brengt {{partnerName}} graag in contact met <strong>{{other.name}}</strong> ({{other.sector}}){{#if forKennisdelen}} om kennis te delen: u werkt aan hetzelfde en kunt van elkaar leren, ook op afstand{{/if}}.</p>
{{#if other.description}}<p style="border-left:4px solid #0b3d91;padding-left:12px;color:#333333">{{other.description}}</p>{{/if}}
{{#if reasons.length}}<p><strong>Waarom wij denken dat u bij elkaar past:</strong></p><ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
{{#if note}}<p><strong>Van het projectteam:</strong> {{note}}</p>{{/if}}
<p><strong>Contact met {{other.name}}:</strong></p>
<ul>{{#each other.contacts}}<li>{{name}} — <a href="mailto:{{email}}" style="color:#0b3d91">{{email}}</a></li>{{/each}}{{#if other.website}}<li><a href="{{other.website}}" style="color:#0b3d91">{{other.website}}</a></li>{{/if}}</ul>
<p>{{other.name}} ontvangt dezelfde mail met uw gegevens. Over een paar weken vragen we hoe het contact verliep.</p>`,
    en: `<p>Dear {{name}},</p>
<p>The project team of the Alliantie Kinderarmoede would like to introduce {{partnerName}} to <strong>{{other.name}}</strong> ({{other.sector}}){{#if forKennisdelen}} to share knowledge: you work on the same things and can learn from each other, also at a distance{{/if}}.</p>
{{#if other.description}}<p style="border-left:4px solid #0b3d91;padding-left:12px;color:#333333">{{other.description}}</p>{{/if}}
{{#if reasons.length}}<p><strong>Why we think you fit:</strong></p><ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
{{#if note}}<p><strong>From the project team:</strong> {{note}}</p>{{/if}}
<p><strong>How to reach {{other.name}}:</strong></p>
<ul>{{#each other.contacts}}<li>{{name}} — <a href="mailto:{{email}}" style="color:#0b3d91">{{email}}</a></li>{{/each}}{{#if other.website}}<li><a href="{{other.website}}" style="color:#0b3d91">{{other.website}}</a></li>{{/if}}</ul>
<p>{{other.name}} receives the same mail with your details. In a few weeks we will ask how it went.</p>`,
  },
  text: {
    nl: `Beste {{name}},

Het projectteam van de Alliantie Kinderarmoede brengt {{partnerName}} graag in contact met {{other.name}} ({{other.sector}}){{#if forKennisdelen}} om kennis te delen: u werkt aan hetzelfde en kunt van elkaar leren, ook op afstand{{/if}}.
{{#if other.description}}

{{other.description}}
{{/if}}
{{#if reasons.length}}

Waarom wij denken dat u bij elkaar past:
{{#each reasons}}
- {{this}}
{{/each}}
{{/if}}
{{#if note}}

Van het projectteam: {{note}}
{{/if}}

Contact met {{other.name}}:
{{#each other.contacts}}
- {{name}} <{{email}}>
{{/each}}
{{#if other.website}}
- {{other.website}}
{{/if}}

{{other.name}} ontvangt dezelfde mail met uw gegevens. Over een paar weken vragen we hoe het contact verliep.
`,
    en: `Dear {{name}},

The project team of the Alliantie Kinderarmoede would like to introduce {{partnerName}} to {{other.name}} ({{other.sector}}){{#if forKennisdelen}} to share knowledge: you work on the same things and can learn from each other, also at a distance{{/if}}.
{{#if other.description}}

{{other.description}}
{{/if}}
{{#if reasons.length}}

Why we think you fit:
{{#each reasons}}
- {{this}}
{{/each}}
{{/if}}
{{#if note}}

From the project team: {{note}}
{{/if}}

How to reach {{other.name}}:
{{#each other.contacts}}
- {{name}} <{{email}}>
{{/each}}
{{#if other.website}}
- {{other.website}}
{{/if}}

{{other.name}} receives the same mail with your details. In a few weeks we will ask how it went.
`,
  },
};
