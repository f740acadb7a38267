// SPDX-License-Identifier: AGPL-3.0-or-later
// Reports in a real browser with axe on every page state: the commissioner signs in to the demo, finds the
// activity report from their home page, sees the chart and its tables with small numbers suppressed, picks a
// period and a service, downloads a table as CSV and the whole report as a PDF, and reaches no person's record. A
// supervisor reads their own service's exact figures on a phone and estimates a return on investment, a period
// that is not offered is explained, and the filters work without JavaScript (axe needs script, so it runs on the
// pages with it). A link worker records a need no service could
// meet, which those reports count.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

describe('reports in the browser', () => {
  it('a commissioner reads the area’s referral activity, suppressed, and downloads a table', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'david.stewart@waymark.example')
      await page.getByRole('link', { name: 'See referral activity' }).click()
      await page.getByRole('heading', { name: 'Referral activity', level: 1 }).waitFor()
      await page.getByText('counts of 1 to 7 are shown as *').waitFor()
      assert.equal(await page.locator('svg.app-chart[role="img"]').count(), 1)
      await page.getByRole('table', { name: 'Referrals received each month, by how they arrived' }).waitFor()
      await expectAccessible(page, 'reports-commissioner')

      // This financial year, for the one service in the area.
      await page.getByLabel('Period', { exact: true }).selectOption({ index: 0 })
      await page.getByLabel('Service').selectOption({ label: 'Granite City Social Prescribing Service' })
      await page.getByRole('button', { name: 'Show figures' }).click()
      await page.waitForURL(/period=fy-\d{4}&service=/)
      await page.getByRole('heading', { name: 'Referral activity', level: 1 }).waitFor()
      await expectAccessible(page, 'reports-commissioner-filtered')

      // The link downloads (the browser's own request, with the session's cookie).
      const link = page.getByRole('link', {
        name: /Download this table as a spreadsheet \(CSV\)\s*: Referrals by referring organisation/,
      })
      const response = await page.request.get(`${demo.server.baseUrl}${await link.getAttribute('href')}`)
      assert.equal(response.status(), 200)
      assert.match(response.headers()['content-disposition'] ?? '', /^attachment; filename="report-by-referrer-fy-/)
      const csv = await response.text()
      assert.match(
        csv,
        /^Referring organisation,Accepted,Declined,Withdrawn or cancelled,Awaiting a decision,Received\r\n/,
      )
      // Every count is 0, hidden or a multiple of 5.
      const counts = csv
        .split('\r\n')
        .slice(1, -1)
        .flatMap((line) => line.split(',').slice(1))
      assert.ok(counts.length > 0)
      for (const count of counts) assert.match(count, /^(\*|0|\d*[05])$/)

      // The whole report to print, as the browser fetches it.
      const printable = page.getByRole('link', { name: 'Download the whole report to print (PDF)' })
      const pdf = await page.request.get(`${demo.server.baseUrl}${await printable.getAttribute('href')}`)
      assert.equal(pdf.status(), 200)
      assert.equal(pdf.headers()['content-type'], 'application/pdf')
      const bytes = await pdf.body()
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
      assert.ok(bytes.length > 5000, `a PDF of ${bytes.length} bytes`)

      // No person's record is reachable.
      for (const path of ['/referrals', '/people', '/caseload', '/team', '/audit']) {
        const response = await page.goto(`${demo.server.baseUrl}${path}`)
        assert.equal(response?.status(), 403, path)
      }
    })
  })

  it('a supervisor reads exact figures on a phone; a period not offered is explained', async () => {
    await demo.withPage(async (page) => {
      await page.setViewportSize({ width: 390, height: 844 })
      await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
      await page.goto(`${demo.server.baseUrl}/reports`)
      await page.getByRole('heading', { name: 'Referral activity', level: 1 }).waitFor()
      assert.equal(await page.getByText('counts of 1 to 7 are shown as *').count(), 0)
      assert.equal(await page.getByLabel('Service').count(), 0)
      await expectAccessible(page, 'reports-supervisor-phone')

      await page.goto(`${demo.server.baseUrl}/reports?period=fy-1999`)
      await page.getByText('There is a problem').waitFor()
      await page.getByRole('link', { name: 'Select a period from the list' }).click()
      await expectAccessible(page, 'reports-error')
    })
  })

  it('a supervisor estimates a return on investment from local costs, and is told what is missing', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
      await page.goto(`${demo.server.baseUrl}/reports?period=12m`)
      await page.getByText('Estimate a return on investment').click()
      await page.getByLabel('Cost of a GP appointment').fill('42')
      await page.getByRole('button', { name: 'Show figures' }).click()
      await page.getByText('There is a problem').waitFor()
      await page.getByRole('link', { name: 'Enter the cost of an A&E attendance too, or clear every cost' }).waitFor()
      assert.equal(await page.getByLabel('Cost of a GP appointment').inputValue(), '42')
      await expectAccessible(page, 'reports-return-errors')
      await page.getByLabel('Cost of an A&E attendance').fill('250')
      await page.getByLabel('Cost of a 999 call').fill('400')
      await page.getByLabel('Cost of a hospital admission').fill('2,000')
      await page.getByLabel('Cost of running social prescribing over these dates').fill('£150,000')
      await page.getByRole('button', { name: 'Show figures' }).click()
      await page.getByRole('table', { name: /Return on investment: health service use/ }).waitFor()
      await page.getByRole('rowheader', { name: 'Returned for each £1 spent' }).waitFor()
      await expectAccessible(page, 'reports-return')
    })
  })

  it('the filters work without JavaScript', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
        await page.goto(`${demo.server.baseUrl}/reports`)
        await page.getByLabel('Period', { exact: true }).selectOption({ label: 'The last 12 months' })
        await page.getByRole('button', { name: 'Show figures' }).click()
        await page.waitForURL(/period=12m/)
        await page.getByText(/^The last 12 months\. Counted from live records/).waitFor()
      },
      { javaScript: false },
    )
  })

  it('a link worker records a need no service could meet from the suggestions, in two clicks and a choice', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
      await page.goto(`${demo.server.baseUrl}/caseload`)
      const hrefs = await page
        .locator('a[href^="/caseload/"]')
        .evaluateAll((links) =>
          links.map((a) => a.getAttribute('href') ?? '').filter((href) => /^\/caseload\/[0-9a-f-]{36}$/.test(href)),
        )
      assert.ok(hrefs.length > 0, 'someone on the caseload')
      await page.goto(`${demo.server.baseUrl}${hrefs[0]}/connections/suggestions`)
      await page.getByRole('link', { name: 'Record a need no service could meet' }).click()
      await page.getByRole('heading', { name: 'Record a need no service could meet', level: 1 }).waitFor()
      await page.getByRole('button', { name: 'Record the unmet need' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'unmet-need-errors')
      await page.getByRole('group', { name: 'Which need could no service meet?' }).getByRole('radio').first().check()
      await page.getByLabel('Waiting list too long').check()
      await page.getByRole('button', { name: 'Record the unmet need' }).click()
      await page.getByText('The unmet need is recorded.').waitFor()
      await page.getByText(/Recorded for .*: .*waiting list too long/).waitFor()
      await expectAccessible(page, 'unmet-need-recorded')
    })
  })
})
