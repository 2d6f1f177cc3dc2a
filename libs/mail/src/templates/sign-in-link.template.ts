import type { MailTemplate } from './mail-template';

export interface SignInLinkData {
  name: string;
  link: string;
  minutes: number;
}

export const SIGN_IN_LINK: MailTemplate<SignInLinkData> = {
  subject: { nl: 'Aanmelden bij Partnermatch', en: 'Sign in to Partnermatch' },
  html: {
    nl: `<p>Beste {{name}},</p>
<p>Met de knop hieronder meldt u zich aan bij Partnermatch van de Alliantie Kinderarmoede. De link werkt één keer en {{minutes}} minuten lang.</p>
{{> button url=link label="Aanmelden"}}
<p style="font-size:13px;color:#555555">Werkt de knop niet? Open deze link: {{link}}</p>
<p style="font-size:13px;color:#555555">Heeft u dit niet gevraagd? Dan kunt u deze mail negeren.</p>`,
    en: `<p>Dear {{name}},</p>
<p>The button below signs you in to Partnermatch of the Alliantie Kinderarmoede. The link works once, for {{minutes}} minutes.</p>
{{> button url=link label="Sign in"}}
<p style="font-size:13px;color:#555555">Button not working? Open this link: {{link}}</p>
<p style="font-size:13px;color:#555555">Did not ask for this? Then you can ignore this mail.</p>`,
  },
  text: {
    nl: `Beste {{name}},

Met deze link meldt u zich aan bij Partnermatch van de Alliantie Kinderarmoede (één keer te gebruiken, {{minutes}} minuten geldig):

{{link}}

Heeft u dit niet gevraagd? Dan kunt u deze mail negeren.
`,
    en: `Dear {{name}},

This link signs you in to Partnermatch of the Alliantie Kinderarmoede (works once, for {{minutes}} minutes):

{{link}}

Did not ask for this? Then you can ignore this mail.
`,
  },
};
