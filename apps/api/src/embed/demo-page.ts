import type { Language } from '../common/language';

export interface DemoPageInput {
  /** Where this server is reached, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  partner?: string;
  key?: string;
  lang: Language;
}

const TEXT = {
  nl: {
    title: 'Widget "partners om mee samen te werken"',
    intro:
      'Zo toont de portal van de Alliantie Kinderarmoede op de pagina van een partner de suggesties die het team heeft goedgekeurd. ' +
      'Laad het script één keer en plaats het element waar de lijst moet komen:',
    keyNote:
      'Gebruik een API-sleutel met de rol portal waarin de herkomst (origin) van de website is geregistreerd; de sleutel staat in de pagina en werkt alleen vanaf die origins.',
    theming: 'Kleuren en lettertype pas je aan met CSS-variabelen op het element, bijvoorbeeld',
    formTitle: 'Probeer het',
    partner: 'Partner (slug)',
    key: 'API-sleutel',
    lang: 'Taal',
    show: 'Toon widget',
    preview: 'Voorbeeld',
  },
  en: {
    title: 'Widget "partners to work with"',
    intro:
      "This is how the Alliantie Kinderarmoede's portal shows, on a partner's page, the suggestions the team approved. " +
      'Load the script once and place the element where the list should appear:',
    keyNote: "Use an API key with the portal role that has the website's origin registered; the key is visible in the page and only works from those origins.",
    theming: 'Change colours and font with CSS custom properties on the element, for example',
    formTitle: 'Try it',
    partner: 'Partner (slug)',
    key: 'API key',
    lang: 'Language',
    show: 'Show widget',
    preview: 'Preview',
  },
} as const;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

function snippet({ origin, partner, key, lang }: DemoPageInput): string {
  return [
    `<script src="${origin}/embed/widget.js" defer></script>`,
    `<partner-suggestions partner="${partner ?? 'slug-van-de-partner'}" api-key="${key ?? 'PORTAL_API_KEY'}" lang="${lang}" limit="5"></partner-suggestions>`,
  ].join('\n');
}

/**
 * The widget's demo and embed instructions. No inline script (the CSP forbids it): the
 * widget comes in by <script src>, and every value from the query is escaped.
 */
export function renderDemoPage(input: DemoPageInput): string {
  const text = TEXT[input.lang];
  const { partner, key, lang } = input;
  const widget =
    partner && key
      ? `<h2>${text.preview}</h2>
    <partner-suggestions partner="${escapeHtml(partner)}" api-key="${escapeHtml(key)}" lang="${lang}" limit="5"></partner-suggestions>`
      : '';
  const option = (value: Language, label: string) => `<option value="${value}"${value === lang ? ' selected' : ''}>${label}</option>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Partnermatch — ${escapeHtml(text.title)}</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; line-height: 1.5; }
    pre { background: #f5f7fa; border: 1px solid #d9e2ec; border-radius: 0.5rem; padding: 1rem; overflow-x: auto; }
    form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
    label { display: flex; flex-direction: column; font-weight: 600; font-size: 0.9rem; }
    input, select, button { font: inherit; padding: 0.35rem 0.5rem; }
    partner-suggestions { margin-top: 1rem; }
  </style>
  <script src="/embed/widget.js" defer></script>
</head>
<body>
  <main>
    <h1>${escapeHtml(text.title)}</h1>
    <p>${escapeHtml(text.intro)}</p>
    <pre><code>${escapeHtml(snippet(input))}</code></pre>
    <p>${escapeHtml(text.keyNote)}</p>
    <p>${escapeHtml(text.theming)} <code>partner-suggestions { --pm-accent: #006d77; --pm-font: Georgia, serif; }</code></p>
    <h2>${escapeHtml(text.formTitle)}</h2>
    <form method="get" action="/embed/demo">
      <label>${escapeHtml(text.partner)} <input name="partner" value="${escapeHtml(partner ?? '')}" required></label>
      <label>${escapeHtml(text.key)} <input name="key" value="${escapeHtml(key ?? '')}" required autocomplete="off"></label>
      <label>${escapeHtml(text.lang)} <select name="lang">${option('nl', 'Nederlands')}${option('en', 'English')}</select></label>
      <button type="submit">${escapeHtml(text.show)}</button>
    </form>
    ${widget}
  </main>
</body>
</html>
`;
}
