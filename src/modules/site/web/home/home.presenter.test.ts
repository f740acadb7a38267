// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Actor } from '../../../../platform/auth/actor.ts'
import type { HomeAction } from '../../../../platform/module.ts'
import { greetingFor, presentHome } from './home.presenter.ts'

describe('the home page', () => {
  it('greets people by first name, or by whole name after a title', () => {
    assert.equal(greetingFor('Megan Reid'), 'Hello, Megan')
    assert.equal(greetingFor('Dr Ruth Campbell'), 'Hello, Dr Ruth Campbell')
    assert.equal(greetingFor('Prof. Alan Murray'), 'Hello, Prof. Alan Murray')
    assert.equal(greetingFor('Cher'), 'Hello, Cher')
  })

  it('shows an action open to two of someone’s roles once', () => {
    const actor = { displayName: 'Priya Shah', roles: ['supervisor', 'link-worker'] } as unknown as Actor
    const actions: HomeAction[] = [
      { href: '/directory', title: 'Find', description: '', roles: ['supervisor', 'link-worker'], order: 30 },
      { href: '/team', title: 'Team', description: '', roles: ['supervisor'], order: 1 },
      { href: '/caseload', title: 'Caseload', description: '', roles: ['link-worker'], order: 1 },
    ]
    const home = presentHome(actor, actions)
    assert.deepEqual(
      home.sections.map((s) => s.actions.map((a) => a.href)),
      [['/team', '/directory'], ['/caseload']],
    )
  })
})
