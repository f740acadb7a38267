// SPDX-License-Identifier: AGPL-3.0-or-later
// The person record in a real browser with axe on every page state: a link worker finds a person, edits their
// details (with errors first), records a consent decision and raises and ends a flag; the supervisor compares
// two records of one person, merges them and undoes the merge.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

const LINK_WORKER = 'megan.reid@waymark.example'
const SUPERVISOR = 'priya.shah@waymark.example'

describe('the person record in the browser', () => {
  it('a link worker finds a person, edits details, records consent and raises and ends a flag', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.getByRole('link', { name: 'People' }).first().click()
      await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor()
      await expectAccessible(page, 'people-search')
      await page.getByLabel('Name').fill('x')
      await page.getByLabel('NHS number').fill('123')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByText('There is a problem').waitFor()
      assert.equal(await page.getByLabel('NHS number').inputValue(), '123')
      await expectAccessible(page, 'people-search-errors')
      await page.getByLabel('Name').fill('Cruickshank')
      await page.getByLabel('NHS number').fill('485 777 3457')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByText('1 person found').waitFor()
      await page.getByText('Other risk').first().waitFor()
      await expectAccessible(page, 'people-search-results')

      await page.getByRole('link', { name: 'Isobel Cruickshank' }).click()
      await page.getByRole('heading', { level: 1, name: /Isobel Cruickshank/ }).waitFor()
      await page.getByText('Oxygen in use at home').waitFor()
      await page.getByRole('heading', { name: 'Referrals and support' }).waitFor()
      await expectAccessible(page, 'person')

      await page.getByRole('button', { name: 'Edit details' }).click()
      await page.getByRole('heading', { level: 1, name: /Edit details/ }).waitFor()
      await expectAccessible(page, 'person-details')
      await page.getByLabel('Phone number (optional)').fill('ring me')
      await page.getByLabel('Access needs (optional)').fill('Uses oxygen; needs a ground-floor venue.')
      await page.getByRole('button', { name: 'Save details' }).click()
      await page.getByText('There is a problem').waitFor()
      assert.equal(
        await page.getByLabel('Access needs (optional)').inputValue(),
        'Uses oxygen; needs a ground-floor venue.',
      )
      await expectAccessible(page, 'person-details-errors')
      await page.getByLabel('Phone number (optional)').fill('01224 960011')
      await page.getByRole('button', { name: 'Save details' }).click()
      await page.getByText('The details have been saved.').waitFor()
      await page.getByText('needs a ground-floor venue').waitFor()

      await page.getByRole('button', { name: 'Record a consent decision' }).click()
      await page.getByRole('heading', { level: 1, name: /Record a consent decision/ }).waitFor()
      await expectAccessible(page, 'person-consent')
      await page.getByLabel('To sharing information with community providers').check()
      await page.getByRole('button', { name: 'Record decision' }).click()
      await page.getByText('There is a problem').waitFor()
      assert.ok(await page.getByLabel('To sharing information with community providers').isChecked())
      await expectAccessible(page, 'person-consent-errors')
      await page.getByRole('group', { name: 'Did they agree?' }).getByLabel('Yes').check()
      await page.getByLabel('Verbally (in person or by phone)').check()
      await page.getByRole('button', { name: 'Record decision' }).click()
      await page.getByText('The consent decision has been recorded.').waitFor()

      await page.getByRole('button', { name: 'Raise a flag' }).click()
      await page.getByRole('heading', { level: 1, name: /Raise a flag/ }).waitFor()
      await expectAccessible(page, 'person-flag')
      await page.getByLabel('Other risk').check()
      await page.getByRole('button', { name: 'Raise flag' }).click()
      await page.getByText('Describe the risk').first().waitFor()
      await expectAccessible(page, 'person-flag-errors')
      await page.getByLabel('Details').fill('Steep steps to the front door; use the back entrance.')
      await page.getByRole('button', { name: 'Raise flag' }).click()
      await page.getByText('The flag has been raised.').waitFor()
      await page.getByText('Steep steps to the front door').waitFor()

      await page
        .getByRole('link', { name: /End this flag/ })
        .last()
        .click()
      await page.getByRole('heading', { level: 1, name: /End a flag/ }).waitFor()
      await page.getByRole('button', { name: 'End flag' }).click()
      await page.getByText('Enter why the flag no longer applies').first().waitFor()
      await expectAccessible(page, 'person-flag-end-errors')
      await page.getByLabel('Why does it no longer apply?').fill('Ramp fitted at the front door.')
      await page.getByRole('button', { name: 'End flag' }).click()
      await page.getByText('The flag has been ended.').waitFor()
      await page.getByRole('heading', { name: 'Ended flags' }).waitFor()
      await expectAccessible(page, 'person-after-changes')
    })
  })

  it('works without JavaScript: search and the consent form', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, LINK_WORKER)
        await page.goto(`${demo.server.baseUrl}/people?name=Cruickshank`)
        await page.getByText(/1 person found/).waitFor()
        await page.getByRole('link', { name: 'Isobel Cruickshank' }).click()
        await page.getByText('Oxygen in use at home').waitFor()
        await page.getByRole('button', { name: 'Record a consent decision' }).click()
        await page.getByRole('button', { name: 'Record decision' }).click()
        await page.getByText('There is a problem').waitFor()
      },
      { javaScript: false },
    )
  })

  it('a link worker reads someone they do not support only by break-glass, which the supervisor reviews; cover', async () => {
    await demo.withPage(async (page) => {
      // Margaret Thomson is Sam's: Megan does not find her, and is told how to if she must.
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.goto(`${demo.server.baseUrl}/people?name=Thomson`)
      await page.getByText('0 people found').waitFor()
      await expectAccessible(page, 'people-search-limited')
      await page.getByRole('link', { name: 'use break-glass access' }).click()
      await page.getByRole('heading', { level: 1, name: 'Use break-glass access' }).waitFor()
      await page.getByRole('button', { name: 'Use break-glass access' }).click()
      await page.getByText('Enter why you need to see records').first().waitFor()
      await expectAccessible(page, 'break-glass-errors')
      await page
        .getByLabel(/Why do you need to see records/)
        .fill('Margaret phoned about a fall; Sam is on leave today.')
      await page.getByRole('button', { name: 'Use break-glass access' }).click()
      await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor()
      await page.getByText('You are using break-glass access').waitFor()
      await page.goto(`${demo.server.baseUrl}/people?name=Thomson`)
      await page.getByText('1 person found').waitFor()
      await page.getByRole('link', { name: 'Margaret Thomson' }).click()
      await page.getByText(/Son reported that a neighbour/).waitFor()
      await page.getByText('You are using break-glass access').waitFor()
      assert.equal(await page.getByRole('button', { name: 'Edit details' }).count(), 0)
      await expectAccessible(page, 'person-break-glass')
      await page.getByRole('button', { name: 'End break-glass access now' }).click()
      await page.getByText('Break-glass access has ended.').waitFor()
      await page.goto(`${demo.server.baseUrl}/people?name=Thomson`)
      await page.getByText('0 people found').waitFor()
    })
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, SUPERVISOR)
      await page.goto(`${demo.server.baseUrl}/team`)
      await page.getByRole('link', { name: 'review break-glass access' }).click()
      await page.getByText('Margaret phoned about a fall').waitFor()
      await page.getByRole('link', { name: 'Margaret Thomson' }).first().waitFor()
      await page.getByText('Ended early').first().waitFor()
      await expectAccessible(page, 'break-glass-review')
      await page.goto(`${demo.server.baseUrl}/team/cover`)
      await page.getByRole('button', { name: 'Set cover' }).click()
      await page.getByText('Select the link worker who is away').first().waitFor()
      await expectAccessible(page, 'cover-errors')
      await page.getByLabel('Who is away?').selectOption({ label: 'Sam Okafor' })
      await page.getByLabel('Who will cover for them?').selectOption({ label: 'Megan Reid' })
      const nextWeek = new Date(Date.now() + 7 * 86_400_000)
      await page.getByLabel('Day').fill(String(nextWeek.getUTCDate()))
      await page.getByLabel('Month').fill(String(nextWeek.getUTCMonth() + 1))
      await page.getByLabel('Year').fill(String(nextWeek.getUTCFullYear()))
      await page.getByRole('button', { name: 'Set cover' }).click()
      await page.getByText('Cover has been set.').waitFor()
      await expectAccessible(page, 'cover')
      await page.getByRole('button', { name: /End cover/ }).click()
      await page.getByText('Cover has ended.').waitFor()
    })
  })

  it('the supervisor compares two records of one person, merges them and undoes the merge', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, SUPERVISOR)
      await page.goto(`${demo.server.baseUrl}/people?name=Isobel`)
      await page.getByText('2 people found').waitFor()
      await page.getByRole('link', { name: 'Isobel Cruickshank' }).first().click()
      await page.getByRole('heading', { name: 'Possible duplicates' }).waitFor()
      const personUrl = page.url()
      await page.getByRole('link', { name: /Compare with Isobel Cruickshank/ }).click()
      await page.getByRole('heading', { level: 1, name: /Compare records/ }).waitFor()
      await expectAccessible(page, 'merge-compare')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByText('Enter why these records are the same person').first().waitFor()
      await expectAccessible(page, 'merge-compare-errors')
      await page.getByLabel('Why are these the same person?').fill('Same person: she confirmed by phone.')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('heading', { level: 1, name: 'Check the merge' }).waitFor()
      await expectAccessible(page, 'merge-confirm')
      await page.getByRole('button', { name: 'Merge records' }).click()
      await page.getByText('The records have been merged.').waitFor()
      await page.getByText('From a merged record').first().waitFor()
      await page.getByRole('heading', { name: 'Merge history' }).waitFor()
      await expectAccessible(page, 'person-after-merge')
      const keptUrl = page.url().replace(/\?.*$/, '')

      // The record merged away now leads to the one kept.
      await page.goto(personUrl)
      if (page.url().replace(/\?.*$/, '') !== keptUrl) {
        await page.getByText('was merged into this one').waitFor()
        assert.equal(page.url().replace(/\?.*$/, ''), keptUrl)
      }
      await page.goto(`${demo.server.baseUrl}/people?name=Isobel`)
      await page.getByText('1 person found').waitFor()

      await page.goto(keptUrl)
      await page.getByRole('button', { name: /Undo the merge/ }).click()
      await page.getByText('The merge has been undone.').waitFor()
      await page.getByText(/Undone by/).waitFor()
      await expectAccessible(page, 'person-after-undo')
      await page.goto(`${demo.server.baseUrl}/people?name=Isobel`)
      await page.getByText('2 people found').waitFor()
    })
  })
  it('the supervisor answers a subject access request; a withdrawal of consent shows where people work', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, SUPERVISOR)
      await page.goto(`${demo.server.baseUrl}/people?name=Thomson`)
      await page.getByRole('link', { name: 'Margaret Thomson' }).click()
      await page.getByRole('link', { name: /Answer a subject access request/ }).click()
      await page.getByRole('heading', { level: 1, name: /Subject access request/ }).waitFor()
      await page.getByText('Check it before you send it').waitFor()
      await expectAccessible(page, 'subject-access')
      // The download as the browser fetches it, with the signed-in session.
      const href = await page.getByRole('button', { name: 'Download as PDF' }).getAttribute('href')
      const pdf = await page.request.get(`${demo.server.baseUrl}${href}`)
      assert.equal(pdf.status(), 200)
      assert.equal(pdf.headers()['content-type'], 'application/pdf')
      assert.match(pdf.headers()['content-disposition'] ?? '', /^attachment; filename="subject-access-Thomson-/)
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')

      await page.getByRole('link', { name: 'Back' }).click()
      await page.getByRole('button', { name: 'Record a consent decision' }).click()
      await page.getByLabel('To the referral', { exact: true }).check()
      await page.getByRole('group', { name: 'Did they agree?' }).getByLabel('No').check()
      await page.getByLabel('Verbally (in person or by phone)').check()
      await page.getByRole('button', { name: 'Record decision' }).click()
      await page.getByText('The consent decision has been recorded.').waitFor()
      await page.getByText('Consent withdrawn').waitFor()
      await page.getByText(/Margaret withdrew their consent to the referral on/).waitFor()
      await expectAccessible(page, 'person-consent-withdrawn')
    })
  })
  it('shows hostile text as text wherever it appears, and never runs it', async () => {
    await demo.withPage(async (page) => {
      const hostile = {
        access: '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
        others: '"><svg onload="window.__xss=3">',
      }
      await signIn(page, demo.server.baseUrl, LINK_WORKER)
      await page.goto(`${demo.server.baseUrl}/people?name=Cruickshank`)
      await page.getByRole('link', { name: 'Isobel Cruickshank' }).click()
      const personUrl = page.url()
      await page.getByRole('button', { name: 'Edit details' }).click()
      await page.getByLabel('Access needs (optional)').fill(hostile.access)
      await page.getByLabel('Anyone else we should involve, such as a carer (optional)').fill(hostile.others)
      await page.getByRole('button', { name: 'Save details' }).click()
      await page.getByText('The details have been saved.').waitFor()
      // The person record, their support record and the caseload: shown as typed, never run.
      const episodeHref = await page.getByRole('link', { name: /^WM-/ }).first().getAttribute('href')
      for (const url of [personUrl, `${demo.server.baseUrl}${episodeHref}`, `${demo.server.baseUrl}/caseload`]) {
        await page.goto(url)
        await page.waitForLoadState('load')
        assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, url)
      }
      await page.goto(personUrl)
      await page.getByText(hostile.access).first().waitFor()
      await page.getByText(hostile.others).first().waitFor()
    })
  })
})
