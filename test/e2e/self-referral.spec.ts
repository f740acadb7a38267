// SPDX-License-Identifier: AGPL-3.0-or-later
// A member of the public asks for support, one question a page, in a real browser: axe on every page and error
// state at desktop and phone widths; then the same journey without JavaScript, going back to change an answer.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { expectAccessible } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()
const SHOTS = process.env['WAYMARK_SCREENSHOTS']

async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForLoadState('domcontentloaded')
}

/** Answers the page on screen by its heading; returns the heading. */
async function answer(page: Page): Promise<string> {
  const heading = (await page.locator('h1').innerText()).trim()
  switch (heading) {
    case 'Which service covers where you live?':
      await page.getByRole('radio').first().check()
      break
    case 'What is your name?':
      await page.getByLabel('First name').fill('Elspeth')
      await page.getByLabel('Last name').fill('Cowie')
      break
    case 'What is your date of birth?':
      await page.getByLabel('Day', { exact: true }).fill('9')
      await page.getByLabel('Month', { exact: true }).fill('9')
      await page.getByLabel('Year', { exact: true }).fill('1949')
      break
    case 'What is your address?':
      await page.getByLabel('Postcode', { exact: true }).fill('AB16 5QS')
      break
    case 'How can we contact you?':
      await page.getByLabel('Phone number (optional)').fill('07700 900011')
      break
    case 'What would you like help with?':
      await page.getByLabel('Loneliness or isolation').check()
      break
    case 'Sharing your details':
      await page
        .getByRole('group', { name: /keeping these details/ })
        .getByLabel('Yes')
        .check()
      await page
        .getByRole('group', { name: /sharing your details/ })
        .getByLabel('No')
        .check()
      break
    case 'Can we tell you how your request is going?':
      // The demo has no GOV.UK Notify key, so texts are not offered.
      assert.equal(await page.getByLabel('Yes, by text message').count(), 0)
      await page.getByLabel('No', { exact: true }).check()
      break
    default:
      break // the optional pages: NHS number, GP practice, preferences, access, what matters
  }
  return heading
}

describe('self-referral in the browser', () => {
  for (const width of [1280, 390]) {
    it(`a member of the public asks for support one question a page and gets a reference (${width} px)`, async () => {
      await demo.withPage(async (page) => {
        await page.setViewportSize({ width, height: 900 })
        await page.goto(`${demo.server.baseUrl}/get-support`)
        await expectAccessible(page, `get-support-${width}`)
        await page
          .getByRole('button', { name: 'Start now' })
          .or(page.getByRole('link', { name: 'Start now' }))
          .click()
        // The first question, sent empty where it is required, shows its error and keeps the page.
        const headings: string[] = []
        let pageHeights = 0
        while (!page.url().endsWith('/self-referral/check')) {
          assert.ok(headings.length < 20, `no end to the pages: ${headings.join(' / ')}`)
          const slug = new URL(page.url()).pathname.split('/').pop()!
          await expectAccessible(page, `self-referral-${slug}-${width}`)
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
          assert.ok(overflow <= 0, `${slug} is ${overflow} px wider than the window`)
          pageHeights = Math.max(pageHeights, await page.evaluate(() => document.documentElement.scrollHeight))
          if (slug === 'name' || slug === 'updates') {
            await next(page)
            await page.getByText('There is a problem').waitFor()
            await expectAccessible(page, `self-referral-${slug}-errors-${width}`)
            if (SHOTS)
              await page.screenshot({ path: `${SHOTS}/self-referral-${width}-${slug}-errors.png`, fullPage: true })
          }
          headings.push(await answer(page))
          if (SHOTS) await page.screenshot({ path: `${SHOTS}/self-referral-${width}-${slug}.png`, fullPage: true })
          await next(page)
        }
        assert.ok(headings.length >= 12, `one question a page: ${headings.length} pages`)
        // The tallest question page must fit about two phone screens (the one-page form was 5,150 px).
        assert.ok(pageHeights < 1900, `the tallest question page is ${pageHeights} px`)
        await expectAccessible(page, `self-referral-check-${width}`)
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/self-referral-${width}-check.png`, fullPage: true })
        await page.getByRole('button', { name: 'Send' }).click()
        await page.waitForURL(/\/self-referral\/sent/)
        await expectAccessible(page, `self-referral-sent-${width}`)
        assert.match(await page.locator('.nhsuk-panel').innerText(), /WM-[A-Z0-9]{4}-[A-Z0-9]{4}/)
      })
    })
  }

  it('works without JavaScript, and going back keeps the answers', async () => {
    await demo.withPage(
      async (page) => {
        await page.goto(`${demo.server.baseUrl}/self-referral`)
        while (!page.url().endsWith('/self-referral/check')) {
          await answer(page)
          await next(page)
        }
        await page.getByRole('link', { name: /Change\s+name/ }).click()
        assert.equal(await page.getByLabel('First name').inputValue(), 'Elspeth')
        await page.getByLabel('First name').fill('Elsie')
        await next(page)
        await page.waitForURL(/\/self-referral\/check$/)
        assert.match(await page.locator('main').innerText(), /Elsie Cowie/)
        await page.getByRole('link', { name: 'Back' }).click()
        assert.equal(await page.getByLabel('No', { exact: true }).isChecked(), true)
        await page.goto(`${demo.server.baseUrl}/self-referral/check`)
        await page.getByRole('button', { name: 'Send' }).click()
        await page.waitForURL(/\/self-referral\/sent/)
      },
      { javaScript: false },
    )
  })
})
