// SPDX-License-Identifier: AGPL-3.0-or-later
// The loop's safety fixes in a real browser with axe on every page state: a referral whose NHS number matched
// someone held under another name waits as "identity to confirm" and the supervisor resolves it; the
// supervisor sets the urgent contact target; a GP chooses a morning digest. Each at a phone's width too.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { expectAccessible, signIn } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

async function fitsAPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 })
  // Measure after the page has laid itself out at the new width.
  await page.waitForFunction(() => window.innerWidth === 390)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName}.${e.className}`),
  )
  assert.ok(overflow <= 0, `${name} is ${overflow} px wider than a phone: ${wide.join(', ')}`)
  await expectAccessible(page, `${name}-phone`)
  await page.setViewportSize({ width: 1280, height: 900 })
}

describe('the loop’s safety fixes in the browser', () => {
  it('the supervisor sees a referral whose NHS number matched someone else, with axe on each state', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
      await page.goto(`${demo.server.baseUrl}/referrals?queue=new`)
      await page.getByText('Identity to confirm').first().waitFor()
      await page.getByRole('link', { name: 'Hamza Qureshi' }).click()
      await page.getByRole('heading', { name: 'Identity to confirm' }).waitFor()
      await expectAccessible(page, 'identity-to-confirm')
      await fitsAPhone(page, 'identity-to-confirm')
      await page.getByRole('button', { name: 'Confirm identity' }).click()
      await page.getByText('Select who this referral is about').first().waitFor()
      await expectAccessible(page, 'identity-to-confirm-error')
    })
  })

  // axe needs scripts in the page, so the journey without JavaScript is walked without it.
  it('the supervisor confirms the identity without JavaScript, keeping the name the referrer typed', async () => {
    await demo.withPage(
      async (page) => {
        await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
        await page.goto(`${demo.server.baseUrl}/referrals?queue=new`)
        await page.getByRole('link', { name: 'Hamza Qureshi' }).click()
        await page.getByLabel(/Different people/).check()
        await page.getByRole('button', { name: 'Confirm identity' }).click()
        await page.getByText('identity has been confirmed').waitFor()
        assert.match(await page.locator('h1').innerText(), /Hamza Qureshi/)
      },
      { javaScript: false },
    )
  })

  it('the supervisor sets the contact targets, with an error on the way', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'priya.shah@waymark.example')
      await page.goto(`${demo.server.baseUrl}/referrals`)
      await page.getByRole('link', { name: 'Change contact targets' }).click()
      await expectAccessible(page, 'contact-targets')
      await page.getByLabel('Urgent referrals').fill('20')
      await page.getByRole('button', { name: 'Save contact targets' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page, 'contact-targets-error')
      await fitsAPhone(page, 'contact-targets-error')
      await page.getByLabel('Urgent referrals').fill('2')
      await page.getByRole('button', { name: 'Save contact targets' }).click()
      await page.getByText('The contact targets have been saved').waitFor()
      await page.getByText(/2 working days for urgent referrals, 10 working days for routine ones \(Scotland/).waitFor()
    })
  })

  it('a GP chooses a morning digest of their referrals’ progress', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'dr.ruth.campbell@waymark.example')
      assert.match(await page.locator('h1').innerText(), /Hello, Dr Ruth Campbell/)
      await page.goto(`${demo.server.baseUrl}/my-referrals`)
      await page.getByRole('link', { name: 'How often you hear about your referrals' }).click()
      await expectAccessible(page, 'referrer-updates')
      await fitsAPhone(page, 'referrer-updates')
      await page.getByLabel(/One email each morning/).check()
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Saved.').waitFor()
      assert.equal(await page.getByLabel(/One email each morning/).isChecked(), true)
    })
  })

  it('a member of the public finds the way to ask for support from the sign-in page', async () => {
    await demo.withPage(async (page) => {
      await page.goto(`${demo.server.baseUrl}/sign-in`)
      await page.getByRole('link', { name: 'Ask for support from a social prescribing link worker' }).click()
      await page.getByRole('heading', { name: 'Get support from a social prescribing link worker' }).waitFor()
      await expectAccessible(page, 'get-support')
      await fitsAPhone(page, 'get-support')
      await page.getByRole('button', { name: 'Start now' }).click()
      // Self-referral asks one question a page, starting with the first.
      await page.waitForURL(/\/self-referral\/(service|name)$/)
      await page.getByText(/Question 1 of \d+/).waitFor()
    })
  })

  it('a link worker types a sentence into the directory and gets it back as filters', async () => {
    await demo.withPage(async (page) => {
      await signIn(page, demo.server.baseUrl, 'sam.okafor@waymark.example')
      await page.goto(`${demo.server.baseUrl}/directory`)
      await page.getByLabel('What are you looking for?').fill('free walking group Tuesday evening near AB10 1AA')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByRole('heading', { name: 'Filters for “walking group”' }).waitFor()
      assert.equal(await page.getByLabel('Tuesday').isChecked(), true)
      assert.equal(await page.getByLabel('Postcode').inputValue(), 'AB10 1AA')
      await expectAccessible(page, 'directory-sentence')
      await fitsAPhone(page, 'directory-sentence')
      await page.getByRole('link', { name: /Tuesday/ }).click()
      await page.getByRole('heading', { name: /services? found/ }).waitFor()
      assert.equal(await page.getByLabel('Tuesday').isChecked(), false)
      await page.goto(`${demo.server.baseUrl}/directory?q=gardning`)
      await page.getByText('Did you mean').waitFor()
      await expectAccessible(page, 'directory-did-you-mean')
    })
  })
})
