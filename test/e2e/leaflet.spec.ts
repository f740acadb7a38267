// SPDX-License-Identifier: AGPL-3.0-or-later
// The plan leaflet in a real browser with axe: a link worker sets up their leaflet details and photo (the
// form refusing bad details first), then opens a person's leaflet, its large print version and the PDF, and
// checks what prints. Also a draft plan's leaflet, and the page for someone with no plan yet.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { placeholderPortrait } from '../../src/modules/casework/link-workers.seed.ts'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

const LINK_WORKER = 'megan.reid@waymark.example'
const SCREENSHOT_DIR = process.env['WAYMARK_SCREENSHOTS']

/** Every person on the caseload, as links to their episode. */
async function caseloadHrefs(page: Page): Promise<string[]> {
  await page.goto(`${demo.server.baseUrl}/caseload?show=all`)
  const everyone = page
    .locator('table')
    .filter({ has: page.locator('caption', { hasText: /Everyone|people|person/ }) })
    .last()
  const hrefs = await everyone.locator('tbody a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
  return [...new Set(hrefs)].filter((href) => /^\/caseload\/[0-9a-f-]{36}$/.test(href))
}

/** The leaflet address of the first person with an agreed plan, only a draft, or no plan at all. */
async function findLeaflet(page: Page, want: 'agreed' | 'draft' | 'none'): Promise<string> {
  for (const href of await caseloadHrefs(page)) {
    const url = `${demo.server.baseUrl}${href}/plan/leaflet`
    await page.goto(url)
    const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? ''
    const plan = heading.startsWith('Your plan with')
    const draft = plan && (await page.getByText('Draft – not yet agreed').count()) > 0
    const found = { agreed: plan && !draft, draft, none: heading.startsWith('There is no plan') }[want]
    if (found) return url
  }
  throw new Error(`No one on the demo caseload has the leaflet wanted (${want})`)
}

describe('the plan leaflet in the browser', () => {
  it('a link worker sets up their leaflet details and photo, fixing mistakes first', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.goto(`${demo.server.baseUrl}/caseload`)
      await page.getByRole('link', { name: 'Your details for plan leaflets' }).click()
      await page.getByRole('heading', { level: 1, name: 'Your details for plan leaflets' }).waitFor()
      await expectAccessible(page, 'leaflet-profile')
      // The demo gave Megan a placeholder photo.
      await page.getByAltText('Your current photo').waitFor()

      await page.getByLabel('Your name as it should appear on leaflets').fill('')
      await page.getByLabel('Work phone number').fill('12345')
      await page.getByLabel('When you are available (optional)').fill('Tuesdays and Thursdays')
      await page.getByRole('button', { name: 'Save details' }).click()
      await page.getByText('There is a problem').waitFor()
      await page.getByRole('link', { name: 'Enter your name as it should appear on leaflets' }).waitFor()
      assert.equal(await page.getByLabel('Work phone number').inputValue(), '12345')
      assert.equal(await page.getByLabel('When you are available (optional)').inputValue(), 'Tuesdays and Thursdays')
      await expectAccessible(page, 'leaflet-profile-errors')

      await page.getByLabel('Your name as it should appear on leaflets').fill('Megan Reid')
      await page.getByLabel('Work phone number').fill('07700 900 318')
      await page.locator('input[type=file][name=photo]').setInputFiles({
        name: 'megan.png',
        mimeType: 'image/png',
        buffer: placeholderPortrait([230, 214, 196]),
      })
      await page.getByRole('button', { name: 'Save details' }).click()
      await page.getByText('Your details for plan leaflets have been saved.').waitFor()
      assert.equal(await page.getByLabel('When you are available (optional)').inputValue(), 'Tuesdays and Thursdays')
      const loaded = await page
        .getByAltText('Your current photo')
        .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)
      assert.ok(loaded, 'the new photo is shown')
    })
  })

  it('saves the details and a photo without JavaScript', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
        await page.goto(`${demo.server.baseUrl}/caseload/profile`)
        await page.getByLabel('When you are available (optional)').fill('Mondays and Fridays, 9am to 1pm')
        await page.locator('input[type=file][name=photo]').setInputFiles({
          name: 'sam.png',
          mimeType: 'image/png',
          buffer: placeholderPortrait([196, 214, 232]),
        })
        await page.getByRole('button', { name: 'Save details' }).click()
        await page.getByText('Your details for plan leaflets have been saved.').waitFor()
        assert.equal(
          await page.getByLabel('When you are available (optional)').inputValue(),
          'Mondays and Fridays, 9am to 1pm',
        )
        await page.getByAltText('Your current photo').waitFor()
      },
      { javaScript: false },
    )
  })

  it('prints a person’s leaflet, in large print too, and downloads the PDF', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      const url = await findLeaflet(page, 'agreed')
      // The episode page leads to the leaflet once a plan is agreed.
      await page.goto(url.replace('/plan/leaflet', ''))
      await page.getByRole('link', { name: /Print the plan leaflet/ }).click()
      await page.waitForURL(url)
      await page.getByRole('heading', { level: 1, name: 'Your plan with Megan Reid' }).waitFor()
      await page.getByRole('heading', { level: 2, name: 'What matters to you' }).waitFor()
      await page.getByText(/NHS 111/).waitFor()
      const photo = page.getByAltText('Photo of Megan Reid')
      assert.ok(await photo.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0), 'the photo loads')
      await expectAccessible(page, 'leaflet')

      // What prints: no header, navigation, footer or page controls; the leaflet itself, in black.
      await page.emulateMedia({ media: 'print' })
      assert.equal(await page.locator('header.nhsuk-header').isVisible(), false)
      assert.equal(await page.locator('footer.nhsuk-footer').isVisible(), false)
      assert.equal(await page.getByRole('link', { name: /as a PDF/ }).isVisible(), false)
      assert.equal(await page.getByRole('heading', { level: 1, name: 'Your plan with Megan Reid' }).isVisible(), true)
      const bodySize = await page
        .locator('.app-leaflet p')
        .first()
        .evaluate((p) => parseFloat(getComputedStyle(p).fontSize))
      assert.equal(Math.round(bodySize), 16) // 12 point
      if (SCREENSHOT_DIR) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true })
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'leaflet-print.png'), fullPage: true })
      }
      await page.emulateMedia({ media: 'screen' })

      await page.getByRole('link', { name: 'Large print version' }).click()
      await page.waitForURL(/size=large/)
      await page.getByRole('link', { name: 'Standard print version' }).waitFor()
      await expectAccessible(page, 'leaflet-large')
      await page.emulateMedia({ media: 'print' })
      const largeSize = await page
        .locator('.app-leaflet p')
        .first()
        .evaluate((p) => parseFloat(getComputedStyle(p).fontSize))
      assert.ok(largeSize >= 24, `large print body is ${largeSize}px (18 point is 24px)`)
      if (SCREENSHOT_DIR)
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'leaflet-large-print.png'), fullPage: true })
      await page.emulateMedia({ media: 'screen' })

      const pdfHref = await page.getByRole('link', { name: /large print leaflet as a PDF/ }).getAttribute('href')
      const pdf = await page.request.get(`${demo.server.baseUrl}${pdfHref}`)
      assert.equal(pdf.status(), 200)
      assert.equal(pdf.headers()['content-type'], 'application/pdf')
      assert.match(pdf.headers()['content-disposition']!, /^inline; filename="plan-leaflet-.+-large-print\.pdf"$/)
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
    })
  })

  it('marks a draft plan’s leaflet as not yet agreed', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.goto(await findLeaflet(page, 'draft'))
      await page.getByText('Draft – not yet agreed').waitFor()
      await expectAccessible(page, 'leaflet-draft')
    })
  })

  it('says when there is no plan to print yet', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      const url = await findLeaflet(page, 'none')
      await page.goto(url)
      await page.getByRole('heading', { level: 1, name: /There is no plan for .+ yet/ }).waitFor()
      await expectAccessible(page, 'leaflet-no-plan')
      const pdf = await page.request.get(url.replace('/plan/leaflet', '/plan/leaflet.pdf'))
      assert.equal(pdf.status(), 404)
      assert.doesNotMatch(pdf.headers()['content-type']!, /pdf/)
    })
  })
})
