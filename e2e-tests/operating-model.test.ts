import { Locator, Page, expect, test } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  // The sidebar's nav element itself has no size; its links are what a person sees.
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('the bedroom service shows its operating model card with 99.0%', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/bedroom');
  const card = page.getByTestId('operating-model-summary');
  // The catalog ingests the example organisation a few seconds after start-up.
  await expect(async () => {
    await page.reload();
    await expect(card).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
  await expect(card.getByText('99.0%')).toBeVisible();
  await expect(card.getByText('You Build It You Run It').first()).toBeVisible();
  await expect(card.getByText('1:40:48', { exact: false })).toBeVisible();
  await expect(card.getByText('Daily', { exact: true })).toBeVisible();
});

test('the selector chart places every service and links to its page', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/operating-model?tab=selector');
  const chart = page.getByRole('img', { name: /Operating model selector/ });
  await expect(chart).toBeVisible({ timeout: 60_000 });
  const bedroom = chart.getByRole('link', { name: 'Bedroom shop' });
  await expect(bedroom).toBeVisible();
  await bedroom.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/bedroom/);
});

test('a domain page shows the out-of-hours rota drawn from its teams, with today marked', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/domain/furnishing/on-call');
  await expect(
    page.getByText('Out-of-hours rota', { exact: true }),
  ).toBeVisible({ timeout: 60_000 });
  const header = page.getByTestId('rota-header');
  await expect(header).toContainText('Bedroom team');
  await expect(header).toContainText('Kitchen & Dining team');
  await expect(page.getByText('Today', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('button', { name: /Add an override/i }),
  ).toBeVisible();
});

test('the bedroom card says who is paged right now', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/bedroom');
  await expect(page.getByTestId('paged-now')).toContainText(
    /^Paged now: .+: (working hours|out of hours), .+ rota/,
    { timeout: 60_000 },
  );
});

/**
 * What a surface says of who is on call, part by part (the shared words mark each part), once
 * the catalog's names have replaced the refs the page shows first (`declan-byrne`).
 */
async function onCallParts(where: Locator): Promise<Record<string, string>> {
  await expect(where.locator('[data-on-call="person"]')).toHaveText(/^[A-Z]/);
  await expect(where.locator('[data-on-call="schedule"]')).toHaveText(
    /^([A-Z].* rota|no out-of-hours rota)$/,
  );
  return where.evaluate(element =>
    Object.fromEntries(
      [...element.querySelectorAll('[data-on-call]')].map(part => [
        part.getAttribute('data-on-call'),
        (part.textContent ?? '').trim(),
      ]),
    ),
  );
}

/** That a surface says these parts, waiting for them as a person would. */
async function expectOnCallParts(
  where: Locator,
  parts: Record<string, string>,
) {
  for (const [role, text] of Object.entries(parts)) {
    await expect(where.locator(`[data-on-call="${role}"]`)).toHaveText(text);
  }
  await expect(where.locator('[data-on-call]')).toHaveCount(
    Object.keys(parts).length,
  );
}

test('the Group card, the service card and the lookup say the same of who is on call for the bedroom shop', async ({
  page,
}) => {
  await signInAsGuest(page);
  // Each screen asks at its own moment: should a shift or working hours end between two of them,
  // the three are read again.
  await expect(async () => {
    await page.goto('/catalog/default/group/bedroom-team');
    const groupCard = page
      .getByTestId('on-call-paged-answer')
      .filter({ hasText: 'Bedroom shop' });
    await expect(groupCard).toBeVisible({ timeout: 60_000 });
    const parts = await onCallParts(groupCard);
    expect(parts.period).toMatch(/^(working hours|out of hours)$/);
    expect(parts.until ?? '').toMatch(/^until .+ (GMT|UTC|BST)/);

    await page.goto('/catalog/default/component/bedroom');
    const card = page.getByTestId('paged-now');
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expectOnCallParts(card, parts);

    await page.goto('/operating-model?tab=selector');
    await page.getByRole('textbox', { name: 'Service' }).fill('bedroom');
    await page.getByRole('option', { name: /Bedroom shop/ }).click();
    const lookup = page.getByTestId('who-is-paged');
    await expect(lookup).toBeVisible({ timeout: 60_000 });
    await expectOnCallParts(lookup, parts);
  }).toPass({ timeout: 240_000 });
});

test('a service’s measures tab draws its charts from the demo events', async ({
  page,
}) => {
  await signInAsGuest(page);
  // The start command loads a year of demo events once the backend answers.
  await expect(async () => {
    await page.goto('/catalog/default/component/bedroom/measures');
    await expect(page.locator('.recharts-surface').first()).toBeVisible({
      timeout: 15_000,
    });
  }).toPass({ timeout: 180_000 });
  await expect(page.getByText('Deployment frequency').first()).toBeVisible();
});

test('the teams and services view searches as you type and filters', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/operating-model');
  const rows = page.getByTestId('directory-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  const search = page.getByRole('textbox', {
    name: 'Search services, teams, domains and people',
  });
  await search.fill('bedroom');
  await expect(
    page.locator('[data-ref="component:default/bedroom"]'),
  ).toBeVisible();
  await expect(
    page.locator('[data-ref="component:default/checkout"]'),
  ).toHaveCount(0);
  await search.fill('');
  await page.getByLabel('Annotation or ownership problems').check();
  await expect(page.getByTestId('directory-count')).toBeVisible();
  await expect(
    page.locator('[data-ref="component:default/bedroom"]'),
  ).toHaveCount(0);
});

