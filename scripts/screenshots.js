// Takes the README's screenshots from a running example app (`npm start`): node scripts/screenshots.js
const { chromium } = require('playwright-core');

const base = process.env.APP_URL ?? 'http://localhost:3000';
const shots = [
  {
    path: '/catalog/default/component/bedroom',
    file: 'docs/entity-card.png',
    wait: 'Recommended model',
  },
  {
    path: '/operating-model?tab=selector',
    file: 'docs/selector-chart.png',
    wait: 'Operating model selector',
  },
  {
    path: '/catalog/default/domain/furnishing/on-call',
    file: 'docs/domain-rota.png',
    wait: 'Out-of-hours rota',
  },
  {
    path: '/catalog/default/component/bedroom/measures',
    file: 'docs/measures.png',
    wait: 'Deployments per week',
  },
  {
    path: '/operating-model?tab=directory',
    file: 'docs/tab-teams-and-services.png',
    wait: 'Every team and service',
  },
  {
    path: '/operating-model?tab=leaders',
    file: 'docs/tab-leaders.png',
    wait: 'Measures by team and domain',
  },
  {
    path: '/operating-model?tab=pitfalls',
    file: 'docs/tab-pitfalls.png',
    wait: 'Pitfalls',
  },
  {
    path: '/operating-model?tab=cost',
    file: 'docs/tab-on-call-cost.png',
    wait: 'On-call cost',
  },
  {
    path: '/operating-model?tab=incident-loss',
    file: 'docs/tab-incident-loss.png',
    wait: 'How bad is this incident?',
  },
  {
    path: '/operating-model?tab=onboarding',
    file: 'docs/tab-onboarding.png',
    wait: 'Onboard a service',
  },
  {
    path: '/catalog/default/component/delivery-tracking',
    file: 'docs/entity-card-problems.png',
    wait: 'huge',
    clip: 'Operating model',
  },
  {
    path: '/operating-model?tab=problems',
    file: 'docs/tab-annotation-problems.png',
    wait: 'Value as written',
  },
  // At a phone's width: a responder's first screens.
  {
    path: '/catalog/default/component/checkout',
    file: 'docs/phone-service.png',
    wait: 'Paged now',
    phone: true,
  },
  {
    path: '/operating-model?tab=directory',
    file: 'docs/phone-directory.png',
    wait: 'Every team and service',
    phone: true,
  },
];
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1400, height: 1000 };
// Only these when named on the command line: node scripts/screenshots.js docs/tab-annotation-problems.png
const only = process.argv.slice(2);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: WIDE });
  await page.goto(base);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor();
  for (const shot of shots.filter(
    s => only.length === 0 || only.includes(s.file),
  )) {
    await page.setViewportSize(shot.phone ? PHONE : WIDE);
    await page.goto(`${base}${shot.path}`);
    await page.getByText(shot.wait).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    if (shot.clip) {
      // Just the card, which sits below the catalog's own cards.
      await page
        .locator('article, [class*="MuiCard-root"]')
        .filter({ hasText: shot.clip })
        .last()
        .screenshot({ path: shot.file });
    } else {
      // A phone's shot is its first screen, which is what the responder sees.
      await page.screenshot({ path: shot.file, fullPage: !shot.phone });
    }
    console.log(`wrote ${shot.file}`);
  }
  await browser.close();
})().catch(error => {
  console.error(error);
  process.exit(1);
});
