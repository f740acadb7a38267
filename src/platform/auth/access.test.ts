// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Fastify from 'fastify'
import { describeAccess, enforceRouteAccess, MissingAccessDeclarationError } from './access.ts'
import { navigationFor } from '../views/navigation.ts'

describe('route access declarations', () => {
  it('refuses to start when a route does not say who may call it', async () => {
    const app = Fastify({ logger: false })
    app.decorateRequest('actor', null)
    enforceRouteAccess(app, async () => undefined)
    app.get('/declared', { config: { access: 'public' } }, async () => 'ok')
    app.get('/forgotten', async () => 'oops')
    await assert.rejects(
      async () => app.ready(),
      (error: unknown) => error instanceof MissingAccessDeclarationError && error.message.includes('GET /forgotten'),
    )
  })

  it('describes role lists in a stable order for the snapshot', () => {
    assert.equal(describeAccess({ roles: ['supervisor', 'administrator'] }), 'roles: administrator, supervisor')
    assert.equal(describeAccess('public'), 'public')
  })

  it('shows each role only its own navigation, marking the current section', () => {
    const items = [
      { href: '/audit', text: 'Audit log', roles: ['administrator', 'supervisor'] as const, order: 90 },
      { href: '/admin/users', text: 'People', roles: ['administrator'] as const, order: 80 },
    ]
    assert.deepEqual(
      navigationFor(items, ['administrator'], '/admin/users/123').map((l) => [l.text, l.current]),
      [
        ['People', true],
        ['Audit log', false],
      ],
    )
    assert.deepEqual(navigationFor(items, ['referrer'], '/'), [])
  })
})
