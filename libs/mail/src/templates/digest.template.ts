import type { MailTemplate } from './mail-template';

export interface DigestItem {
  name: string;
  sector: string;
  description: string;
  reasons: string[];
  /** Suggested to learn from each other (kennisdelen), not to work together locally. */
  forKennisdelen: boolean;
  interestedUrl: string;
  notForUsUrl: string;
}

export interface DigestData {
  name: string;
  partnerName: string;
  items: DigestItem[];
}

export const DIGEST: MailTemplate<DigestData> = {
  subject: { nl: 'Nieuwe mogelijke partners voor {{partnerName}}', en: 'New possible partners for {{partnerName}}' },
  html: {
    nl: `<p>Beste {{name}},</p>
<p>Het projectteam zag {{items.length}} nieuwe mogelijke samenwerkingspartner(s) voor {{partnerName}}. Laat met één klik weten wat u ervan vindt; u hoeft zich daarvoor niet aan te melden.</p>
{{#each items}}<div style="border:1px solid #dddddd;border-radius:4px;padding:12px 16px;margin:16px 0">
<p style="margin:0 0 4px 0;font-size:18px"><strong>{{name}}</strong> <span style="color:#555555">({{sector}})</span></p>
{{#if forKennisdelen}}<p style="margin:4px 0;color:#555555"><em>Om kennis te delen: van elkaar leren, ook op afstand</em></p>{{/if}}
{{#if description}}<p style="margin:4px 0;color:#333333">{{description}}</p>{{/if}}
{{#if reasons.length}}<ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
{{> button url=interestedUrl label="Interessant"}}{{> button url=notForUsUrl label="Niet voor ons" secondary=true}}
</div>{{/each}}`,
    en: `<p>Dear {{name}},</p>
<p>The project team found {{items.length}} new possible partner(s) for {{partnerName}}. Tell us with one click what you think; no sign-in needed.</p>
{{#each items}}<div style="border:1px solid #dddddd;border-radius:4px;padding:12px 16px;margin:16px 0">
<p style="margin:0 0 4px 0;font-size:18px"><strong>{{name}}</strong> <span style="color:#555555">({{sector}})</span></p>
{{#if forKennisdelen}}<p style="margin:4px 0;color:#555555"><em>To share knowledge: learning from each other, also at a distance</em></p>{{/if}}
{{#if description}}<p style="margin:4px 0;color:#333333">{{description}}</p>{{/if}}
{{#if reasons.length}}<ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
{{> button url=interestedUrl label="Interesting"}}{{> button url=notForUsUrl label="Not for us" secondary=true}}
</div>{{/each}}`,
  },
  text: {
    nl: `Beste {{name}},

Het projectteam zag {{items.length}} nieuwe mogelijke samenwerkingspartner(s) voor {{partnerName}}. Laat met één klik weten wat u ervan vindt:
{{#each items}}

{{name}} ({{sector}})
{{#if forKennisdelen}}
Om kennis te delen: van elkaar leren, ook op afstand
{{/if}}
{{#each reasons}}
- {{this}}
{{/each}}
Interessant: {{interestedUrl}}
Niet voor ons: {{notForUsUrl}}
{{/each}}
`,
    en: `Dear {{name}},

The project team found {{items.length}} new possible partner(s) for {{partnerName}}. Tell us with one click what you think:
{{#each items}}

{{name}} ({{sector}})
{{#if forKennisdelen}}
To share knowledge: learning from each other, also at a distance
{{/if}}
{{#each reasons}}
- {{this}}
{{/each}}
Interesting: {{interestedUrl}}
Not for us: {{notForUsUrl}}
{{/each}}
`,
  },
};
