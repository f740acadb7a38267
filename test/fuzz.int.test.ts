// SPDX-License-Identifier: AGPL-3.0-or-later
// Property-based fuzzing (issue 13) with fast-check, generated from the route table: every form the app declares
// is sent random, oversized, malformed and hostile fields by someone allowed to send it (every role at once, at
// their own records); every machine API that takes a body is sent random JSON and broken referrals with a valid
// key. Nothing may answer 5xx, and no HTML answer may carry a hostile value unescaped. Then every page is read
// again, to find any hostile value that was stored and is shown raw.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { allocatedReferral, scopeOf } from './factories/casework.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from './helpers/test-app.ts'
import type { WebSession } from './helpers/web-session.ts'
import { createApiKeyForOrganisation } from '../src/modules/api-clients/index.ts'
import { containedReferral } from '../src/modules/referrals/fhir/fhir.fixtures.ts'
import { findReferralForService } from '../src/modules/referrals/index.ts'
import { ROLES } from '../src/platform/auth/roles.ts'

const context = useTestContext()
/** Raw, this must never reach a page: escaped it reads `&lt;img src=x onerror=...`. */
const HOSTILE = '<img src=x onerror=alert(1)>'
const HOSTILE_VALUES = [
  HOSTILE,
  `"><script>alert(1)</script>`,
  "' OR 1=1 --",
  '${7*7}{{7*7}}{% raw %}',
  '\u0000\u202e\ud800',
  '../../etc/passwd',
  '9'.repeat(400),
  'x'.repeat(20_000),
]
/** Field names the app's forms use, so a fuzzed body reaches validation and not only "field missing". */
const FIELDS = [
  '_method',
  'submissionKey',
  'version',
  'kind',
  'text',
  'reason',
  'ownerUserId',
  'toOrganisationId',
  'day',
  'month',
  'year',
  'givenName',
  'familyName',
  'email',
  'phone',
  'postcode',
  'nhsNumber',
  'sex',
  'ethnicity',
  'notes',
  'scope',
  'given',
  'method',
  'type',
  'durationMinutes',
  'name',
  'description',
  'status',
  'service',
  'goal',
  'sharing',
  'via',
  'timepoint',
  'password',
  'newPassword',
  'confirmPassword',
  'roles',
  'step',
  'answer',
  'q',
]

const value = fc.oneof(
  fc.constantFrom(...HOSTILE_VALUES),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.array(fc.constantFrom(...HOSTILE_VALUES, 'yes', 'no', '1'), { maxLength: 4 }),
)
const formBody = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), value, {
  maxKeys: 12,
})

function assertSafe(
  where: string,
  response: { statusCode: number; body: string; headers: Record<string, string | string[] | number | undefined> },
) {
  assert.ok(response.statusCode < 500, `${where} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
  const type = response.headers['content-type']
  if (typeof type === 'string' && type.startsWith('text/html'))
    assert.ok(!response.body.includes(HOSTILE), `${where} shows a hostile value unescaped`)
}

describe('fuzzing every form and API body', () => {
  let org: TestOrganisation
  let ids: Record<string, string>
  let session: WebSession
  let formsSent = 0

  it('no form answers 5xx or shows a hostile value raw, whatever it is sent', { timeout: 600_000 }, async () => {
    org = await createTestOrganisation(context, { users: { everyone: [...ROLES], supervisor: ['supervisor'] } })
    const referralId = await allocatedReferral(context, org, 'everyone')
    const personId = (await findReferralForService(scopeOf(context, org), referralId))!.personId
    ids = {
      referralId,
      personId,
      otherId: personId,
      userId: org.users['everyone']!.id,
      organisationId: org.organisation.id,
    }
    session = await org.users['everyone']!.session()
    await session.get('/')
    const token = session.csrfToken()
    const forms = context.routeTable.filter(
      (r) => r.method === 'POST' && !['/sign-out', '/sign-in', '/fhir', '/fhir/ServiceRequest'].includes(r.url),
    )
    for (const route of forms) {
      const path = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => ids[name] ?? 'not-an-id')
      await fc.assert(
        fc.asyncProperty(formBody, async (body) => {
          const response = await session.post(path, body, { csrfToken: token ?? null })
          formsSent += 1
          assertSafe(`POST ${route.url}`, response)
        }),
        { numRuns: 12, seed: 20261205 },
      )
    }
    assert.ok(formsSent >= forms.length * 12)
    console.log(`fuzz: ${forms.length} forms × 12 bodies = ${formsSent} submissions`)
  })

  it('no page shows, raw, anything the fuzzing stored', async () => {
    const pages = context.routeTable.filter((r) => r.method === 'GET' && !r.url.includes('*'))
    for (const route of pages) {
      const path = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => ids[name] ?? 'not-an-id')
      assertSafe(`GET ${route.url}`, await session.get(path))
    }
    console.log(`fuzz: ${pages.length} pages read back`)
  })

  it('the FHIR API answers random JSON and broken referrals with an OperationOutcome, never 5xx', async () => {
    const key = (await createApiKeyForOrganisation(context.db, { organisation: org.organisation.id, name: 'Fuzz' })).key
    const valid = containedReferral({ serviceId: org.organisation.id }) as Record<string, unknown>
    /** A valid referral with one field anywhere in it replaced by something random or hostile. */
    const broken = fc
      .tuple(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...HOSTILE_VALUES)))
      .map(([pick, replacement]) => {
        const copy = structuredClone(valid)
        const paths: (string | number)[][] = []
        const visit = (node: unknown, path: (string | number)[]) => {
          if (path.length > 0) paths.push(path)
          if (node && typeof node === 'object')
            for (const [k, v] of Object.entries(node)) visit(v, [...path, Array.isArray(node) ? Number(k) : k])
        }
        visit(copy, [])
        const path = paths[pick % paths.length]!
        let parent = copy as Record<string | number, unknown>
        for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
        parent[path.at(-1)!] = replacement
        return copy
      })
    let sent = 0
    for (const url of ['/fhir/ServiceRequest', '/fhir']) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), broken), async (body) => {
          const response = await context.app.inject({
            method: 'POST',
            url,
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/fhir+json' },
            payload: JSON.stringify(body),
          })
          sent += 1
          assert.ok(response.statusCode < 500, `POST ${url} answered ${response.statusCode}: ${response.body}`)
          if (response.statusCode >= 400) assert.match(response.body, /"resourceType":\s*"OperationOutcome"/)
        }),
        { numRuns: 100, seed: 20261205 },
      )
    }
    console.log(`fuzz: ${sent} FHIR bodies`)
  })
})
