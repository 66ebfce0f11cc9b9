// What the install test checks in headless Chromium, in an app started with `yarn start`: the
// figures on each page come from the installed backend plugin, which worked them out from the
// catalog in scripts/install-test/catalog.yaml and the app's operatingModel config.
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Runs every check against the app at `baseUrl`. `check(name, fn)` records one check: it passes
 * when fn resolves, and fn's value is its detail.
 */
async function checkInBrowser({ baseUrl, app, shotsDir, check }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  page.setDefaultTimeout(30_000);
  const pageErrors = [];
  page.on('pageerror', e => pageErrors.push(e.message));
  const shot = name =>
    page
      .screenshot({ path: path.join(shotsDir, `${app}-${name}.png`) })
      .catch(() => undefined);
  const text = locator => locator.innerText().then(t => t.replace(/\s+/g, ' '));
  const expectText = (haystack, ...needles) => {
    const missing = needles.filter(n => !haystack.includes(n));
    if (missing.length) {
      throw new Error(
        `missing ${missing.map(m => `"${m}"`).join(', ')} in "${haystack.slice(
          0,
          400,
        )}"`,
      );
    }
  };
  // Retries a look at a page until it passes: the catalog ingests the test's entities, and the
  // plugin assesses them, a few seconds after start-up.
  const eventually = async (fn, timeoutMs = 90_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        if (Date.now() > end) throw e;
        await page.waitForTimeout(3000);
      }
    }
  };

  // An entity page's tab: a tab in the legacy EntityLayout, a link in the new frontend system.
  const openTab = async (name, urlEnd) => {
    const tab = page
      .getByRole('tab', { name, exact: true })
      .or(page.getByRole('link', { name, exact: true }))
      .first();
    await tab.click();
    await page.waitForURL(url => url.pathname.endsWith(urlEnd));
  };
  const slug = name =>
    name
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 60);
  const step = (name, fn) =>
    check(name, async () => {
      try {
        return await fn();
      } catch (e) {
        await shot(`failed-${slug(name)}`);
        throw e;
      }
    });

  try {
    await step('guest sign-in', async () => {
      await page.goto(baseUrl);
      const enter = page.getByRole('button', { name: 'Enter' });
      await enter.waitFor({ timeout: 120_000 });
      await enter.click();
      await page
        .getByRole('link', { name: 'Catalog' })
        .or(page.getByRole('link', { name: 'Home' }))
        .first()
        .waitFor();
      return 'signed in with the Enter button';
    });

    await step('sidebar link to /operating-model', async () => {
      const link = page.locator('a[href$="/operating-model"]').first();
      await link.waitFor();
      return `"${(await text(link)).trim()}"`;
    });

    await step(
      "service card: the backend's targets for payment-service",
      async () => {
        const card = page.getByTestId('operating-model-summary');
        await eventually(async () => {
          await page.goto(
            `${baseUrl}/catalog/default/component/payment-service`,
          );
          await card.waitFor({ timeout: 15_000 });
        });
        await card.scrollIntoViewIfNeeded();
        const t = await text(card);
        await card.screenshot({ path: path.join(shotsDir, `${app}-card.png`) });
        expectText(
          t,
          'You Build It You Run It',
          '99.9%',
          '0:10:05',
          'Weekly',
          'Payments team',
        );
        return (
          t.match(/Availability target ([^A-Z]*)/)?.[0]?.trim() ??
          t.slice(0, 120)
        );
      },
    );

    await step(
      'service card: operatingModel config read in the browser (currency EUR)',
      async () => {
        const t = await text(page.getByTestId('operating-model-summary'));
        expectText(t, '€500K');
        return t.match(/Financial exposure (\S+ an hour)/)?.[0] ?? '€500K';
      },
    );

    await step('service Measures tab', async () => {
      await openTab('Measures', '/measures');
      // No events were sent: the backend's measures come back empty, and every figure says so.
      await page.getByText('No events in this window').waitFor();
      const figures = await page.locator('[data-testid^="figure-"]').count();
      if (figures === 0) throw new Error('no figure cards');
      await shot('measures');
      return `"No events in this window" and ${figures} figure cards`;
    });

    await step(
      '/operating-model page: the directory lists both services with their team',
      async () => {
        await page.goto(`${baseUrl}/operating-model`);
        const rows = page.getByTestId('directory-row');
        const t = await eventually(async () => {
          const payment = rows.filter({ hasText: 'Payment service' });
          await payment.first().waitFor({ timeout: 15_000 });
          await rows
            .filter({ hasText: 'Gift cards' })
            .first()
            .waitFor({ timeout: 15_000 });
          return text(payment.first());
        });
        await shot('page');
        expectText(t, 'Payments team', '99.9%');
        return t.slice(0, 160);
      },
    );

    await step("group's On call card: who is on call now", async () => {
      await page.goto(`${baseUrl}/catalog/default/group/payments-team`);
      const now = page.getByTestId('on-call-now');
      await eventually(async () => {
        await now.waitFor({ timeout: 15_000 });
        const t = await text(now);
        if (!/Ada Lovelace|Alan Turing|Grace Hopper/.test(t)) {
          throw new Error(`no team member on call now: "${t}"`);
        }
      });
      return `on call now: ${await text(now)}`;
    });

    await step(
      "group's On call tab: the team rota with its three people",
      async () => {
        await openTab('On call', '/on-call');
        // The calendar lists who is on the rota (a Group's page has no header above it).
        const header = page.getByTestId('rota-participants');
        await header.waitFor();
        await page.getByText('Team rota', { exact: true }).waitFor();
        // The people's display names replace their entity names once the catalog answers.
        const t = await eventually(async () => {
          const h = await text(header);
          expectText(h, 'Ada Lovelace', 'Alan Turing', 'Grace Hopper');
          return h;
        }, 30_000);
        await shot('group-rota');
        return t;
      },
    );

    await step(
      "domain's On call tab: the out-of-hours rota drawn from the payments team",
      async () => {
        const header = page.getByTestId('rota-header');
        const t = await eventually(async () => {
          await page.goto(`${baseUrl}/catalog/default/domain/commerce/on-call`);
          await page
            .getByText('Out-of-hours rota', { exact: true })
            .waitFor({ timeout: 15_000 });
          const h = await text(header);
          expectText(h, 'Payments team');
          return h;
        });
        await shot('domain-rota');
        return t;
      },
    );

    await step('no uncaught errors in the page', async () => {
      if (pageErrors.length)
        throw new Error(pageErrors.slice(0, 3).join(' | '));
      return 'none';
    });
  } finally {
    await browser.close();
  }
}

module.exports = { checkInBrowser };
