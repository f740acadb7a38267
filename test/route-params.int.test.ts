// SPDX-License-Identifier: AGPL-3.0-or-later
// Every page whose path carries an id, token or version, asked for with a malformed one: the access check still
// comes first (a signed-out visitor is sent to sign in), and then it is the 404 page, never a 500 or a page.
// Generated from the route table, so a new route is covered the day it is added (platform/http/route-params.ts).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ROLES } from '../src/platform/auth/roles.ts'
import { ROUTE_PARAMS } from '../src/platform/http/route-params.ts'
import { createTestContext, createTestOrganisation, type TestContext } from './helpers/test-app.ts'
import type { WebSession } from './helpers/web-session.ts'

let context: TestContext
let everyRole: WebSession
before(async () => {
  context = await createTestContext()
  const { users } = await createTestOrganisation(context, { users: { all: [...ROLES] } })
  everyRole = await users['all']!.session()
})
after(async () => {
  await context.close()
})

const MALFORMED: Record<string, string> = { version: '0', token: 'not%20a%20token%21', signature: 'x%27%3B--' }

function malformedUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => MALFORMED[name] ?? 'not-an-id')
}

describe('path parameters', () => {
  // The FHIR API declares its own parameter schema and answers with an OperationOutcome (fhir.int.test.ts).
  const routes = () =>
    context.routeTable.filter((r) => r.method === 'GET' && r.url.includes(':') && !r.url.startsWith('/fhir'))

  it('each have a declared shape', () => {
    const names = new Set(routes().flatMap((r) => [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!)))
    assert.ok(names.size >= 10)
    for (const name of names) assert.ok(name in ROUTE_PARAMS, `:${name}`)
  })

  it('malformed, give the 404 page to someone allowed in, after the access check for someone who is not', async () => {
    const checked = routes()
    assert.ok(checked.length >= 40, `expected the whole route table, found ${checked.length}`)
    const wrong: string[] = []
    for (const route of checked) {
      const url = malformedUrl(route.url)
      const anonymous = await context.app.inject({ method: 'GET', url })
      const expectedAnonymous = route.access === 'public' ? [404] : [302, 303, 401]
      if (!expectedAnonymous.includes(anonymous.statusCode)) wrong.push(`${url} signed out: ${anonymous.statusCode}`)
      if (route.access === 'public' || route.access === 'api-client') continue
      const signedIn = await everyRole.get(url)
      if (signedIn.statusCode !== 404) wrong.push(`${url} signed in: ${signedIn.statusCode}`)
      else if (!/Page not found/.test(signedIn.body) && !url.startsWith('/oruk'))
        wrong.push(`${url} signed in: 404 without the page`)
    }
    assert.deepEqual(wrong, [])
  })
})
