// SPDX-License-Identifier: AGPL-3.0-or-later
// A newcomer's journey through the foundation: every demo role signs in, sees an accessible home page and
// its own pages, is refused other roles' pages, and the public and error pages pass axe too.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEMO_USERS, demoSignInAccounts } from '../../src/seed/demo-accounts.ts'
import { expectAccessible, signIn, signOut } from './helpers/browser.ts'
import { useDemoApp } from './helpers/demo-app.ts'

const demo = useDemoApp()

describe('public pages', () => {
  it('sign-in page, its error state, and the static pages are accessible', { timeout: 180_000 }, async () => {
    await demo.withPage(async (page) => {
      await page.goto(`${demo.server.baseUrl}/sign-in`)
      await expectAccessible(page, 'sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await assert.doesNotReject(page.getByText('There is a problem').waitFor())
      // The design system's script moves focus to the summary once it has loaded (progressive enhancement).
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary') === true)
      await expectAccessible(page, 'sign-in-errors')
      await page.getByLabel('Email address').fill('someone@waymark.example')
      await page.getByLabel('Password', { exact: true }).fill('not the password')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText('Enter a correct email address and password').first().waitFor()
      assert.equal(
        await page.getByLabel('Email address').inputValue(),
        'someone@waymark.example',
        'what was typed is kept',
      )
      for (const path of ['/accessibility', '/privacy']) {
        await page.goto(`${demo.server.baseUrl}${path}`)
        await expectAccessible(page, path)
      }
      const missing = await page.goto(`${demo.server.baseUrl}/no-such-page`)
      assert.equal(missing?.status(), 404)
      await page.getByRole('heading', { name: 'Page not found' }).waitFor()
      await expectAccessible(page, 'not-found')
    })
  })

  it('works without JavaScript: sign in, see errors, reach the home page', { timeout: 180_000 }, async () => {
    await demo.withPage(
      async (page) => {
        await page.goto(`${demo.server.baseUrl}/sign-in`)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByText('Enter your email address').first().waitFor()
        await signIn(page, demo.server.baseUrl, demoSignInAccounts().find((a) => a.roleLabel === 'Link worker')!.email)
        await page.getByRole('heading', { name: /Hello/ }).waitFor()
        // axe needs JavaScript in the page, so accessibility is checked on the same pages in the tests above.
      },
      { javaScript: false },
    )
  })
})

describe('every demo role', () => {
  for (const account of demoSignInAccounts()) {
    it(
      `${account.roleLabel}: accessible home page and navigation, other roles' pages refused`,
      { timeout: 180_000 },
      async () => {
        const user = DEMO_USERS.find((u) => u.email === account.email)!
        const firstOrganisation = Object.keys(user.memberships)[0]!
        const organisationName = demo.server.demo.organisations.get(firstOrganisation)!.name
        const roles = user.memberships[firstOrganisation]!
        await demo.withPage(async (page) => {
          await signIn(page, demo.server.baseUrl, account.email, organisationName)
          await page.getByRole('heading', { name: /Hello/ }).waitFor()
          await expectAccessible(page, `home-${user.key}`)
          const links = await page
            .locator('.nhsuk-header__navigation-link')
            .evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''))
          for (const href of links.filter((h) => h.startsWith('/'))) {
            const response = await page.goto(`${demo.server.baseUrl}${href}`)
            assert.equal(response?.status(), 200, `${href} opens for ${user.key}`)
            await expectAccessible(page, `${user.key}${href}`)
          }
          if (!roles.includes('administrator')) {
            const refused = await page.goto(`${demo.server.baseUrl}/admin/users`)
            assert.equal(refused?.status(), 403)
            await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor()
            await expectAccessible(page, `forbidden-${user.key}`)
          }
          if (!roles.includes('administrator') && !roles.includes('supervisor')) {
            assert.equal((await page.goto(`${demo.server.baseUrl}/audit`))?.status(), 403)
          }
          await page.goto(`${demo.server.baseUrl}/`)
          await signOut(page)
          await page.getByText('You have signed out').waitFor()
        })
      },
    )
  }
})

describe('administration', () => {
  it(
    'an administrator switches organisation, manages people, reads the audit log, all accessibly',
    { timeout: 180_000 },
    async () => {
      const admin = DEMO_USERS.find((u) => u.key === 'admin')!
      const sps = demo.server.demo.organisations.get('sps')!.name
      await demo.withPage(async (page) => {
        await page.goto(`${demo.server.baseUrl}/sign-in`)
        await page.getByLabel('Email address').fill(admin.email)
        await page.getByLabel('Password', { exact: true }).fill('waymark-demo-password')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.waitForURL(/choose-organisation/)
        await expectAccessible(page, 'choose-organisation')
        await page.getByRole('button', { name: 'Continue' }).click()
        await page.getByText('Select the organisation you are working for').first().waitFor()
        await expectAccessible(page, 'choose-organisation-errors')
        await page.getByLabel(sps).check()
        await page.getByRole('button', { name: 'Continue' }).click()
        await page.getByRole('heading', { name: /Hello/ }).waitFor()

        await page.goto(`${demo.server.baseUrl}/admin/users`)
        await expectAccessible(page, 'admin-users')
        await page.getByRole('button', { name: 'Invite someone' }).click()
        await expectAccessible(page, 'invite')
        await page.getByRole('button', { name: 'Send invitation' }).click()
        await page.getByText('Select at least one role').first().waitFor()
        await expectAccessible(page, 'invite-errors')
        await page.getByLabel('Full name').fill('Robin Example')
        await page.getByLabel('Email address').fill('robin.example@waymark.example')
        await page.getByLabel('Link worker').check()
        await page.getByRole('button', { name: 'Send invitation' }).click()
        await page.getByText('Invitation sent').first().waitFor()
        await expectAccessible(page, 'invite-sent')

        await page.goto(`${demo.server.baseUrl}/admin/users`)
        await page.getByRole('link', { name: 'Sam Okafor' }).click()
        await expectAccessible(page, 'edit-member')

        await page.goto(`${demo.server.baseUrl}/audit`)
        await expectAccessible(page, 'audit-log')
        await page.getByText('Chain intact').waitFor()
        await page.goto(`${demo.server.baseUrl}/audit?from=yesterday`)
        await page.getByText('Enter the start date as YYYY-MM-DD').first().waitFor()
        await expectAccessible(page, 'audit-log-errors')

        await page.goto(`${demo.server.baseUrl}/account/password`)
        await expectAccessible(page, 'change-password')
        await page.getByRole('button', { name: 'Change password' }).click()
        await page.getByText('Enter your current password').first().waitFor()
        await expectAccessible(page, 'change-password-errors')

        await page.goto(`${demo.server.baseUrl}/choose-organisation`)
        await page.getByLabel(demo.server.demo.organisations.get('council')!.name).check()
        await page.getByRole('button', { name: 'Continue' }).click()
        await page.getByText(demo.server.demo.organisations.get('council')!.name).first().waitFor()
      })
    },
  )
})