test('the incident loss calculator says how fast to restore', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/operating-model?tab=incident-loss');
  const calculator = page.getByTestId('incident-loss-calculator');
  await expect(calculator).toBeVisible({ timeout: 60_000 });
  await calculator.getByLabel('Service').click();
  await page
    .getByRole('option', { name: /Bedroom shop/ })
    .first()
    .click();
  await calculator.getByLabel('Users cannot complete their journey').check();
  const verdict = page.getByTestId('incident-loss-verdict');
  await expect(verdict).toContainText('Major incident');
});

test('the onboarding form shows the targets the answers give, and the catalog-info.yaml', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/operating-model?tab=onboarding');
  await page.getByLabel('Service name').fill('bedroom-recommendations');
  await page
    .getByRole('textbox', { name: 'Financial exposure per hour', exact: true })
    .fill('200K');
  await page.getByLabel('Feature demand').selectOption('very-high');
  const targets = page.getByTestId('onboarding-targets');
  await expect(targets).toContainText('99.0%');
  await expect(targets).toContainText('1:40:48');
  await expect(page.getByTestId('catalog-info-yaml')).toContainText(
    'operating-model.io/financial-exposure',
  );
});

test('services with a missing or unreadable annotation stay in the catalog, with their problems on the card, in the directory and in the problems view', async ({
  page,
}) => {
  // assembly-booking has no financial-exposure at all; delivery-tracking says its feature demand is "huge".
  const services = [
    {
      name: 'assembly-booking',
      title: 'Assembly booking',
      annotation: 'operating-model.io/financial-exposure',
      problem: /The annotation is missing/,
    },
    {
      name: 'delivery-tracking',
      title: 'Delivery tracking',
      annotation: 'operating-model.io/feature-demand',
      problem: /"huge" is not a feature demand band/,
    },
  ];
  await signInAsGuest(page);

  // The catalog list: the catalog ingests the example a few seconds after start-up.
  await expect(async () => {
    // The example app's catalog is its landing page.
    await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');
    for (const service of services) {
      await expect(
        page.getByRole('link', { name: service.title, exact: true }),
      ).toBeVisible({ timeout: 10_000 });
    }
  }).toPass({ timeout: 90_000 });

  // Each entity page's card, with the problem and the line to write.
  for (const service of services) {
    await page.goto(`/catalog/default/component/${service.name}`);
    const card = page.getByTestId('operating-model-summary');
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expect(card.getByText(service.problem)).toBeVisible();
    await expect(card.getByTestId('problem-fix').first()).toContainText(
      `${service.annotation}: "`,
    );
  }

  // The directory, with the "has problems" filter on.
  await page.goto('/operating-model');
  await expect(page.getByTestId('directory-row').first()).toBeVisible({
    timeout: 60_000,
  });
  await page.getByLabel('Annotation or ownership problems').check();
  const search = page.getByRole('textbox', {
    name: 'Search services, teams, domains and people',
  });
  for (const service of services) {
    await search.fill(service.title);
    const row = page.locator(`[data-ref="component:default/${service.name}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByText(/\d+ annotation problems?/)).toBeVisible();
  }
  await expect(
    page.locator('[data-ref="component:default/bedroom"]'),
  ).toHaveCount(0);

  // The platform team's problems view, by owning team, with the fix.
  await page.goto('/operating-model?tab=problems');
  const aftercare = page.locator(
    '[data-testid="team-problems"][data-owner="group:default/aftercare-team"]',
  );
  await expect(aftercare).toBeVisible({ timeout: 60_000 });
  for (const service of services) {
    const row = aftercare
      .getByRole('row')
      .filter({ hasText: service.title })
      .filter({ hasText: service.annotation });
    await expect(row).toBeVisible();
    await expect(row.getByText(service.problem)).toBeVisible();
    await expect(
      row.getByRole('link', { name: service.title }),
    ).toHaveAttribute('href', `/catalog/default/component/${service.name}`);
  }
  await expect(aftercare).toContainText(
    'operating-model.io/financial-exposure: "200K"',
  );
  await expect(aftercare).toContainText('huge');
});

test('the data sources tab lists each installed source as off, with the key that turns it on', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/operating-model?tab=sources');
  await expect(page.getByRole('tab', { name: 'Data sources' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // The example backend adds the data-source modules; each is off until
  // operatingModel.sources.<id> is configured.
  for (const [id, kinds] of [
    ['github', 'Deployments'],
    ['pagerduty', 'Incidents'],
    ['prometheus', 'Availability'],
  ]) {
    const source = page.getByTestId(`source-${id}`);
    await expect(source).toBeVisible({ timeout: 60_000 });
    await expect(source).toHaveAttribute('data-state', 'off');
    await expect(
      source.getByText(`operatingModel.sources.${id}`, { exact: true }),
    ).toBeVisible();
    await expect(source.getByTestId('source-kinds')).toHaveText(kinds);
  }
});
