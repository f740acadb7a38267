// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../../src/seed/demo-accounts.ts'

const SCREENSHOT_DIR = process.env['WAYMARK_SCREENSHOTS']

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A browser context as a person would have: the NHS webfont host blocked (it is unreachable offline anyway). */
export async function newContext(browser: Browser, options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: 1280, height: 900 },
  })
  await context.route('https://assets.nhs.uk/**', (route) => route.abort())
  return context
}

/**
 * Runs axe with the WCAG 2.0–2.2 A and AA rules and fails with a readable list of violations.
 * Also saves a full-page screenshot when WAYMARK_SCREENSHOTS names a folder.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  if (SCREENSHOT_DIR) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`),
      fullPage: true,
    })
  }
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  )
  assert.equal(problems.length, 0, `axe found violations on "${label}" (${page.url()}):\n  ${problems.join('\n  ')}`)
}

/** Signs in through the real form; chooses `organisationName` when asked. */
export async function signIn(page: Page, baseUrl: string, email: string, organisationName?: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  if (page.url().includes('/choose-organisation')) {
    if (!organisationName) throw new Error(`${email} has several organisations: say which`)
    await page.getByLabel(organisationName).check()
    await page.getByRole('button', { name: 'Continue' }).click()
  }
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/choose-organisation'),
  )
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(/\/sign-in/)
}
