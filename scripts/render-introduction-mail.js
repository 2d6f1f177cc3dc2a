// Renders an introduction mail with the built templates and saves docs/introduction-mail.png (Chromium through playwright-core).
const { MailComposer } = require(__dirname + '/../dist/apps/api/libs/mail/src/mail-composer.js');
const { INTRODUCTION } = require(__dirname + '/../dist/apps/api/libs/mail/src/templates/introduction.template.js');
const { chromium } = require('playwright-core');
(async () => {
  const mail = new MailComposer().render(INTRODUCTION, {
    name: 'Fatima El Amrani',
    partnerName: 'Voedselbank Utrecht',
    other: {
      name: 'OBS De Regenboog Utrecht',
      sector: 'Onderwijs (scholen)',
      description: 'Basisschool in Kanaleneiland met 340 leerlingen; veel gezinnen met een krap budget.',
      website: 'https://regenboog.example.org',
      contacts: [{ name: 'Jan Jansen', email: 'directie@regenboog.example.org' }],
    },
    reasons: ['Jullie werken allebei aan Meedoen', 'Jullie werken allebei in Utrecht', 'Zij bieden een locatie, waar jullie naar zoeken; jullie bieden voedsel, waar zij naar zoeken'],
    note: 'Samen een schoolontbijt op woensdag? Sardes helpt graag met de opzet.',
  }, { language: 'nl', unsubscribeUrl: 'https://partnermatch.example.org/v1/mail/unsubscribe?token=…', partnerName: 'Voedselbank Utrecht' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 680, height: 900 } });
  await page.setContent(mail.html);
  await page.screenshot({ path: require('node:path').join(__dirname, '..', 'docs', 'introduction-mail.png'), fullPage: true });
  await browser.close();
  console.log(mail.subject);
})();
