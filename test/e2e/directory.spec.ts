// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory journeys in a real browser, with axe on every page state: a link worker finds a free
// Tuesday-evening walking group within 2 km of AB10 1AA that welcomes newcomers (without JavaScript), makes
// and records a signposting sheet; an editor reviews a provider's change as a diff and approves it; a
// provider confirms their listing through an emailed link.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

describe('directory', () => {
  it(
    'a link worker finds the walking group and signposts someone, without JavaScript',
    { timeout: 600_000 },
    async () => {
      const resultsUrl = await demo.withPage(
        async (page) => {
          await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
          await page.goto(`${demo.server.baseUrl}/directory`)
          await page.getByLabel('Postcode').fill('AB99 9ZZ')
          await page.getByRole('button', { name: 'Search' }).click()
          await page.getByText('We do not know where AB99 9ZZ is').first().waitFor()
          await page.getByLabel('What are you looking for?').fill('walking group')
          await page.getByLabel('Postcode').fill('AB10 1AA')
          await page.getByLabel('Distance').selectOption('2')
          await page.getByLabel('Tuesday').check()
          await page.getByLabel('Evening (from 5pm)').check()
          await page.getByLabel('Free', { exact: true }).check()
          await page.getByLabel('Open to newcomers').check()
          await page.getByRole('button', { name: 'Search' }).click()
          await page.getByRole('link', { name: 'Duthie Park health walk' }).waitFor()
          assert.match(page.url(), /postcode=AB10\+1AA/, 'filters are kept in the URL')
          const url = page.url()
          await page.getByLabel('Add Duthie Park health walk to a signposting sheet').check()
          await page.getByRole('button', { name: 'Make a signposting sheet with the services you ticked' }).click()
          await page.getByRole('heading', { name: 'Make a signposting sheet' }).waitFor()
          await page.getByRole('button', { name: 'Record and make the sheet' }).click()
          await page.getByText('Select why you are signposting them').first().waitFor()
          await page.getByLabel('Loneliness or isolation').check()
          await page.getByLabel('Their initials or a reference (optional)').fill('JS')
          await page.getByRole('button', { name: 'Record and make the sheet' }).click()
          await page.getByRole('heading', { name: 'Things you could try' }).waitFor()
          await page.getByText('Signposting recorded').waitFor()
          await page.getByRole('heading', { name: 'Duthie Park health walk' }).waitFor()
          return url
        },
        { javaScript: false },
      )
      // axe needs JavaScript in the page: check the same page states with it on.
      await demo.withPage(async (page) => {
        await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
        await page.goto(`${demo.server.baseUrl}/directory`)
        await expectAccessible(page, 'directory-search-empty')
        await page.goto(`${demo.server.baseUrl}/directory?postcode=AB99+9ZZ&distance=2`)
        await expectAccessible(page, 'directory-search-error')
        await page.goto(resultsUrl)
        await expectAccessible(page, 'directory-search-results')
        await page.getByRole('link', { name: 'Duthie Park health walk' }).click()
        await page.getByRole('heading', { name: 'Duthie Park health walk' }).waitFor()
        await expectAccessible(page, 'directory-service')
        await page.getByRole('button', { name: 'Make a signposting sheet' }).click()
        await expectAccessible(page, 'directory-signpost-form')
        await page.getByRole('button', { name: 'Record and make the sheet' }).click()
        await page.getByText('Select why you are signposting them').first().waitFor()
        await expectAccessible(page, 'directory-signpost-errors')
        await page.getByLabel('Bereavement').check()
        await page.getByRole('button', { name: 'Record and make the sheet' }).click()
        await page.getByRole('heading', { name: 'Things you could try' }).waitFor()
        await expectAccessible(page, 'directory-signposting-sheet')
      })
    },
  )

  it('an editor reviews a provider’s change as a diff and approves it', { timeout: 600_000 }, async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'lorna.mackay@waymark.example')
      await page.goto(`${demo.server.baseUrl}/directory/manage`)
      await expectAccessible(page, 'directory-manage')
      await page.locator('a[href^="/directory/manage/changes/"]').first().click()
      await page.getByRole('heading', { name: /Review a change/ }).waitFor()
      await expectAccessible(page, 'directory-change-review')
      await page.getByRole('button', { name: 'Approve and publish' }).click()
      await page.getByText('The change has been approved').waitFor()
      await page.goto(`${demo.server.baseUrl}/directory/manage/services/new`)
      await expectAccessible(page, 'directory-new-listing')
      await page.getByRole('button', { name: 'Save listing' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'directory-new-listing-errors')
    })
  })

  it('a provider confirms their listing through the emailed link', { timeout: 600_000 }, async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'lorna.mackay@waymark.example')
      await page.goto(`${demo.server.baseUrl}/directory?q=Duthie+Park+walk`)
      await page.getByRole('link', { name: 'Duthie Park health walk' }).click()
      await page.getByRole('button', { name: 'Email the provider an update link' }).click()
      await page.getByText('We have emailed the provider').waitFor()
    })
    const link = /\/directory\/update\/[A-Za-z0-9_-]+/.exec(demo.server.emails.at(-1)!.text)![0]
    await demo.withPage(async (page) => {
      await page.goto(`${demo.server.baseUrl}${link}`)
      await page.getByRole('heading', { name: 'Check your listing' }).waitFor()
      await expectAccessible(page, 'directory-provider-update')
      await page.getByRole('button', { name: 'Confirm the listing is still right' }).click()
      await page.getByText('your listing is confirmed').waitFor()
      await expectAccessible(page, 'directory-provider-confirmed')
    })
  })
})
