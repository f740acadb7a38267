// SPDX-License-Identifier: AGPL-3.0-or-later
// Referral journeys in a real browser with axe on every page state: a GP refers (with an error on the way),
// the supervisor triages and allocates, the GP follows the referral.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

describe('referrals in the browser', () => {
  it('a GP refers in four screens and a check page, seeing errors on the way', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'dr.ruth.campbell@waymark.example')
      await page.goto(`${demo.server.baseUrl}/referrals/new`)
      await expectAccessible(page, 'referral-person')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'referral-person-errors')
      await page.getByLabel('First name').fill('Morag')
      await page.getByLabel('Last name').fill('Innes')
      await page.getByLabel('Day', { exact: true }).fill('2')
      await page.getByLabel('Month', { exact: true }).fill('5')
      await page.getByLabel('Year', { exact: true }).fill('1952')
      await page.getByLabel('Postcode', { exact: true }).fill('AB10 7JT')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.waitForURL(/\/contact$/)
      await expectAccessible(page, 'referral-contact')
      await page.getByLabel('Phone number (optional)').fill('01224 960010')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.waitForURL(/\/reasons$/)
      await expectAccessible(page, 'referral-reasons')
      await page.getByLabel('Loneliness or isolation').check()
      await page
        .getByRole('group', { name: /visiting them alone/ })
        .getByLabel('No')
        .check()
      await page
        .getByRole('group', { name: /safeguarding concern/ })
        .getByLabel('No')
        .check()
      await page.getByLabel('Routine').check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.waitForURL(/\/service$/)
      await expectAccessible(page, 'referral-service')
      await page.getByLabel('Granite City Social Prescribing Service').check()
      await page.getByLabel('Your profession').selectOption('gp')
      await page
        .getByRole('group', { name: /agree to being referred/ })
        .getByLabel('Yes')
        .check()
      await page
        .getByRole('group', { name: /sharing these details with the social prescribing service/ })
        .getByLabel('Yes')
        .check()
      await page
        .getByRole('group', { name: /community groups and providers/ })
        .getByLabel('No')
        .check()
      await page.getByLabel(/Verbally/).check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.waitForURL(/\/check$/)
      await expectAccessible(page, 'referral-check')
      await page.getByRole('button', { name: 'Send referral' }).click()
      await page.waitForURL(/\/done$/)
      await expectAccessible(page, 'referral-sent')
      assert.match(await page.locator('.nhsuk-panel').innerText(), /WM-/)
      await page.goto(`${demo.server.baseUrl}/my-referrals`)
      await expectAccessible(page, 'my-referrals')
      await page.getByRole('link', { name: 'Craig Watt' }).click()
      await expectAccessible(page, 'my-referral-declined')
      await page.getByRole('link', { name: 'Read the message back' }).click()
      await expectAccessible(page, 'message-back')
      // How often the GP hears about their referrals: a form page, saved and shown again with the choice kept.
      await page.goto(`${demo.server.baseUrl}/my-referrals/settings`)
      await expectAccessible(page, 'referrer-update-settings')
      await page.getByLabel(/One email each morning/).check()
      await page.getByRole('button', { name: 'Save' }).click()
      await page.waitForURL(/\/my-referrals\/settings\?saved=1$/)
      await expectAccessible(page, 'referrer-update-settings-saved')
      assert.equal(await page.getByLabel(/One email each morning/).isChecked(), true)
    })
  })

  it('the supervisor sees the inbox and triages a referral', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
      await page.goto(`${demo.server.baseUrl}/referrals`)
      await expectAccessible(page, 'inbox-new')
      await page.goto(`${demo.server.baseUrl}/referrals?queue=overdue`)
      await expectAccessible(page, 'inbox-overdue')
      await page.goto(`${demo.server.baseUrl}/referrals?queue=new`)
      await page.getByRole('link', { name: 'Anne Gordon' }).click()
      await expectAccessible(page, 'referral-triage')
      await page.getByText('Accept and allocate').first().click()
      await page.getByRole('button', { name: 'Accept and allocate' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'referral-triage-error')
      await page.locator('#accept-ownerUserId').selectOption({ index: 1 })
      await page.getByRole('button', { name: 'Accept and allocate' }).click()
      await page.getByText('accepted and allocated').waitFor()
      assert.match(page.url(), /\/referrals\?queue=new/)
      await expectAccessible(page, 'referral-accepted')
    })
  })

  it('triage works without JavaScript', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
        await page.goto(`${demo.server.baseUrl}/referrals?queue=overdue`)
        await page.getByRole('link', { name: 'Jean Paterson' }).click()
        await page.getByText('Decline').first().click()
        await page.getByLabel('Lives outside the area the service covers').check()
        await page.getByRole('button', { name: 'Decline referral' }).click()
        await page.getByText('declined. The referrer has been told why.').waitFor()
        assert.match(await page.locator('h1').innerText(), /Referrals/)
      },
      { javaScript: false },
    )
  })
})
