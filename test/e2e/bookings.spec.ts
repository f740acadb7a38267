// SPDX-License-Identifier: AGPL-3.0-or-later
// Booked contacts and the diary in a real browser, with axe on every page state: a link worker sees today's
// bookings, books a home visit (the safety check refusing it first), records it from the booking without being
// asked the check again, and makes a diary address their calendar can read. At desktop and phone widths.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()
const LINK_WORKER = 'sam.okafor@waymark.example'
const SHOTS = process.env['WAYMARK_SCREENSHOTS']

function tomorrow(): { day: string; month: string; year: string } {
  const date = new Date(Date.now() + 36 * 3_600_000)
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date).split('-')
  return { day: day!, month: month!, year: year! }
}

describe('booked contacts in the browser', () => {
  for (const width of [1280, 390]) {
    it(`a link worker books a home visit, records it from the booking, and subscribes to their diary (${width} px)`, async () => {
      await demo.withPage(async (page) => {
        await page.setViewportSize({ width, height: 900 })
        const shot = async (name: string) => {
          if (SHOTS) await page.screenshot({ path: `${SHOTS}/bookings-${width}-${name}.png`, fullPage: true })
        }
        await signIn(page, demo.server.baseUrl, LINK_WORKER)
        await page.goto(`${demo.server.baseUrl}/caseload`)
        await page.getByRole('heading', { name: 'Booked for today' }).waitFor()
        await page.getByText(/14:00 to 14:20/).waitFor()
        await expectAccessible(page, `caseload-booked-${width}`)
        await shot('caseload')

        await page
          .getByText(/14:00 to 14:20/)
          .getByRole('link')
          .or(page.locator('.app-bookings a').first())
          .first()
          .click()
        await page.getByRole('button', { name: 'Book a contact' }).click()
        await page.waitForURL(/\/bookings\/new$/)
        await expectAccessible(page, `book-contact-${width}`)
        await page.getByLabel('Home visit').check()
        const when = tomorrow()
        await page.getByLabel('Day').fill(when.day)
        await page.getByLabel('Month').fill(when.month)
        await page.getByLabel('Year').fill(when.year)
        await page.getByLabel('Time').fill('09:15')
        await page.getByRole('button', { name: 'Book contact' }).click()
        await page.getByText('There is a problem').waitFor()
        await page.getByText('Select whether someone will know where you are').first().waitFor()
        assert.equal(await page.getByLabel('Time').inputValue(), '09:15', 'what was typed is kept')
        await expectAccessible(page, `book-contact-errors-${width}`)
        await shot('book-errors')
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 0, `the booking form is ${overflow} px wider than the window`)

        await page
          .getByRole('group', { name: /know where you are/ })
          .getByLabel('Yes')
          .check()
        await page
          .getByRole('group', { name: /known risks at the address/ })
          .getByLabel('No')
          .check()
        await page
          .getByRole('group', { name: /check-in arranged/ })
          .getByLabel('Yes')
          .check()
        await page.getByRole('button', { name: 'Book contact' }).click()
        await page.waitForURL(/saved=booked/)
        await page.getByText(/The contact is booked for \w+day \d+ \w+ \d{4} at 09:15\./).waitFor()
        await expectAccessible(page, `episode-booked-${width}`)
        await shot('episode')

        await page.getByRole('link', { name: /Record this contact booked for .* at 09:15/ }).click()
        await page.getByText(/This records the contact booked for/).waitFor()
        await expectAccessible(page, `record-booked-contact-${width}`)
        await shot('record')
        await page.goBack()
        await page.getByRole('button', { name: /Cancel booking for .* at 09:15/ }).click()
        await page.getByText('The booking has been cancelled.').waitFor()

        await page.goto(`${demo.server.baseUrl}/caseload/diary`)
        await expectAccessible(page, `diary-${width}`)
        await page.getByRole('button', { name: /Make (my|a new) diary address/ }).click()
        await page.getByText('Copy your diary address now').waitFor()
        await expectAccessible(page, `diary-address-${width}`)
        await shot('diary')
        const address = await page.getByLabel('Your diary address').inputValue()
        const feed = await page.request.get(address.replace(/^https?:\/\/[^/]+/, demo.server.baseUrl))
        assert.equal(feed.status(), 200)
        assert.match(feed.headers()['content-type'] ?? '', /text\/calendar/)
        assert.match(await feed.text(), /BEGIN:VEVENT/)
      })
    })
  }
})
