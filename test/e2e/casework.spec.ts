// SPDX-License-Identifier: AGPL-3.0-or-later
// Casework in a real browser with axe on every page state: a link worker opens their caseload, records a
// home visit (the risk check refusing it first), changes the complexity, and pauses and resumes support.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

const LINK_WORKER = 'megan.reid@waymark.example'

/** Opens the first person on the caseload, resuming support if the demo left it paused. */
async function openFirstCase(page: Page): Promise<string> {
  await page.goto(`${demo.server.baseUrl}/caseload`)
  const everyone = page
    .locator('table')
    .filter({ has: page.locator('caption', { hasText: /Everyone|people|person/ }) })
    .last()
  const link = everyone.locator('tbody a').first()
  const name = (await link.textContent())!.trim()
  await link.click()
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor()
  if (await page.getByRole('button', { name: 'Resume support' }).isVisible()) {
    await page.getByRole('button', { name: 'Resume support' }).click()
    await page.getByText('Support has resumed').waitFor()
  }
  return page.url()
}

describe('casework in the browser', () => {
  it('a link worker sees their caseload, sorted and filtered without JavaScript', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, LINK_WORKER)
        await page.getByRole('link', { name: 'My caseload' }).first().click()
        await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor()
        // One list to work down, new people first.
        await page.getByText(/Everyone: \d+ people/).waitFor()
        await page.getByText(/new people first/).waitFor()
        await page.getByLabel('Sort by').selectOption('name')
        await page.getByLabel('Show').selectOption('flagged')
        await page.getByRole('button', { name: 'Update list' }).click()
        await page.waitForURL(/sort=name/)
        assert.match(page.url(), /show=flagged/)
        await page.getByText(/With a risk flag: \d+/).waitFor()
      },
      { javaScript: false },
    )
  })

  it('records a home visit only after the risk check, then pauses and resumes', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.goto(`${demo.server.baseUrl}/caseload`)
      await expectAccessible(page, 'caseload')
      // On a 390-pixel phone the caseload reflows into cards instead of running off the screen.
      await page.setViewportSize({ width: 390, height: 844 })
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the caseload is ${overflow} px wider than a phone`)
      await expectAccessible(page, 'caseload-phone')
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.goto(`${demo.server.baseUrl}/caseload?show=flagged&sort=name`)
      await expectAccessible(page, 'caseload-filtered')
      const caseUrl = await openFirstCase(page)
      await expectAccessible(page, 'episode')

      await page.getByRole('button', { name: 'Record a contact' }).click()
      await page.waitForURL(/\/contacts\/new$/)
      await expectAccessible(page, 'record-contact')
      await page.getByLabel('Home visit').check()
      await page.getByLabel('How long it took, in minutes').fill('45')
      await page.getByLabel('Notes (optional)').fill('Met at home; talked about the allotment.')
      await page.getByRole('button', { name: 'Record contact' }).click()
      await page.getByText('There is a problem').waitFor()
      await page.getByText('Select whether someone knew where you were').first().waitFor()
      assert.equal(await page.getByLabel('Notes (optional)').inputValue(), 'Met at home; talked about the allotment.')
      await expectAccessible(page, 'record-contact-errors')

      await page
        .getByRole('group', { name: /know where you were/ })
        .getByLabel('Yes')
        .check()
      await page.getByLabel('What time did you expect to finish?').fill('15:30')
      await page
        .getByRole('group', { name: /known risks at the address/ })
        .getByLabel('No')
        .check()
      await page
        .getByRole('group', { name: /check-in arranged/ })
        .getByLabel('Yes')
        .check()
      await page.getByRole('button', { name: 'Record contact' }).click()
      await page.waitForURL(/saved=contact/)
      await page.getByText('The contact has been recorded.').waitFor()
      await page.getByText('Risk check done, finish by 15:30').first().waitFor()

      await page.getByRole('link', { name: /Change\s+pathway/ }).click()
      await page.waitForURL(/\/details$/)
      await expectAccessible(page, 'episode-details')
      await page.getByLabel(/Level 3/).check()
      await page.getByLabel('Why this level?').fill('Recent bereavement and money worries.')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('The pathway, complexity and allowance have been saved.').waitFor()

      await page.getByRole('button', { name: 'Pause support' }).click()
      await page.waitForURL(/\/pause$/)
      await page.getByRole('button', { name: 'Pause support' }).click()
      await page.getByText('Select why support is being paused').first().waitFor()
      await expectAccessible(page, 'pause-errors')
      await page.getByLabel('Hospital stay').check()
      await page.getByRole('button', { name: 'Pause support' }).click()
      await page
        .getByText(/Support is paused/)
        .first()
        .waitFor()
      await expectAccessible(page, 'episode-paused')
      await page.getByRole('button', { name: 'Resume support' }).click()
      await page.getByText('Support has resumed').waitFor()
      assert.equal(page.url().split('?')[0], caseUrl.split('?')[0])
    })
  })
})
