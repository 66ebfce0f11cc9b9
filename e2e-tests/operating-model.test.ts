import { Page, expect, test } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  // The sidebar's nav element itself has no size; its links are what a person sees.
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();
}

test('the bedroom service shows its operating model card with 99.0%', async ({ page }) => {
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
  await expect(card.getByText('Daily')).toBeVisible();
});

test('the selector chart places every service and links to its page', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/operating-model');
  const chart = page.getByRole('img', { name: /Operating model selector/ });
  await expect(chart).toBeVisible({ timeout: 60_000 });
  const bedroom = chart.getByRole('link', { name: 'Bedroom shop' });
  await expect(bedroom).toBeVisible();
  await bedroom.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/bedroom/);
});

test('a domain page shows the out-of-hours rota drawn from its teams, with today marked', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/domain/furnishing/on-call');
  await expect(page.getByText('Out-of-hours rota')).toBeVisible({ timeout: 60_000 });
  const header = page.getByTestId('rota-header');
  await expect(header).toContainText('Bedroom team');
  await expect(header).toContainText('Kitchen & Dining team');
  await expect(page.getByText('Today', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /Add an override/i })).toBeVisible();
});

test('the bedroom card says who is paged right now', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/bedroom');
  await expect(page.getByText(/Paged now \((working hours|out of hours)\)/)).toBeVisible({
    timeout: 60_000,
  });
});
